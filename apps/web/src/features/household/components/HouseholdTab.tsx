import { Button, Descriptions, Empty, Progress, Space, Steps, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView, HouseholdTaskView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { messageHalf } from '../../../shared/i18n/message-half';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useHouseholdTask } from '../api';
import { ApplicationForm } from './ApplicationForm';

const DAYS = 90;
const day = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD') : '—');
const STEP_OF: Record<HouseholdTaskView['status'], number> = { counting: 0, raised: 1, application_prepared: 2, registered: 3, cancelled: 0 };

/** 落户 (R11): a person whose family is not found is registered locally — the 90-day clock, the steps, the police unit, social security. */
export default function HouseholdTab({ file }: { file: FileView }) {
  const { t, i18n } = useTranslation('household');
  const me = useMe();
  const task = useHouseholdTask(file.id);
  const [preparing, setPreparing] = useState(false);
  if (task.error) return <ErrorAlert error={task.error} />;
  if (task.isPending) return <p className="ui-empty">{t('common:states.loading')}</p>;
  const data = task.data;
  if (!data) return <Empty description={t('none')} />;
  const days = data.daysInCare;
  const overdue = data.status === 'raised';
  return (
    <div className="file-tab">
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag color={overdue ? 'red' : data.status === 'registered' ? 'green' : 'blue'}>{messageHalf(data.statusLabel, i18n.language)}</Tag>
        <span>{t('clock', { start: day(data.clockStartedOn), due: day(data.dueOn) })}</span>
        {(data.status === 'counting' || data.status === 'raised') && canCall(me.data, 'household_application_prepare') && (
          <Button type="primary" onClick={() => setPreparing(true)}>
            {t('prepare')}
          </Button>
        )}
      </Space>
      {days != null && (
        <div style={{ maxWidth: 480, marginBottom: 16 }}>
          <Typography.Text>{t('daysInCare', { days, total: DAYS })}</Typography.Text>
          <Progress
            percent={Math.min(100, Math.round((days / DAYS) * 100))}
            status={overdue ? 'exception' : 'normal'}
            showInfo={false}
            aria-label={t('daysInCare', { days, total: DAYS })}
          />
        </div>
      )}
      {data.status !== 'cancelled' && (
        <Steps
          size="small"
          current={STEP_OF[data.status]}
          items={(['counting', 'raised', 'application', 'registered'] as const).map((step) => ({ title: t(`steps.${step}`) }))}
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label={t('policeUnit')}>{data.policeUnit?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('application.preparedOn')}>{day(data.application?.preparedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('application.documents')} span={2}>
          {data.application?.documents.length ? data.application.documents.map((doc) => <Tag key={doc}>{t(`document.${doc}`)}</Tag>) : '—'}
        </Descriptions.Item>
        {data.application?.note && (
          <Descriptions.Item label={t('application.note')} span={2}>
            {data.application.note}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('registration.registeredOn')}>{day(data.registration?.registeredOn)}</Descriptions.Item>
        <Descriptions.Item label={t('registration.householdNumber')}>{data.registration?.householdNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('registration.dnaCheck')} span={2}>
          {data.registration?.dnaDatabaseCheckReference ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('socialSecurity')} span={2}>
          {data.socialSecurity.length
            ? data.socialSecurity.map((item) => (
                <Tag key={item.kind}>
                  {t(`socialKind.${item.kind}`)} · {day(item.enrolledOn)}
                  {item.reference ? ` · ${item.reference}` : ''}
                </Tag>
              ))
            : '—'}
        </Descriptions.Item>
        {data.exception && (
          <Descriptions.Item label={t('exception')} span={2}>
            {t('exceptionBy', { reason: data.exception.reason, by: data.exception.by, at: day(data.exception.at) })}
          </Descriptions.Item>
        )}
        {data.cancelledReason && (
          <Descriptions.Item label={t('cancelled')} span={2}>
            {data.cancelledReason}
          </Descriptions.Item>
        )}
      </Descriptions>
      {preparing && <ApplicationForm fileId={file.id} onClose={() => setPreparing(false)} />}
    </div>
  );
}
