import { Button, Card, Empty, Flex, List, Progress, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidatePage, CandidateView, FileView, LeadView, MatchFeatures } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { messageHalf } from '../../../shared/i18n/message-half';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useCandidates, useFileTracing } from '../api';
import { DismissForm, DnaReferralForm } from './CandidateForms';
import { DutyNoticeForm, LeadForm, LeadOutcomeForm } from './RecordForms';
import '../tracing.css';
import { RecordTable } from '../../../shared/ui/RecordTable';

const FEATURES: readonly (keyof MatchFeatures)[] = ['name', 'age', 'place', 'sex', 'marks', 'time'];
const STATUS_COLOR: Record<CandidateView['status'], string | undefined> = {
  open: 'blue',
  dismissed: 'default',
  referred_to_police: 'orange',
  confirmed: undefined,
  ruled_out: 'red',
};
const LEAD_STATUS_COLOR: Record<LeadView['status'], string | undefined> = { open: 'blue', confirmed: undefined, ruled_out: 'default' };
const percent = (score: number) => Math.round(score * 100);
const day = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD') : '—');

/** One candidate: its total, a bar per feature with why (R8), and the caseworker's two steps. */
function CandidateCard({ fileId, candidate, canDismiss, canRefer }: { fileId: string; candidate: CandidateView; canDismiss: boolean; canRefer: boolean }) {
  const { t, i18n } = useTranslation('tracing');
  const [open, setOpen] = useState<'dismiss' | 'refer' | null>(null);
  const actionable = candidate.status === 'open';
  return (
    <Card
      size="small"
      className="tracing-candidate"
      title={
        <Space wrap>
          <span>{t('candidate.request', { reference: candidate.requestReference })}</span>
          <Tag color={STATUS_COLOR[candidate.status]} className={candidate.status === 'confirmed' ? 'ui-tag-done' : undefined}>
            {t(`status.${candidate.status}`)}
          </Tag>
        </Space>
      }
      extra={<span className="tracing-total">{t('candidate.score', { score: percent(candidate.score) })}</span>}
    >
      <ul className="tracing-features" aria-label={t('candidate.features')}>
        {FEATURES.map((key) => {
          const feature = candidate.features[key];
          return (
            <li key={key}>
              <span className="tracing-feature-name">{t(`feature.${key}`)}</span>
              <span className="tracing-feature-bar">
                <Progress percent={percent(feature.score)} size="small" status="normal" showInfo={false} aria-label={t(`feature.${key}`)} />
                <span>{percent(feature.score)}%</span>
              </span>
              <span className="tracing-feature-why">
                {messageHalf(feature.why, i18n.language)} · {t('candidate.weight', { weight: percent(feature.weight) })}
              </span>
            </li>
          );
        })}
      </ul>
      {candidate.dismissedReason && <Typography.Paragraph type="secondary">{t('candidate.dismissedReason', { reason: candidate.dismissedReason })}</Typography.Paragraph>}
      {actionable && (canDismiss || canRefer) && (
        <Space wrap>
          {canRefer && (
            <Button type="primary" onClick={() => setOpen('refer')}>
              {t('actions.refer')}
            </Button>
          )}
          {canDismiss && <Button onClick={() => setOpen('dismiss')}>{t('actions.dismiss')}</Button>}
        </Space>
      )}
      {open === 'dismiss' && <DismissForm fileId={fileId} candidateId={candidate.id} onClose={() => setOpen(null)} />}
      {open === 'refer' && <DnaReferralForm fileId={fileId} candidateId={candidate.id} onClose={() => setOpen(null)} />}
    </Card>
  );
}

/** The candidates, open ones first, the best first, 加载更多 while the API has more (keyset pages). */
function CandidateList({ fileId, first, fetchedAt, canDismiss, canRefer }: { fileId: string; first: CandidatePage; fetchedAt: number; canDismiss: boolean; canRefer: boolean }) {
  const { t } = useTranslation('tracing');
  const candidates = useCandidates(fileId, first, fetchedAt);
  const items = candidates.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('candidate.none')} />;
  return (
    <>
      <ErrorAlert error={candidates.error} />
      <div className="tracing-candidates">
        {items.map((candidate) => (
          <CandidateCard key={candidate.id} fileId={fileId} candidate={candidate} canDismiss={canDismiss} canRefer={canRefer} />
        ))}
      </div>
      {candidates.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void candidates.fetchNextPage()} loading={candidates.isFetchingNextPage}>
            {t('common:actions.loadMore')}
          </Button>
        </Flex>
      )}
    </>
  );
}

/** R8: a lead, its status, and what following it up found; an open one may be followed up. */
function LeadItem({ lead, canCheck, onCheck }: { lead: LeadView; canCheck: boolean; onCheck: () => void }) {
  const { t } = useTranslation('tracing');
  return (
    <List.Item
      className="tracing-lead"
      actions={
        canCheck && lead.status === 'open'
          ? [
              <Button key="check" size="small" onClick={onCheck} aria-label={t('leads.checkThis', { text: lead.text })}>
                {t('leads.check')}
              </Button>,
            ]
          : undefined
      }
    >
      <Flex vertical gap={4}>
        <Space wrap>
          <Tag>{t(`leadKind.${lead.kind}`)}</Tag>
          <span className="file-prose">{lead.text}</span>
          <Tag color={LEAD_STATUS_COLOR[lead.status]} className={lead.status === 'confirmed' ? 'ui-tag-done' : undefined}>
            {t(`leadStatus.${lead.status}`)}
          </Tag>
        </Space>
        <Typography.Text type="secondary">
          {t('leads.source', { source: t(`leadSource.${lead.source}`), at: day(lead.recordedAt) })}
          {lead.placeCode ? ` · ${t('leads.place', { code: lead.placeCode })}` : ''}
        </Typography.Text>
        {lead.status !== 'open' && (
          <Typography.Text className="file-prose">{t('leads.checked', { on: day(lead.checkedOn), by: lead.checkedBy ?? '—', note: lead.outcomeNote ?? '' })}</Typography.Text>
        )}
      </Flex>
    </List.Item>
  );
}

type Open = { kind: 'lead' } | { kind: 'outcome'; leadId: string } | { kind: 'duty' } | null;

/** 寻亲 (R8–R10): the leads and what following them up found, the candidates and why they rank, the DNA comparisons asked of the police and their outcomes, the duty-of-care notices. */
export default function TracingTab({ file }: { file: FileView }) {
  const { t } = useTranslation('tracing');
  const me = useMe();
  const tracing = useFileTracing(file.id);
  const [open, setOpen] = useState<Open>(null);
  if (tracing.error) return <ErrorAlert error={tracing.error} />;
  if (tracing.isPending) return <p className="ui-empty">{t('common:states.loading')}</p>;
  const data = tracing.data;
  const writable = file.state !== 'closed';
  const canDismiss = canCall(me.data, 'tracing_candidates_dismiss');
  const canRefer = canCall(me.data, 'tracing_dna_request');
  const canAddLead = writable && canCall(me.data, 'tracing_leads_add');
  const canCheckLead = writable && canCall(me.data, 'tracing_leads_outcome');
  const canNotify = writable && canCall(me.data, 'tracing_duty_notices_record');
  const close = () => setOpen(null);
  return (
    <div className="file-tab">
      <div className="file-section-head">
        <Typography.Title level={2} className="file-section-title">
          {t('leads.title')}
        </Typography.Title>
        {canAddLead && <Button onClick={() => setOpen({ kind: 'lead' })}>{t('leads.add')}</Button>}
      </div>
      <List
        size="small"
        dataSource={data.leads}
        locale={{ emptyText: <span className="ui-empty">{t('leads.none')}</span> }}
        renderItem={(lead) => <LeadItem lead={lead} canCheck={canCheckLead} onCheck={() => setOpen({ kind: 'outcome', leadId: lead.id })} />}
      />
      <Typography.Title level={2} className="file-section-title">
        {t('candidate.title')}
      </Typography.Title>
      <CandidateList fileId={file.id} first={data.candidates} fetchedAt={tracing.dataUpdatedAt} canDismiss={canDismiss} canRefer={canRefer} />
      <Typography.Title level={2} className="file-section-title">
        {t('dna.title')}
      </Typography.Title>
      <RecordTable
        rows={data.dnaComparisons}
        empty={t('dna.none')}
        columns={[
          { title: t('dna.police'), dataIndex: 'police' },
          { title: t('dna.reference'), dataIndex: 'policeReference' },
          { title: t('dna.requestedOn'), dataIndex: 'requestedOn', render: day },
          { title: t('dna.outcome'), dataIndex: 'outcome', render: (outcome: string) => <Tag>{t(`outcome.${outcome}`)}</Tag> },
          { title: t('dna.reportedOn'), dataIndex: 'reportedOn', render: day },
          { title: t('dna.reportReference'), dataIndex: 'reportReference', render: (value: string | null) => value ?? '—' },
        ]}
      />
      {data.refusedPaternityTests.length > 0 && (
        <>
          <Typography.Title level={2} className="file-section-title">
            {t('paternity.title')}
          </Typography.Title>
          <List
            size="small"
            dataSource={data.refusedPaternityTests}
            renderItem={(test) => <List.Item>{t('paternity.item', { by: test.offeredBy, on: day(test.offeredOn), note: test.note ?? '' })}</List.Item>}
          />
        </>
      )}
      <div className="file-section-head">
        <Typography.Title level={2} className="file-section-title">
          {t('duty.title')}
        </Typography.Title>
        {canNotify && <Button onClick={() => setOpen({ kind: 'duty' })}>{t('duty.add')}</Button>}
      </div>
      <List
        size="small"
        dataSource={data.dutyOfCareNotices}
        locale={{ emptyText: <span className="ui-empty">{t('duty.none')}</span> }}
        renderItem={(notice) => (
          <List.Item className="tracing-duty">
            <Flex vertical gap={4}>
              <span>{t('duty.item', { relatives: notice.relatives, on: day(notice.notifiedOn), method: t(`dutyMethod.${notice.method}`) })}</span>
              {notice.note && (
                <Typography.Text type="secondary" className="file-prose">
                  {notice.note}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
      {open?.kind === 'lead' && <LeadForm fileId={file.id} onClose={close} />}
      {open?.kind === 'outcome' && <LeadOutcomeForm fileId={file.id} leadId={open.leadId} onClose={close} />}
      {open?.kind === 'duty' && <DutyNoticeForm fileId={file.id} onClose={close} />}
    </div>
  );
}
