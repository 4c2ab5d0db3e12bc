import { Button, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView, StayView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useStay } from '../api';
import { StayRecordForm, type StayForm } from './actions/stayForms';
import { RecordTable } from '../../../shared/ui/RecordTable';

const minute = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—');

/** The stay in the institution (GET /files/:id/stay): arrival, care notes, leaves (overdue ones marked), departure; the staff's forms. */
export function StaySection({ file }: { file: FileView }) {
  const { t } = useTranslation('files');
  const me = useMe();
  const stay = useStay(file.id);
  const [open, setOpen] = useState<{ kind: StayForm; leaveId?: string } | null>(null);
  if (stay.error) return <ErrorAlert error={stay.error} />;
  if (stay.isPending) return <p className="ui-empty">{t('common:states.loading')}</p>;
  const current = stay.data.current;
  const may = (operation: string) => canCall(me.data, operation);
  const close = () => setOpen(null);
  return (
    <section aria-label={t('stay.title')}>
      <div className="file-section-head">
        <Typography.Title level={2} className="file-section-title">
          {t('stay.title')}
        </Typography.Title>
        {current && !current.departure && (
          <Space wrap>
            {!current.arrival && may('stay_arrival') && <Button onClick={() => setOpen({ kind: 'arrival' })}>{t('stay.actions.arrival')}</Button>}
            {current.arrival && may('stay_add_note') && <Button onClick={() => setOpen({ kind: 'note' })}>{t('stay.actions.note')}</Button>}
            {current.arrival && !current.onLeave && may('stay_leave') && <Button onClick={() => setOpen({ kind: 'leave' })}>{t('stay.actions.leave')}</Button>}
            {may('stay_departure') && <Button onClick={() => setOpen({ kind: 'departure' })}>{t('stay.actions.departure')}</Button>}
          </Space>
        )}
      </div>
      {current ? (
        <StayDetails stay={current} canReturn={may('stay_return')} onReturn={(leaveId) => setOpen({ kind: 'return', leaveId })} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stay.none')} />
      )}
      {stay.data.earlier.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t('stay.earlier', { list: stay.data.earlier.map((item) => `${item.institution.name} ${minute(item.departure?.departedAt)}`).join('；') })}
        </Typography.Paragraph>
      )}
      {open && <StayRecordForm kind={open.kind} leaveId={open.leaveId} fileId={file.id} version={file.version} onClose={close} onDone={close} />}
    </section>
  );
}

function StayDetails({ stay, canReturn, onReturn }: { stay: StayView; canReturn: boolean; onReturn: (leaveId: string) => void }) {
  const { t } = useTranslation('files');
  return (
    <>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label={t('payload.institution')}>
          {stay.institution.name}
          {stay.onLeave && (
            <Tag color={stay.overdueLeave ? 'red' : 'orange'} style={{ marginLeft: 8 }}>
              {t(stay.overdueLeave ? 'stay.overdue' : 'stay.onLeave')}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('stay.arrivedAt')}>{minute(stay.arrival?.arrivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('stay.room')}>{[stay.arrival?.unit, stay.arrival?.room].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('stay.departedAt')}>
          {stay.departure ? `${minute(stay.departure.departedAt)} · ${t(`stay.reason.${stay.departure.reason}`)}` : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} className="file-section-title" style={{ fontSize: 15 }}>
        {t('stay.notes')}
      </Typography.Title>
      <List
        size="small"
        dataSource={stay.notes}
        locale={{ emptyText: <span className="ui-empty">{t('stay.noNotes')}</span> }}
        renderItem={(note) => (
          <List.Item>
            <List.Item.Meta
              title={`${minute(note.notedAt)} · ${note.author.displayName}`}
              description={note.correctedByNoteIds.length > 0 ? t('stay.corrected') : note.correctsNoteId ? t('stay.correction') : undefined}
            />
            <div className="file-prose">{note.text}</div>
          </List.Item>
        )}
      />
      <Typography.Title level={3} className="file-section-title" style={{ fontSize: 15 }}>
        {t('stay.leaves')}
      </Typography.Title>
      <RecordTable
        rows={stay.leaves}
        empty={t('stay.noLeaves')}
        columns={[
          { title: t('stay.leftAt'), dataIndex: 'leftAt', render: minute },
          { title: t('stay.expectedBackAt'), dataIndex: 'expectedBackAt', render: minute },
          { title: t('stay.leaveReason'), dataIndex: 'reason' },
          {
            title: t('stay.returnedAt'),
            key: 'returnedAt',
            render: (_: unknown, leave: StayView['leaves'][number]) =>
              leave.returnedAt ? (
                minute(leave.returnedAt)
              ) : (
                <Space>
                  {leave.overdue && <Tag color="red">{t('stay.overdue')}</Tag>}
                  {canReturn && (
                    <Button size="small" onClick={() => onReturn(leave.id)}>
                      {t('stay.actions.return')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
    </>
  );
}
