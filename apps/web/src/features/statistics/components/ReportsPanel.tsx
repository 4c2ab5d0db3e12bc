import { Button, Empty, Form, Input, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeView, StatisticsReportView } from '../../../generated/types.gen';
import { canCall } from '../../../shared/auth/me';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { useAcceptReport, useReports, useReturnReport, useSubmitReport } from '../api';
import { ScrollRegion } from './FiguresTable';

const STATUS_COLOURS = { submitted: 'processing', returned: 'warning', accepted: 'success' } as const;

export function ReportStatus({ report }: { report: Pick<StatisticsReportView, 'status' | 'latest'> }) {
  const { t } = useTranslation('statistics');
  return <Tag color={report.latest ? STATUS_COLOURS[report.status] : 'default'}>{report.latest ? t(`reports.status.${report.status}`) : t('reports.superseded')}</Tag>;
}

function SubmitDialog({ year, correction, onClose }: { year: number; correction: boolean; onClose: () => void }) {
  const { t } = useTranslation('statistics');
  const submit = useSubmitReport();
  return (
    <WriteModal<{ narrative: string; correctionReason?: string }>
      title={t('reports.submitTitle', { year })}
      okText={t('reports.submit')}
      fields={['narrative', 'correctionReason']}
      onSubmit={(values) => submit.mutateAsync({ year, ...values })}
      onClose={onClose}
    >
      <p className="ui-muted">{t('reports.submitIntro')}</p>
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

/**
 * 报送 (R20): a bureau's supervisor submits the ended year to the joint-meeting
 * office of its level (a correction with its reason); the office's
 * statistician returns it or accepts it; everyone in the chain sees the
 * year's reports within their jurisdiction, every version kept.
 */
export function ReportsPanel({ me, year, yearComplete }: { me: MeView; year: number; yearComplete: boolean }) {
  const { t } = useTranslation('statistics');
  const reports = useReports(year);
  const accept = useAcceptReport();
  const [submitting, setSubmitting] = useState(false);
  const [returning, setReturning] = useState<StatisticsReportView | null>(null);
  const own = me.organisation.jurisdictionCode;
  const ownLatest = reports.data?.items.find((report) => report.jurisdiction.code === own && report.latest);
  const mayReview = (report: StatisticsReportView) =>
    canCall(me, 'statistics_reports_accept') && report.jurisdiction.code === own && report.latest && report.status === 'submitted';
  return (
    <>
      <ErrorAlert error={reports.error ?? accept.error} />
      {canCall(me, 'statistics_reports_submit') && (
        <div className="stats-actions">
          {yearComplete ? (
            ownLatest?.status === 'submitted' ? (
              <p className="ui-muted">{t('reports.awaiting')}</p>
            ) : (
              <Button type="primary" onClick={() => setSubmitting(true)}>
                {ownLatest ? t('reports.correct') : t('reports.submitYear', { year })}
              </Button>
            )
          ) : (
            <p className="ui-muted">{t('reports.notEnded', { year })}</p>
          )}
        </div>
      )}
      <ScrollRegion label={t('reports.title', { year })}>
        <Table<StatisticsReportView>
          className="stats-table"
          data-testid="stats-reports"
          rowKey="id"
          size="small"
          pagination={false}
          loading={reports.isPending}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.none')} /> }}
          dataSource={reports.data?.items ?? []}
          columns={[
            { key: 'jurisdiction', title: t('columns.jurisdiction'), render: (_, report) => report.jurisdiction.name },
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
      {submitting && <SubmitDialog year={year} correction={ownLatest !== undefined} onClose={() => setSubmitting(false)} />}
      {returning && <ReturnDialog report={returning} onClose={() => setReturning(null)} />}
    </>
  );
}
