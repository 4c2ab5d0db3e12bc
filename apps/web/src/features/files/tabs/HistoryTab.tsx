import { Button, Flex, Table } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../../generated/types.gen';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { FILE_STATES, useHistory, type FileState } from '../api';
import { StateTag } from '../components/StateTag';

const isState = (value: string | null): value is FileState => value !== null && (FILE_STATES as readonly string[]).includes(value);

/** 历程: every step the file took, oldest first — who, when, from which state to which. */
export default function HistoryTab({ file }: { file: FileView }) {
  const { t } = useTranslation('files');
  const history = useHistory(file.id);
  const rows = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="file-tab">
      <ErrorAlert error={history.error} />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={history.isPending}
        dataSource={rows}
        locale={{ emptyText: t('history.none') }}
        columns={[
          { title: t('history.at'), dataIndex: 'at', render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm') },
          { title: t('history.event'), dataIndex: 'event', render: (event: string) => t(`event.${event}`, { defaultValue: event }) },
          { title: t('history.from'), dataIndex: 'from', render: (value: string | null) => (isState(value) ? <StateTag state={value} /> : '—'), responsive: ['sm'] },
          { title: t('history.to'), dataIndex: 'to', render: (value: string) => (isState(value) ? <StateTag state={value} /> : value) },
          { title: t('history.actor'), dataIndex: 'actor', render: (value: string | null) => value ?? '—' },
          { title: t('history.note'), dataIndex: 'note', render: (value: string | null) => value ?? '—', responsive: ['md'] },
        ]}
      />
      {history.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
            {t('common:actions.loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
