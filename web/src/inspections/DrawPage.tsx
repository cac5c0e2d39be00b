import { useQuery } from '@apollo/client/react';
import { Alert, Card, Descriptions, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { QueryState } from '../data/QueryState';
import { Tag } from '../data/Tag';
import { InspectionDrawPageDocument, type InspectionDrawPageQuery } from '../gql/inspections/graphql';
import { useLocale } from '../i18n/locale';
import { DrawVerdict, useDrawVerification } from './DrawVerdict';
import { type ProjectComparison } from './verify';

type Draw = NonNullable<InspectionDrawPageQuery['inspectionDraw']>;

/** 抽取结果: a draw, re-run and checked in this browser from the published data (docs/draw.md §7). */
export function DrawPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const { data, loading, error } = useQuery(InspectionDrawPageDocument, { variables: { id } });
  return (
    <QueryState loading={loading} error={error} data={data}>
      {(d) =>
        d.inspectionDraw ? (
          <DrawView draw={d.inspectionDraw} />
        ) : (
          <Alert type="warning" title={t('未找到该抽取，或尚未公开', 'No such draw, or not public yet')} />
        )
      }
    </QueryState>
  );
}

function DrawView({ draw }: { draw: Draw }) {
  const { t } = useLocale();
  const { verification, byProject } = useDrawVerification(draw);
  const columns: TableColumnsType<ProjectComparison> = [
    { title: t('顺序', 'Order'), dataIndex: 'position' },
    {
      title: t('抽中项目', 'Project drawn'),
      key: 'project',
      render: (_, p) => {
        const inspection = p.publishedProjectId ? byProject.get(p.publishedProjectId) : undefined;
        return inspection ? (
          <Link to={`/inspections/${inspection.id}`}>{`${inspection.projectCode} ${inspection.project.name ?? ''}`}</Link>
        ) : (
          <code>{p.publishedProjectId}</code>
        );
      },
    },
    { title: t('公布的检查人员（化名）', 'Published inspectors (pseudonyms)'), key: 'pub', render: (_, p) => <code>{p.publishedInspectors.join(', ')}</code> },
    {
      title: t('本浏览器重算', 'Recomputed here'),
      key: 'mine',
      render: (_, p) => (
        <span>
          {p.recomputedProjectId !== p.publishedProjectId && <code>{p.recomputedProjectId} </code>}
          <code>{p.recomputedInspectors.join(', ')}</code>
        </span>
      ),
    },
    {
      title: t('检查人员', 'Inspectors'),
      key: 'names',
      render: (_, p) => {
        const inspection = p.publishedProjectId ? byProject.get(p.publishedProjectId) : undefined;
        return inspection ? inspection.inspectors.map((e) => `${e.name}（${e.department.code}）`).join('、') : '';
      },
    },
    {
      title: t('一致', 'Matches'),
      key: 'ok',
      render: (_, p) => (p.matches ? <Tag color="green">{t('一致', 'Matches')}</Tag> : <Tag color="red">{t('不一致', 'Mismatch')}</Tag>),
    },
  ];
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t(`抽取结果：${draw.plan.name}`, `Draw: ${draw.plan.name}`)}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('抽取日期', 'Drawn on')}>{draw.drawnOn}</Descriptions.Item>
          <Descriptions.Item label={t('算法', 'Algorithm')}>{draw.algorithmVersion}</Descriptions.Item>
          <Descriptions.Item label={t('抽中 / 项目池', 'Drawn / pool')}>{`${draw.result.drawnCount} / ${draw.poolSize}`}</Descriptions.Item>
          <Descriptions.Item label={t('计划', 'Plan')}>
            <Link to={`/inspections/plans/${draw.plan.id}`}>{draw.plan.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('参与单位', 'Participants')}>{draw.round?.participants.join('、') ?? ''}</Descriptions.Item>
          {draw.redrawReason && <Descriptions.Item label={t('重新抽取原因', 'Redraw reason')}>{draw.redrawReason}</Descriptions.Item>}
          {draw.supersededAt && <Descriptions.Item label={t('已被替代', 'Superseded')}>{draw.supersededAt}</Descriptions.Item>}
          <Descriptions.Item label={t('种子', 'Seed')} span={3}>
            <code>{draw.seed}</code>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('在本浏览器验证', 'Verified in this browser')}
        style={{ marginBottom: 16 }}
        data-testid="draw-verification"
        data-outcome={verification.outcome}
      >
        <DrawVerdict verification={verification} gap={12} />
        {verification.recomputedSeed && (
          <Typography.Paragraph>
            {t('重算的种子', 'Recomputed seed')}: <code>{verification.recomputedSeed}</code>
          </Typography.Paragraph>
        )}
        <Table<ProjectComparison>
          size="small"
          rowKey="position"
          columns={columns}
          dataSource={verification.projects}
          pagination={false}
          scroll={{ x: true }}
          aria-label={t('抽中项目与检查人员', 'Drawn projects and inspectors')}
        />
      </Card>
      {draw.round && (
        <details>
          <summary>{t('公布的清单（原文，可自行计算 SHA-256）', 'The published manifest (as hashed; compute its SHA-256 yourself)')}</summary>
          <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{draw.round.manifest}</pre>
        </details>
      )}
    </>
  );
}
