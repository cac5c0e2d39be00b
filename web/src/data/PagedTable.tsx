import { Button, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useLocale } from '../i18n/locale';
import type { CursorPager } from './paging';

/** A table's empty state in a grey that meets AA contrast (antd's own placeholder is lighter). */
export function EmptyText({ text }: { text: string }) {
  return <Typography.Text type="secondary">{text}</Typography.Text>;
}

export interface Connection<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  nodes: N[];
}

/** A table of one Relay connection page, with previous/next through the cursors and the total. */
export function PagedTable<N extends object>({
  connection,
  columns,
  pager,
  pageSize,
  loading,
  rowKey,
  caption,
}: {
  connection: Connection<N> | null | undefined;
  columns: TableColumnsType<N>;
  pager: CursorPager;
  pageSize: number;
  loading: boolean;
  rowKey: keyof N & string;
  caption: string;
}) {
  const { t } = useLocale();
  const total = connection?.totalCount ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
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
      <Space style={{ marginTop: 12 }} aria-label={t('分页', 'Pages')}>
        <Button size="small" onClick={pager.previous} disabled={pager.page <= 1 || loading}>
          {t('上一页', 'Previous')}
        </Button>
        <Typography.Text>{t(`第 ${pager.page} / ${pages} 页，共 ${total} 条`, `Page ${pager.page} of ${pages}, ${total} in all`)}</Typography.Text>
        <Button size="small" onClick={() => pager.next(connection?.pageInfo.endCursor)} disabled={!connection?.pageInfo.hasNextPage || loading}>
          {t('下一页', 'Next')}
        </Button>
      </Space>
    </div>
  );
}
