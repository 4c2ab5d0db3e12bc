import { Button, Flex, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditRecordView, FileView } from '../../../generated/types.gen';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useFileAudit } from '../api';

/** 访问记录 (supervisors): who read or changed this file, newest first, from its audit record. */
export default function AccessTab({ file }: { file: FileView }) {
  const { t } = useTranslation('files');
  const audit = useFileAudit(file.id);
  const rows = audit.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="file-tab">
      <ErrorAlert error={audit.error} />
      <Table<AuditRecordView>
        rowKey="id"
        size="small"
        pagination={false}
        loading={audit.isPending}
        dataSource={rows}
        locale={{ emptyText: t('access.none') }}
        columns={[
          { title: t('access.at'), dataIndex: 'at', render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm') },
          { title: t('access.who'), key: 'who', render: (_, record) => record.actor.username ?? '—' },
          { title: t('access.action'), dataIndex: 'action' },
          {
            title: t('access.outcome'),
            dataIndex: 'outcome',
            render: (outcome: AuditRecordView['outcome']) => <Tag color={outcome === 'allowed' ? 'default' : 'red'}>{t(`access.${outcome}`)}</Tag>,
          },
          { title: t('access.purpose'), dataIndex: 'purpose', render: (value: string | null) => value ?? '—', responsive: ['md'] },
        ]}
      />
      {audit.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
            {t('common:actions.loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
