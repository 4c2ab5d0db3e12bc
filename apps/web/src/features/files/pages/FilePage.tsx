import { Descriptions, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useFile } from '../api';
import { isMinor, MinorTag, StateTag } from '../components/StateTag';

/** The file, read-only for now: its header (name, reference, state, minor badge, who is responsible). */
export default function FilePage() {
  const { t } = useTranslation('files');
  const { id = '' } = useParams();
  const file = useFile(id);
  if (file.error) return <ErrorAlert error={file.error} />;
  const data = file.data;
  return (
    <Panel>
      {file.isPending && <p className="ui-empty">{t('common:states.loading')}</p>}
      {data?.audience === 'full' && (
        <>
          <Space align="center" wrap style={{ marginBottom: 16 }}>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
              {data.person.name ?? t('unnamed')}
            </Typography.Title>
            <StateTag state={data.state} />
            {isMinor(data.person.age) && <MinorTag />}
          </Space>
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
            <Descriptions.Item label={t('columns.reference')}>{data.reference}</Descriptions.Item>
            <Descriptions.Item label={t('file.bureau')}>{data.responsibleOrganisation.name}</Descriptions.Item>
            <Descriptions.Item label={t('columns.caseworker')}>{data.responsibleCaseworker?.displayName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('columns.jurisdiction')}>{data.responsibleJurisdiction.name}</Descriptions.Item>
            <Descriptions.Item label={t('columns.openedAt')}>{dayjs(data.openedAt).format('YYYY-MM-DD')}</Descriptions.Item>
            <Descriptions.Item label={t('file.version')}>{data.version}</Descriptions.Item>
          </Descriptions>
        </>
      )}
      {data?.audience === 'partner' && (
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {data.reference}
        </Typography.Title>
      )}
    </Panel>
  );
}
