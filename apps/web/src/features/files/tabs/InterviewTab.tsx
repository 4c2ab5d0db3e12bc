import { Button, Descriptions, Empty, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useInterview } from '../api';
import { AddendumForm } from '../components/actions/recordForms';

const minute = (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm');

/** 询问笔录 (R2): the one interview as recorded, and its addenda. */
export default function InterviewTab({ file }: { file: FileView }) {
  const { t } = useTranslation('files');
  const me = useMe();
  const interview = useInterview(file.id);
  const [adding, setAdding] = useState(false);
  if (interview.error) return <ErrorAlert error={interview.error} />;
  if (interview.isPending) return <p className="ui-empty">{t('common:states.loading')}</p>;
  const data = interview.data;
  if (!data) return <Empty description={t('interview.missing')} />;
  const consents = Object.entries(data.consents).filter(([, consent]) => consent.given);
  return (
    <div className="file-tab">
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label={t('interview.conductedAt')}>{minute(data.conductedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('interview.place')}>{data.place ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('interview.language')}>{t(`language.${data.language}`, { defaultValue: data.language })}</Descriptions.Item>
        <Descriptions.Item label={t('interview.interpreter')}>{data.interpreter ? `${data.interpreter.name}（${data.interpreter.language}）` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('interview.attendees')} span={2}>
          {data.attendees.map((attendee) => [attendee.name, attendee.role, attendee.agency].filter(Boolean).join(' ')).join('；') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('interview.circumstances')} span={2}>
          <div className="file-prose">{data.circumstances}</div>
        </Descriptions.Item>
        <Descriptions.Item label={t('interview.needs')} span={2}>
          {data.needs.map((need) => (
            <Tag key={need}>{t(`needs.${need}`, { defaultValue: need })}</Tag>
          ))}
          {data.needsNote && <div className="file-prose">{data.needsNote}</div>}
        </Descriptions.Item>
        <Descriptions.Item label={t('interview.risks')}>{data.risks ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('interview.wishes')}>{data.wishes ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('interview.consents')} span={2}>
          {consents.length === 0
            ? '—'
            : consents.map(([category, consent]) => (
                <Tag key={category} color="green">
                  {t(`consent.${category}`, { defaultValue: category })} · {t(`consent.${consent.by}`)}
                </Tag>
              ))}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('interview.recordedBy', { by: data.recordedBy, at: minute(data.recordedAt) })}
      </Typography.Paragraph>

      <div className="file-section-head">
        <Typography.Title level={2} className="file-section-title">
          {t('interview.addenda')}
        </Typography.Title>
        {canCall(me.data, 'interview_add_addendum') && <Button onClick={() => setAdding(true)}>{t('actions.addendum')}</Button>}
      </div>
      <List
        dataSource={data.addenda}
        locale={{ emptyText: <span className="ui-empty">{t('interview.noAddenda')}</span> }}
        renderItem={(addendum) => (
          <List.Item>
            <List.Item.Meta
              title={
                <>
                  <Tag>{t(`section.${addendum.section}`, { defaultValue: addendum.section })}</Tag> {addendum.reason}
                </>
              }
              description={t('interview.recordedBy', { by: addendum.recordedBy, at: minute(addendum.recordedAt) })}
            />
            <div className="file-prose">{addendum.text}</div>
          </List.Item>
        )}
      />
      {adding && <AddendumForm fileId={file.id} version={file.version} onClose={() => setAdding(false)} onDone={() => setAdding(false)} />}
    </div>
  );
}
