import { Button, Segmented, Select, Skeleton, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { canCall, useMe } from '../../../shared/auth/me';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { JurisdictionCascader } from '../../../shared/ui/JurisdictionCascader';
import { Panel } from '../../../shared/ui/Panel';
import { useCatalogue, useExport, useFigures, type ExportFormat, type StatisticsView } from '../api';
import { ReportTables } from '../components/FiguresTable';
import { HistoryPanel } from '../components/HistoryPanel';
import { ReportsPanel } from '../components/ReportsPanel';
import '../statistics.css';

/** ECharts is big: its own chunk, loaded after the tables show. */
const Charts = lazy(async () => ({ default: (await import('../components/Charts')).Charts }));

/**
 * 年度统计 (R20): a year's figures for one's jurisdiction or one below it —
 * exact, as the reporting chain sees them, or as published outside it (R22:
 * small counts and the cells that would give them away withheld, marked *).
 * Year, division and view are kept in the URL.
 */
export default function StatisticsPage() {
  const { t, i18n } = useTranslation('statistics');
  const zh = i18n.language.startsWith('zh');
  const me = useMe().data;
  const root = me?.organisation.jurisdictionCode;
  const [params, setParams] = useSearchParams();
  const catalogue = useCatalogue();
  const year = Number(params.get('year')) || catalogue.data?.currentYear;
  const chosen = params.get('jurisdiction') ?? undefined;
  const view: StatisticsView = params.get('view') === 'exact' ? 'exact' : 'published';
  const figures = useFigures(year, chosen ?? root, view);
  const set = (name: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === undefined) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  const years = catalogue.data ? Array.from({ length: catalogue.data.currentYear - catalogue.data.firstYear + 1 }, (_, index) => catalogue.data.currentYear - index) : [];
  const data = figures.data;
  const exporting = useExport();
  const download = (format: ExportFormat) =>
    data &&
    exporting.mutate({
      year: data.year,
      jurisdictionCode: data.jurisdiction.code,
      format,
      filename: t('export.filename', { name: data.jurisdiction.name, year: data.year, format }),
    });

  return (
    // R22: a printed report leaves the chain — the exact view prints only a notice.
    <div className={`stats-page stats-view-${view}`}>
      <p className="stats-print-refusal">{t('export.printRefused')}</p>
      <Panel level={1} title={t('title')}>
        <p className="ui-muted">{t('intro')}</p>
        <div className="stats-controls">
          <label className="stats-control">
            <span>{t('year')}</span>
            <Select
              aria-label={t('year')}
              value={year}
              onChange={(value) => set('year', String(value))}
              options={years.map((value) => ({ value, label: t('yearOption', { year: value }) }))}
              style={{ width: 120 }}
            />
          </label>
          {/* A county has none below it to choose. */}
          {root?.endsWith('00') && (
            <div className="stats-control">
              <span>{t('jurisdiction')}</span>
              <JurisdictionCascader root={root} label={t('jurisdiction')} value={chosen} onChange={(code) => set('jurisdiction', code)} />
            </div>
          )}
          <div className="stats-control">
            <span id="stats-view-label">{t('view.label')}</span>
            <Segmented<StatisticsView>
              aria-labelledby="stats-view-label"
              value={view}
              onChange={(value) => set('view', value === 'published' ? undefined : value)}
              options={[
                { value: 'published', label: t('view.published') },
                { value: 'exact', label: t('view.exact') },
              ]}
            />
          </div>
        </div>
        <ErrorAlert error={catalogue.error ?? figures.error ?? exporting.error} />
        {data && (
          <div className="stats-status" data-testid="stats-status" role="status">
            <p>
              {t('status.of', { year: data.year, name: data.jurisdiction.name })}
              {data.yearComplete ? t('status.complete') : t('status.running', { day: data.asOfDay })}
            </p>
            <p>{view === 'published' ? t('status.published', { k: data.minCell, count: data.suppressedCells }) : t('status.exact')}</p>
            {data.importedFrom && (
              <p data-testid="stats-imported">
                <Tag color="purple">{t('history.tag')}</Tag>
                {t('status.imported', { file: data.importedFrom.fileName, version: data.importedFrom.version, day: dayjs(data.importedFrom.importedAt).format('YYYY-MM-DD') })}
              </p>
            )}
          </div>
        )}
        {data && (
          <Space wrap className="stats-actions">
            <Button onClick={() => download('xlsx')} loading={exporting.isPending && exporting.variables?.format === 'xlsx'}>
              {t('export.xlsx')}
            </Button>
            <Button onClick={() => download('csv')} loading={exporting.isPending && exporting.variables?.format === 'csv'}>
              {t('export.csv')}
            </Button>
            {view === 'published' && <Button onClick={() => window.print()}>{t('export.print')}</Button>}
            <span className="ui-muted">{t('export.note')}</span>
          </Space>
        )}
      </Panel>
      {me && data && (
        <Panel title={t('reports.panel')}>
          <ReportsPanel me={me} year={data.year} yearComplete={data.yearComplete} />
        </Panel>
      )}
      {me && data && catalogue.data && canCall(me, 'statistics_imports_create') && (
        <Panel title={t('history.panel', { from: catalogue.data.firstYear })}>
          <HistoryPanel jurisdiction={data.jurisdiction} firstYear={catalogue.data.firstYear} currentYear={catalogue.data.currentYear} />
        </Panel>
      )}
      {data && catalogue.data && (
        <Panel title={t('charts.title')}>
          {view === 'published' && <p className="ui-muted">{t('charts.note')}</p>}
          <Suspense fallback={<Skeleton active />}>
            <Charts figures={data} catalogue={catalogue.data} view={view} />
          </Suspense>
        </Panel>
      )}
      {data && catalogue.data && <ReportTables figures={data} catalogue={catalogue.data} />}
      {catalogue.data && (
        <Panel title={t('definitions')}>
          <dl className="stats-definitions">
            {catalogue.data.indicators.map((indicator) => (
              <div key={indicator.id}>
                <dt>
                  {zh ? indicator.title.zh : indicator.title.en} <span className="ui-muted">{indicator.rules.join(' · ')}</span>
                </dt>
                <dd>{zh ? indicator.definition.zh : indicator.definition.en}</dd>
              </div>
            ))}
          </dl>
        </Panel>
      )}
    </div>
  );
}
