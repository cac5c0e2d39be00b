import { Button, Space, Typography } from 'antd';
import { useLocale } from '../i18n/locale';
import type { CursorPager } from './paging';

/** A table's empty state in a grey that meets AA contrast (antd's own placeholder is lighter). */
export function EmptyText({ text }: { text: string }) {
  return <Typography.Text type="secondary">{text}</Typography.Text>;
}

/** One page of a Relay connection, as a table shows it. */
export interface Connection<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  nodes: N[];
}

/** What both paged tables (`PagedTable`, `PlainPagedTable`) take besides their columns. */
export interface ConnectionTableProps<N> {
  connection: Connection<N> | null | undefined;
  pager: CursorPager;
  pageSize: number;
  loading: boolean;
  rowKey: keyof N & string;
  caption: string;
}

/**
 * Previous / next through a connection's cursors, with the page number and the total, under a table.
 * Its own module, without antd's Table, so that `PlainPagedTable` keeps rc-table out of its chunk.
 */
export function PagerControls({
  connection,
  pager,
  pageSize,
  loading,
}: {
  connection: Connection<unknown> | null | undefined;
  pager: CursorPager;
  pageSize: number;
  loading: boolean;
}) {
  const { t } = useLocale();
  const total = connection?.totalCount ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Space style={{ marginTop: 12 }} aria-label={t('分页', 'Pages')}>
      <Button size="small" onClick={pager.previous} disabled={pager.page <= 1 || loading}>
        {t('上一页', 'Previous')}
      </Button>
      <Typography.Text>{t(`第 ${pager.page} / ${pages} 页，共 ${total} 条`, `Page ${pager.page} of ${pages}, ${total} in all`)}</Typography.Text>
      <Button size="small" onClick={() => pager.next(connection?.pageInfo.endCursor)} disabled={!connection?.pageInfo.hasNextPage || loading}>
        {t('下一页', 'Next')}
      </Button>
    </Space>
  );
}
