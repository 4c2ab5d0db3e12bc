import { Button, Empty, Form, Input, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeView, StatisticsChainEntryView, StatisticsReportView } from '../../../generated/types.gen';
import { canCall } from '../../../shared/auth/me';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { useAcceptReport, useChain, useReports, useReturnReport, useSubmitReport, useSubmitSummary } from '../api';
import { ScrollRegion } from './FiguresTable';

const STATUS_COLOURS = { submitted: 'processing', returned: 'warning', accepted: 'success', reported: 'success' } as const;

export function ReportStatus({ report }: { report: Pick<StatisticsReportView, 'status' | 'latest'> }) {
  const { t } = useTranslation('statistics');
  return <Tag color={report.latest ? STATUS_COLOURS[report.status] : 'default'}>{report.latest ? t(`reports.status.${report.status}`) : t('reports.superseded')}</Tag>;
}

/** A bureau's report, or (`summary`) an office's summary to the office above. */
function SubmitDialog({ year, summary, correction, onClose }: { year: number; summary: boolean; correction: boolean; onClose: () => void }) {
  const { t } = useTranslation('statistics');
  const report = useSubmitReport();
  const summarise = useSubmitSummary();
  const submit = summary ? summarise : report;
  return (
    <WriteModal<{ narrative: string; correctionReason?: string }>
      title={t(summary ? 'reports.summaryTitle' : 'reports.submitTitle', { year })}
      okText={t('reports.submit')}
      fields={['narrative', 'correctionReason']}
      onSubmit={(values) => submit.mutateAsync({ year, ...values })}
      onClose={onClose}
    >
      <p className="ui-muted">{t(summary ? 'reports.summaryIntro' : 'reports.submitIntro')}</p>
      <Form.Item name="narrative" label={t('reports.narrative')} rules={[{ required: true, min: 10, message: t('reports.narrativeRule') }]}>
        <Input.TextArea rows={6} maxLength={20_000} />
      </Form.Item>
      {correction && (
        <Form.Item name="correctionReason" label={t('reports.correctionReason')} rules={[{ required: true, min: 5, message: t('reports.reasonRule') }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
    </WriteModal>
  );
}

function ReturnDialog({ report, onClose }: { report: StatisticsReportView; onClose: () => void }) {
  const { t } = useTranslation('statistics');
  const returning = useReturnReport();
  return (
    <WriteModal<{ reason: string }>
      title={t('reports.returnTitle', { name: report.jurisdiction.name, version: report.version })}
      okText={t('reports.return')}
      fields={['reason']}
      onSubmit={({ reason }) => returning.mutateAsync({ id: report.id, reason })}
      onClose={onClose}
    >
      <Form.Item name="reason" label={t('reports.returnReason')} rules={[{ required: true, min: 5, message: t('reports.reasonRule') }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </WriteModal>
  );
}

/** 报送进度 (R20): every report expected within one's jurisdiction for the year — whose, to whom, by when, where it stands, who is late. */
function ChainStatus({ year }: { year: number }) {
  const { t } = useTranslation('statistics');
  const chain = useChain(year);
  const late = chain.data?.entries.filter((entry) => entry.late).length ?? 0;
  return (
    <div className="stats-chain">
      <ErrorAlert error={chain.error} />
      <ScrollRegion label={t('reports.chain.title', { year })}>
        <Table<StatisticsChainEntryView>
          className="stats-table"
          data-testid="stats-chain"
          rowKey={(entry) => `${entry.jurisdiction.code}-${entry.kind}`}
          size="small"
          pagination={false}
          loading={chain.isPending}
          title={() => (
            <span>
              {t('reports.chain.title', { year })}
              {late > 0 && (
                <Tag color="error" className="stats-late-count">
                  {t('reports.chain.lateCount', { count: late })}
                </Tag>
              )}
            </span>
          )}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.chain.none')} /> }}
          dataSource={chain.data?.entries ?? []}
          columns={[
            { key: 'unit', title: t('reports.chain.unit'), render: (_, entry) => entry.organisation },
            { key: 'kind', title: t('reports.kindTitle'), render: (_, entry) => t(`reports.kind.${entry.kind}`) },
            {
              key: 'receiver',
              title: t('reports.chain.receiver'),
              render: (_, entry) => entry.receiver ?? (entry.jurisdiction.level === 1 && entry.kind === 'summary' ? t('reports.chain.province') : t('reports.chain.noOffice')),
            },
            { key: 'dueOn', title: t('reports.chain.dueOn'), render: (_, entry) => entry.dueOn },
            {
              key: 'state',
              title: t('reports.chain.state'),
              render: (_, entry) => (
                <span className="stats-report-actions">
                  {entry.report ? (
                    <Link to={`/statistics/reports/${entry.report.id}`}>
                      <Tag color={STATUS_COLOURS[entry.report.status]}>{`v${entry.report.version} ${t(`reports.status.${entry.report.status}`)}`}</Tag>
                    </Link>
                  ) : entry.importedFrom ? (
                    <Tag color="purple" title={entry.importedFrom.fileName}>
                      {t('reports.chain.imported')}
                    </Tag>
                  ) : (
                    <Tag>{t('reports.chain.missing')}</Tag>
                  )}
                  {entry.late && <Tag color="error">{t('reports.chain.late')}</Tag>}
                </span>
              ),
            },
          ]}
        />
      </ScrollRegion>
    </div>
  );
}

/** A bureau's year or an office's summary: submit it once the year has ended, or a correction once it was reviewed. */
function SubmitAction({
  year,
  yearComplete,
  summary,
  latest,
  onSubmit,
}: {
  year: number;
  yearComplete: boolean;
  summary: boolean;
  latest?: StatisticsReportView;
  onSubmit: () => void;
}) {
  const { t } = useTranslation('statistics');
  if (!yearComplete) return <p className="ui-muted">{t('reports.notEnded', { year })}</p>;
  if (latest?.status === 'submitted') return <p className="ui-muted">{t(summary ? 'reports.summaryAwaiting' : 'reports.awaiting')}</p>;
  return (
    <>
      {latest?.status === 'reported' && <p className="ui-muted">{t('reports.summaryReported')}</p>}
      <Button type="primary" onClick={onSubmit}>
        {latest ? t(summary ? 'reports.correctSummary' : 'reports.correct') : t(summary ? 'reports.submitSummary' : 'reports.submitYear', { year })}
      </Button>
    </>
  );
}

/**
 * 报送 (R20, P-35): a bureau's supervisor submits the ended year to the
 * joint-meeting office of its level; the office accepts or returns it and
 * submits its summary to the office above, which does the same — the
 * province's goes to the provincial government. Everyone in the chain sees
 * who has reported and the year's reports within their jurisdiction, every
 * version kept.
 */
export function ReportsPanel({ me, year, yearComplete }: { me: MeView; year: number; yearComplete: boolean }) {
  const { t } = useTranslation('statistics');
  const reports = useReports(year);
  const accept = useAcceptReport();
  const [submitting, setSubmitting] = useState<'bureau' | 'summary' | null>(null);
  const [returning, setReturning] = useState<StatisticsReportView | null>(null);
  const own = me.organisation.jurisdictionCode;
  const latestOf = (kind: 'bureau' | 'summary') => reports.data?.items.find((report) => report.jurisdiction.code === own && report.kind === kind && report.latest);
  // A year from before huijia, imported for one's own jurisdiction, is not reported here (R20 history).
  const ownImported = useChain(year).data?.entries.some((entry) => entry.jurisdiction.code === own && entry.importedFrom !== null) ?? false;
  const mayReview = (report: StatisticsReportView) =>
    canCall(me, 'statistics_reports_accept') && report.receivingJurisdictionCode === own && report.latest && report.status === 'submitted';
  return (
    <>
      <ErrorAlert error={reports.error ?? accept.error} />
      {ownImported && (
        <p className="ui-muted" data-testid="stats-reports-imported">
          {t('reports.imported', { year })}
        </p>
      )}
      {!ownImported && canCall(me, 'statistics_reports_submit') && (
        <div className="stats-actions">
          <SubmitAction year={year} yearComplete={yearComplete} summary={false} latest={latestOf('bureau')} onSubmit={() => setSubmitting('bureau')} />
        </div>
      )}
      {!ownImported && canCall(me, 'statistics_summaries_submit') && (
        <div className="stats-actions">
          <SubmitAction year={year} yearComplete={yearComplete} summary latest={latestOf('summary')} onSubmit={() => setSubmitting('summary')} />
        </div>
      )}
      <ChainStatus year={year} />
      <ScrollRegion label={t('reports.title', { year })}>
        <Table<StatisticsReportView>
          className="stats-table"
          data-testid="stats-reports"
          rowKey="id"
          size="small"
          pagination={false}
          title={() => t('reports.title', { year })}
          loading={reports.isPending}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.none')} /> }}
          dataSource={reports.data?.items ?? []}
          columns={[
            { key: 'jurisdiction', title: t('columns.jurisdiction'), render: (_, report) => report.jurisdiction.name },
            { key: 'kind', title: t('reports.kindTitle'), render: (_, report) => t(`reports.kind.${report.kind}`) },
            { key: 'version', title: t('reports.version'), render: (_, report) => `v${report.version}` },
            { key: 'status', title: t('reports.statusTitle'), render: (_, report) => <ReportStatus report={report} /> },
            {
              key: 'submitted',
              title: t('reports.submitted'),
              render: (_, report) => `${report.organisation} · ${report.submittedBy.displayName} · ${dayjs(report.submittedAt).format('YYYY-MM-DD HH:mm')}`,
            },
            {
              key: 'review',
              title: t('reports.review'),
              render: (_, report) => (report.review ? `${report.review.reviewedBy.displayName}${report.review.reason ? `：${report.review.reason}` : ''}` : '—'),
            },
            {
              key: 'actions',
              title: t('reports.actions'),
              render: (_, report) => (
                <span className="stats-report-actions">
                  <Link to={`/statistics/reports/${report.id}`}>{t('reports.open')}</Link>
                  {mayReview(report) && (
                    <>
                      <Button size="small" type="primary" onClick={() => accept.mutate(report.id)} loading={accept.isPending && accept.variables === report.id}>
                        {t('reports.accept')}
                      </Button>
                      <Button size="small" onClick={() => setReturning(report)}>
                        {t('reports.return')}
                      </Button>
                    </>
                  )}
                </span>
              ),
            },
          ]}
        />
      </ScrollRegion>
      {submitting && <SubmitDialog year={year} summary={submitting === 'summary'} correction={latestOf(submitting) !== undefined} onClose={() => setSubmitting(null)} />}
      {returning && <ReturnDialog report={returning} onClose={() => setReturning(null)} />}
    </>
  );
}
