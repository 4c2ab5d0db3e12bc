import { Button, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../generated/types.gen';
import { canCall, useMe } from '../../shared/auth/me';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useFollowupPlan, type Visit } from './api';
import { VisitForm } from './components/VisitForm';

type Shown = 'done' | 'scheduled' | 'overdue' | 'cancelled';
const COLOR: Record<Shown, string> = { done: 'success', scheduled: 'blue', overdue: 'red', cancelled: 'default' };
const day = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD') : '—');

/** The states a file has a plan in (R17: made on reunification or local resettlement; kept through follow-up). */
const PLANNED: readonly FileView['state'][] = ['reunified', 'locally_resettled', 'follow_up'];

/** A scheduled visit whose day has passed is overdue. */
const shownStatus = (visit: Visit, today: string): Shown => (visit.status === 'scheduled' && visit.dueOn < today ? 'overdue' : visit.status);

/** 回访 (R17): the follow-up plan — the visits due, done and overdue — and recording a visit. */
export function FollowupTab({ file }: { file: FileView }) {
  const { t } = useTranslation('followup');
  const me = useMe();
  const coming = PLANNED.includes(file.state);
  const plan = useFollowupPlan(file.id, coming);
  const [recording, setRecording] = useState<Visit | null>(null);
  if (plan.error) return <ErrorAlert error={plan.error} />;
  if (plan.isPending) return <p className="ui-empty">{t('common:states.loading')}</p>;
  const data = plan.data;
  if (!data) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span role="status">{t(coming ? 'planComing' : 'noPlan')}</span>} />;
  const today = dayjs().format('YYYY-MM-DD');
  const canRecord = canCall(me.data, 'followup_record_visit') && data.status === 'active' && file.state !== 'closed';
  const counts = data.visits.reduce<Record<Shown, number>>((sum, visit) => ({ ...sum, [shownStatus(visit, today)]: sum[shownStatus(visit, today)] + 1 }), {
    done: 0,
    scheduled: 0,
    overdue: 0,
    cancelled: 0,
  });
  const next = data.visits.find((visit) => visit.status === 'scheduled');

  return (
    <div className="file-tab">
      <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
        <Descriptions.Item label={t('plan.status')}>{t(`planStatus.${data.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('plan.period')}>
          {day(data.startsOn)} – {day(data.endsOn)}
        </Descriptions.Item>
        <Descriptions.Item label={t('plan.next')}>{next ? day(next.dueOn) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('plan.counts')} span={3}>
          {t('plan.countsText', counts)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2} className="file-section-title">
        {t('visits')}
      </Typography.Title>
      <Table<Visit>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data.visits}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('columns.seq'), dataIndex: 'seq', width: 60 },
          { title: t('columns.dueOn'), dataIndex: 'dueOn', render: day },
          {
            title: t('columns.status'),
            key: 'status',
            render: (_, visit) => {
              const shown = shownStatus(visit, today);
              return <Tag color={COLOR[shown]}>{t(`status.${shown}`)}</Tag>;
            },
          },
          { title: t('columns.visitedOn'), dataIndex: 'visitedOn', render: day, responsive: ['sm'] },
          { title: t('columns.assignee'), dataIndex: 'assignee', render: (value: string | null) => value ?? '—', responsive: ['md'] },
          {
            title: t('columns.found'),
            key: 'found',
            render: (_, visit) => (visit.livingSituation ? <span className="file-prose">{visit.livingSituation}</span> : '—'),
            responsive: ['md'],
          },
          {
            title: t('columns.actions'),
            key: 'actions',
            render: (_, visit) =>
              canRecord && visit.status === 'scheduled' ? (
                <Button size="small" onClick={() => setRecording(visit)}>
                  {t('actions.record')}
                </Button>
              ) : null,
          },
        ]}
      />
      {recording && <VisitForm fileId={file.id} visit={recording} onClose={() => setRecording(null)} onDone={() => setRecording(null)} />}
    </div>
  );
}
