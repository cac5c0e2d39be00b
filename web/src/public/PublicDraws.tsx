import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Descriptions, Empty, List, Space, Typography } from 'antd';
import { Tag } from '../data/Tag';
import { PublicDrawDocument, PublicDrawsDocument, type PublicDrawQuery } from '../gql/public/graphql';
import { useLocale } from '../i18n/locale';
import { DrawVerdict, useDrawVerification } from '../inspections/DrawVerdict';
import { useCursorPager } from '../data/paging';

/** Every question of the portal goes out without a token: the PUBLIC role, whoever is signed in in this browser. */
const ANONYMOUS = { anonymous: true };
const PAGE = 10;

type Draw = NonNullable<PublicDrawQuery['inspectionDraw']>;

/**
 * 双随机一公开 for the public: the published draws, and one draw re-run in this browser with the same
 * checks (and the same algorithm, the enforcers slice's own) as the signed-in draw page, so anyone can
 * see for themselves that the projects and inspectors were drawn at random.
 */
export function PublicDraws({ drawId, onOpen }: { drawId: string | null; onOpen: (id: string | null) => void }) {
  return drawId ? <PublicDraw id={drawId} onBack={() => onOpen(null)} /> : <DrawList onOpen={onOpen} />;
}

function DrawList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useLocale();
  const pager = useCursorPager();
  const { data, loading, error } = useQuery(PublicDrawsDocument, { variables: { first: PAGE, after: pager.after }, context: ANONYMOUS });
  const connection = data?.publishedDraws;
  return (
    <>
      <Typography.Paragraph>
        {t(
          '每次抽取的项目池、检查人员（化名）、各单位的承诺和密钥均已公开。选择一次抽取，本浏览器将按公开的算法重新计算并逐项核对。',
          "Each draw's project pool, inspectors (as pseudonyms) and the units' commitments and secrets are public. Choose a draw: this browser re-runs the published algorithm and checks every step.",
        )}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={t('暂时无法读取抽取记录', 'The draws cannot be read right now')} style={{ marginBottom: 12 }} />}
      <List
        loading={loading}
        dataSource={connection?.nodes ?? []}
        locale={{ emptyText: <Empty description={t('暂无已公开的抽取', 'No published draws')} /> }}
        aria-label={t('已公开的抽取', 'Published draws')}
        renderItem={(d) => (
          <List.Item
            actions={[
              <Button key="verify" onClick={() => onOpen(d.id)} aria-label={t(`验证抽取：${d.plan.name}`, `Verify the draw: ${d.plan.name}`)}>
                {t('验证抽取', 'Verify the draw')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={d.plan.name}
              description={
                <Space wrap size={4}>
                  <span>
                    {t('抽取日期', 'Drawn on')} {d.drawnOn}
                  </span>
                  <span>· {t(`抽中 ${d.result.drawnCount} / ${d.poolSize} 个项目`, `${d.result.drawnCount} of ${d.poolSize} projects drawn`)}</span>
                  {d.supersededAt && <Tag>{t('已被重新抽取替代', 'Superseded by a redraw')}</Tag>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {connection && (pager.page > 1 || connection.pageInfo.hasNextPage) && (
        <Space style={{ marginTop: 8 }}>
          <Button disabled={pager.page <= 1} onClick={() => pager.previous()}>
            {t('上一页', 'Previous')}
          </Button>
          <Button disabled={!connection.pageInfo.hasNextPage} onClick={() => pager.next(connection.pageInfo.endCursor)}>
            {t('下一页', 'Next')}
          </Button>
        </Space>
      )}
    </>
  );
}

function PublicDraw({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useLocale();
  const { data, loading, error } = useQuery(PublicDrawDocument, { variables: { id }, context: ANONYMOUS });
  return (
    <>
      <Button onClick={onBack} style={{ marginBottom: 12 }}>
        {t('返回抽取列表', 'Back to the draws')}
      </Button>
      {loading && !data ? (
        <Card loading />
      ) : error ? (
        <Alert type="error" showIcon title={t('暂时无法读取该抽取', 'The draw cannot be read right now')} />
      ) : data?.inspectionDraw ? (
        <DrawCheck draw={data.inspectionDraw} />
      ) : (
        <Alert type="warning" showIcon title={t('未找到该抽取，或尚未公开', 'No such draw, or not public yet')} />
      )}
    </>
  );
}

function DrawCheck({ draw }: { draw: Draw }) {
  const { t } = useLocale();
  const { verification, byProject } = useDrawVerification(draw);
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t(`抽取结果：${draw.plan.name}`, `Draw: ${draw.plan.name}`)}
      </Typography.Title>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('抽取日期', 'Drawn on')}>{draw.drawnOn}</Descriptions.Item>
        <Descriptions.Item label={t('算法', 'Algorithm')}>{draw.algorithmVersion}</Descriptions.Item>
        <Descriptions.Item label={t('抽中 / 项目池', 'Drawn / pool')}>{`${draw.result.drawnCount} / ${draw.poolSize}`}</Descriptions.Item>
        <Descriptions.Item label={t('参与单位', 'Participants')}>{draw.round?.participants.join('、') ?? '—'}</Descriptions.Item>
        {draw.redrawReason && <Descriptions.Item label={t('重新抽取原因', 'Redraw reason')}>{draw.redrawReason}</Descriptions.Item>}
        {draw.supersededAt && <Descriptions.Item label={t('已被替代', 'Superseded')}>{draw.supersededAt}</Descriptions.Item>}
        <Descriptions.Item label={t('种子', 'Seed')}>
          <code style={{ wordBreak: 'break-all' }}>{draw.seed}</code>
        </Descriptions.Item>
      </Descriptions>
      <section aria-label={t('在本浏览器验证', 'Verified in this browser')} data-testid="draw-verification" data-outcome={verification.outcome}>
        <DrawVerdict verification={verification} />
      </section>
      <List
        dataSource={verification.projects}
        rowKey="position"
        aria-label={t('抽中项目与检查人员', 'Drawn projects and inspectors')}
        renderItem={(p) => {
          const inspection = p.publishedProjectId ? byProject.get(p.publishedProjectId) : undefined;
          return (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>
                      {p.position}.{' '}
                      {inspection
                        ? `${inspection.projectCode} ${inspection.project.name ?? ''}`
                        : t('项目（检查结果尚未公开）', 'A project (results not yet published)')}
                    </span>
                    {p.matches ? <Tag color="green">{t('一致', 'Matches')}</Tag> : <Tag color="red">{t('不一致', 'Mismatch')}</Tag>}
                  </Space>
                }
                description={
                  <>
                    <div>
                      {t('公布的检查人员（化名）', 'Published inspectors (pseudonyms)')}: <code>{p.publishedInspectors.join(', ')}</code>
                    </div>
                    <div>
                      {t('本浏览器重算', 'Recomputed here')}: <code>{p.recomputedInspectors.join(', ')}</code>
                    </div>
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
      {draw.round && (
        <details>
          <summary>{t('公布的清单（原文，可自行计算 SHA-256）', 'The published manifest (as hashed; compute its SHA-256 yourself)')}</summary>
          <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{draw.round.manifest}</pre>
        </details>
      )}
    </>
  );
}
