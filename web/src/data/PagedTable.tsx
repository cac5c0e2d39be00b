import { Table, type TableColumnsType } from 'antd';
import { useLocale } from '../i18n/locale';
import { EmptyText, PagerControls, type ConnectionTableProps } from './pager-controls';

/** A table of one Relay connection page, with previous/next through the cursors and the total. */
export function PagedTable<N extends object>({
  connection,
  columns,
  pager,
  pageSize,
  loading,
  rowKey,
  caption,
}: ConnectionTableProps<N> & { columns: TableColumnsType<N> }) {
  const { t } = useLocale();
  return (
    <div>
      {/* Wide tables scroll sideways in their own box (phones). Plain CSS rather than antd's
          scroll={{ x: true }}: that mode measures every column's width and the scroll position
          after rendering (forced layouts), most of the leader overview's table rendering time. */}
      <div style={{ overflowX: 'auto' }}>
        <Table<N>
          size="small"
          rowKey={rowKey}
          columns={columns}
          dataSource={connection?.nodes ?? []}
          loading={loading}
          pagination={false}
          aria-label={caption}
          locale={{ emptyText: <EmptyText text={t('暂无数据', 'No data')} /> }}
        />
      </div>
      <PagerControls connection={connection} pager={pager} pageSize={pageSize} loading={loading} />
    </div>
  );
}
