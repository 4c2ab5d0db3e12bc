import { Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarLoadedYearView } from '../../../generated/types.gen';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useCalendarStatus, useCalendarYear } from '../api';
import { LoadYearForm } from '../components/LoadYearForm';

/**
 * 工作日历 (R18's deadlines in working days): the loaded years, the warning
 * /health/ready gives when this year or next is missing (by the server's
 * clock), a year's holidays and 调休 working days, and loading a year.
 */
export default function CalendarPage() {
  const { t, i18n } = useTranslation('admin');
  const language = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const status = useCalendarStatus();
  const [chosen, setChosen] = useState<number | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  const current = status.data?.currentYear;
  const shown = chosen ?? current;
  const year = useCalendarYear(shown);
  const missing = status.data?.missing ?? [];
  const years = [...new Set([...(status.data?.years.map((loaded) => loaded.year) ?? []), ...(current ? [current, current + 1] : [])])].sort((a, b) => b - a);

  return (
    <>
      <Panel level={1} title={t('calendar.title')}>
        <p className="ui-muted">{t('calendar.intro')}</p>
        <ErrorAlert error={status.error} />
        {notice && (
          <p role="status" className="admin-notice">
            {notice}
          </p>
        )}
        {status.data &&
          (missing.length > 0 ? (
            <div role="alert" className="ui-error" data-testid="calendar-missing">
              {t('calendar.missing', { years: missing.join(', ') })}
            </div>
          ) : (
            <p className="admin-notice" data-testid="calendar-complete">
              {t('calendar.allLoaded')}
            </p>
          ))}
        <h2 className="card-title">{t('calendar.loaded')}</h2>
        {/* Paged, not scrolled: a 390 px screen shows the four columns, and the pager is reachable by keyboard. */}
        <Table<CalendarLoadedYearView>
          rowKey="year"
          size="small"
          pagination={{ pageSize: 5, size: 'small', hideOnSinglePage: true }}
          loading={status.isPending}
          dataSource={status.data?.years ?? []}
          columns={[
            { title: t('calendar.columns.year'), key: 'year', render: (_, row) => row.year },
            { title: t('calendar.columns.holidays'), key: 'holidays', render: (_, row) => row.holidays },
            { title: t('calendar.columns.workdays'), key: 'workdays', render: (_, row) => row.workdays },
            {
              title: t('calendar.columns.source'),
              key: 'source',
              render: (_, row) => `${t(`calendar.sources.${row.source}`)} ${dayjs(row.loadedAt).format('YYYY-MM-DD')}`,
            },
          ]}
        />
      </Panel>
      <Panel
        title={shown ? `${shown}` : t('calendar.view')}
        extra={
          <Select aria-label={t('calendar.view')} value={shown} onChange={setChosen} options={years.map((value) => ({ value, label: String(value) }))} style={{ width: 120 }} />
        }
      >
        <ErrorAlert error={year.error} />
        {year.data && !year.data.loaded && <p className="ui-error">{t('calendar.notLoaded')}</p>}
        {year.data &&
          (year.data.exceptions.length ? (
            <ul className="admin-days">
              {year.data.exceptions.map((day) => (
                <li key={day.date}>
                  <span>{day.date}</span>
                  <Tag color={day.isWorkday ? 'orange' : 'green'}>{t(day.isWorkday ? 'calendar.workday' : 'calendar.holiday')}</Tag>
                  <span>{day.name[language]}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="ui-empty">{t('calendar.noExceptions')}</p>
          ))}
      </Panel>
      {current && (
        <Panel title={t('calendar.load.title')}>
          <LoadYearForm
            defaultYear={missing[0] ?? current + 1}
            onLoaded={(message, loaded) => {
              setNotice(message);
              setChosen(loaded);
            }}
          />
        </Panel>
      )}
    </>
  );
}
