import { Descriptions, Empty, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { StaySection } from '../components/StaySection';
import { RecordTable } from '../../../shared/ui/RecordTable';

const day = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD') : '—');

/** 安置与救助 (R5, R7): where the person stayed, the assistance given, the return home. */
export default function CareTab({ file }: { file: FileView }) {
  const { t } = useTranslation('files');
  const me = useMe();
  const home = file.returnHome;
  return (
    <div className="file-tab">
      {canCall(me.data, 'stay_read') && <StaySection file={file} />}
      <Typography.Title level={2} className="file-section-title">
        {t('care.placements')}
      </Typography.Title>
      <RecordTable
        rows={file.placements}
        empty={t('care.noPlacements')}
        columns={[
          { title: t('payload.institution'), dataIndex: 'institution' },
          { title: t('care.from'), dataIndex: 'fromDate', render: day },
          { title: t('care.to'), dataIndex: 'toDate', render: day },
          { title: t('payload.placeReason'), dataIndex: 'reason', render: (value: string | null) => value ?? '—' },
        ]}
      />
      <Typography.Title level={2} className="file-section-title">
        {t('care.assistance')}
      </Typography.Title>
      <RecordTable
        rows={file.assistanceMeasures}
        empty={t('care.noAssistance')}
        columns={[
          { title: t('care.providedOn'), dataIndex: 'providedOn', render: day },
          { title: t('care.kind'), dataIndex: 'kind' },
          { title: t('care.description'), dataIndex: 'description' },
          { title: t('care.amount'), dataIndex: 'amountYuan', render: (value: number | null) => value ?? '—' },
        ]}
      />
      <Typography.Title level={2} className="file-section-title">
        {t('returnHome.title')}
      </Typography.Title>
      {home ? (
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          <Descriptions.Item label={t('returnHome.recipientName')}>{home.recipientName}</Descriptions.Item>
          <Descriptions.Item label={t('returnHome.relation')}>{home.relation}</Descriptions.Item>
          <Descriptions.Item label={t('returnHome.address')}>{home.address}</Descriptions.Item>
          <Descriptions.Item label={t('returnHome.plannedOn')}>{day(home.plannedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('returnHome.escortedBy')}>{home.escortedBy ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('returnHome.handedOverAt')}>{home.handedOverAt ? dayjs(home.handedOverAt).format('YYYY-MM-DD HH:mm') : '—'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('returnHome.none')} />
      )}
    </div>
  );
}
