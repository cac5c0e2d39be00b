import { useQuery } from '@apollo/client/react';
import { Card, Input, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PAGE_SIZE } from '../config';
import { PagedTable } from '../data/PagedTable';
import { useCursorPager } from '../data/paging';
import { InlineError, MissingSliceBanner } from '../data/QueryState';
import { ProjectListDocument, type ProjectListQuery } from '../gql/projects/graphql';
import { label, STAGE_LABELS } from '../i18n/labels';
import { useLocale } from '../i18n/locale';

type Row = ProjectListQuery['projects']['nodes'][number];

/** 项目: every project the caller may see, searchable by name or code. */
export function ProjectList() {
  const { t, lang } = useLocale();
  const pager = useCursorPager();
  const [text, setText] = useState<string>();
  const { data, loading, error } = useQuery(ProjectListDocument, { variables: { first: PAGE_SIZE, after: pager.after, filter: { text } } });
  const columns: TableColumnsType<Row> = [
    { title: t('项目编号', 'Code'), dataIndex: 'code' },
    { title: t('项目名称', 'Name'), key: 'name', render: (_, p) => <Link to={`/projects/${p.id}`}>{p.name}</Link> },
    { title: t('主管部门', 'Department'), key: 'dept', render: (_, p) => (lang === 'zh' ? p.supervisingDepartment.nameZh : p.supervisingDepartment.name) },
    { title: t('招标人', 'Tenderer'), key: 'tenderer', render: (_, p) => <Link to={`/entities/${p.tenderer.creditCode}`}>{p.tenderer.name}</Link> },
    { title: t('阶段', 'Stage'), key: 'stage', render: (_, p) => label(STAGE_LABELS, p.stage, lang) },
    { title: t('登记日期', 'Registered'), dataIndex: 'registeredOn' },
  ];
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('项目', 'Projects')}
      </Typography.Title>
      <Card size="small">
        <MissingSliceBanner error={error} />
        <InlineError error={error} />
        <Input.Search
          allowClear
          aria-label={t('按名称或编号搜索项目', 'Search projects by name or code')}
          placeholder={t('项目名称或编号', 'Name or code')}
          style={{ maxWidth: 360, marginBottom: 12 }}
          onSearch={(v) => {
            setText(v.trim() || undefined);
            pager.reset();
          }}
        />
        <PagedTable
          connection={data?.projects}
          columns={columns}
          pager={pager}
          pageSize={PAGE_SIZE}
          loading={loading}
          rowKey="id"
          caption={t('项目列表', 'Projects')}
        />
      </Card>
    </>
  );
}
