import { ConfigProvider, Spin } from 'antd';
import useTableStyle from 'antd/es/table/style';
import useTagStyle from 'antd/es/tag/style';
import { useContext, type ReactNode } from 'react';
import { antdClasses } from '../app/antd-markup';
import { useLocale } from '../i18n/locale';
import { EmptyText, PagerControls, type ConnectionTableProps } from './pager-controls';

/** A column of a PlainTable: its header and what a row's cell shows. */
export interface PlainColumn<N> {
  key: string;
  title: ReactNode;
  render: (row: N) => ReactNode;
}

/**
 * The CSS variables of antd's Table and Tag (`.css-var-hub.ant-table-css-var{--ant-table-…}`,
 * `.css-var-hub.ant-tag{…}`), registered as the components themselves do, for markup written in
 * their classes without the components. antd's zero-runtime style sheet reads its colours, paddings
 * and radii from these variables, and only the components' own style hooks set them.
 */
export function useTableMarkupVars(): { table: string } {
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const table = getPrefixCls('table');
  useTableStyle(table, `${table}-css-var`);
  useTagStyle(getPrefixCls('tag'));
  return { table };
}

/**
 * A table of one Relay connection page, drawn as a plain `<table>` in antd's Table markup and classes
 * (the same look as `PagedTable`), with previous/next through the cursors and the total.
 *
 * antd's Table (rc-table) is a dozen components per row and per cell, and on mount it measures the
 * scrollbar's width with an element added to the page, a forced style recalculation and layout of the
 * whole page: together most of the leader overview's long task between its answers and the first
 * frame showing them (Chrome traces of `pnpm bench:web`'s cold loads). This table has no sorting,
 * fixed columns, selection or expansion: for views that need none of them. Wide tables scroll
 * sideways in their own box (phones), as `PagedTable`'s do.
 */
export function PlainPagedTable<N extends object>({
  connection,
  columns,
  pager,
  pageSize,
  loading,
  rowKey,
  caption,
}: ConnectionTableProps<N> & { columns: PlainColumn<N>[] }) {
  const { t } = useLocale();
  const { table: prefix } = useTableMarkupVars();
  const rows = connection?.nodes ?? [];
  const vars = `${prefix}-css-var`;
  return (
    <div>
      <div style={{ overflowX: 'auto' }}>
        <div className={antdClasses(`${vars} ${prefix}-wrapper`)}>
          <Spin spinning={loading}>
            <div className={antdClasses(`${prefix} ${prefix}-small${rows.length === 0 ? ` ${prefix}-empty` : ''} ${vars}`)}>
              <div className={`${prefix}-container`}>
                <div className={`${prefix}-content`}>
                  <table aria-label={caption} style={{ tableLayout: 'auto' }}>
                    <thead className={`${prefix}-thead`}>
                      <tr>
                        {columns.map((c) => (
                          <th key={c.key} className={`${prefix}-cell`} scope="col">
                            {c.title}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody className={`${prefix}-tbody`}>
                      {rows.length === 0 ? (
                        <tr className={`${prefix}-placeholder`}>
                          <td className={`${prefix}-cell`} colSpan={columns.length}>
                            <EmptyText text={t('暂无数据', 'No data')} />
                          </td>
                        </tr>
                      ) : (
                        rows.map((row) => (
                          <tr key={String(row[rowKey])} className={`${prefix}-row ${prefix}-row-level-0`} data-row-key={String(row[rowKey])}>
                            {columns.map((c) => (
                              <td key={c.key} className={`${prefix}-cell`}>
                                {c.render(row)}
                              </td>
                            ))}
                          </tr>
                        ))
                      )}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </Spin>
        </div>
      </div>
      <PagerControls connection={connection} pager={pager} pageSize={pageSize} loading={loading} />
    </div>
  );
}
