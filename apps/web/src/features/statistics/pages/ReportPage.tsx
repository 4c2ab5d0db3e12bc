import { Descriptions } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { NotFoundResult } from '../../../shared/ui/NotFoundResult';
import { Panel } from '../../../shared/ui/Panel';
import { ApiError } from '../../../shared/api/api-error';
import { useCatalogue, useReport } from '../api';
import { ReportTables } from '../components/FiguresTable';
import { ReportStatus } from '../components/ReportsPanel';
import '../statistics.css';

/** One version of a bureau's year or an office's summary as submitted (R20): its narrative, its review, what a summary is made of, and the exact figures frozen then. */
export default function ReportPage() {
  const { t } = useTranslation('statistics');
  const { id = '' } = useParams();
  const report = useReport(id);
  const catalogue = useCatalogue();
  if (report.error instanceof ApiError && report.error.status === 404) return <NotFoundResult />;
  const data = report.data;
  return (
    <>
      <Panel
        level={1}
        title={
          data
            ? t(data.kind === 'summary' ? 'reports.headingSummary' : 'reports.heading', { name: data.jurisdiction.name, year: data.year, version: data.version })
            : t('reports.loading')
        }
      >
        <p>
          <Link to={data ? `/statistics?year=${data.year}` : '/statistics'}>{t('reports.back')}</Link>
        </p>
        <ErrorAlert error={report.error ?? catalogue.error} />
        {data && (
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'status', label: t('reports.statusTitle'), children: <ReportStatus report={data} /> },
              {
                key: 'submitted',
                label: t('reports.submitted'),
                children: `${data.organisation} · ${data.submittedBy.displayName} · ${dayjs(data.submittedAt).format('YYYY-MM-DD HH:mm')}`,
              },
              ...(data.sources.length > 0
                ? [
                    {
                      key: 'sources',
                      label: t('reports.sources'),
                      children: (
                        <ul className="stats-sources">
                          {data.sources.map((source) => (
                            <li key={source.id}>
                              <Link to={`/statistics/reports/${source.id}`}>{`${source.jurisdiction.name} · ${t(`reports.kind.${source.kind}`)} · v${source.version}`}</Link>
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]
                : []),
              ...(data.correctionReason ? [{ key: 'correction', label: t('reports.correctionReason'), children: data.correctionReason }] : []),
              ...(data.review
                ? [
                    {
                      key: 'review',
                      label: t('reports.review'),
                      children: `${t(`reports.status.${data.review.decision}`)} · ${data.review.reviewedBy.displayName} · ${dayjs(data.review.reviewedAt).format('YYYY-MM-DD HH:mm')}${data.review.reason ? ` · ${data.review.reason}` : ''}`,
                    },
                  ]
                : []),
              { key: 'narrative', label: t('reports.narrative'), children: <p className="stats-narrative">{data.narrative}</p> },
            ]}
          />
        )}
        {data && <p className="ui-muted">{t('reports.frozen', { day: data.figures.asOfDay })}</p>}
      </Panel>
      {data && catalogue.data && <ReportTables figures={data.figures} catalogue={catalogue.data} />}
    </>
  );
}
