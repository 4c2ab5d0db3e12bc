import { Empty, Table, type TableColumnsType } from 'antd';

/** A file's records in a small table, all on one page, a quiet "none yet" when empty (the file page's sections). */
export function RecordTable<Row extends { id: string }>({ rows, empty, columns }: { rows: readonly Row[]; empty: string; columns: TableColumnsType<Row> }) {
  return (
    <Table<Row>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      columns={columns}
    />
  );
}
