import { useQuery } from '@apollo/client/react';
import { Card, Checkbox, Col, Row, Select, Skeleton, Space, Statistic, Typography, type TableColumnsType } from 'antd';
import { Tag } from '../data/Tag';
import { useCallback, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Link } from 'react-router';
import { EChart } from '../charts/EChart';
import { PAGE_SIZE } from '../config';
import { PagedTable } from '../data/PagedTable';
import { useCursorPager } from '../data/paging';
import { lineDepartmentOptions } from '../data/member-units';
import { InlineError, MissingSliceBanner } from '../data/QueryState';
import {
  JoinedProjectsDocument,
  LeaderCaseTilesDocument,
  LeaderCreditTilesDocument,
  LeaderDepartmentsDocument,
  type JoinedProjectsQuery,
  type JoinedProjectsQueryVariables,
  type ProjectStage,
} from '../gql/leader/graphql';
import { CASE_STATUS_LABELS, label, STAGE_LABELS } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { AA_COLOURS } from '../data/Tag';
import { antdClasses } from '../app/antd-markup';
import { gradeColour } from '../credit/GradeTag';
import { loadRestStyles } from '../app/styles';
import { countDueWithin, coverage, hasOpenCases, joinedVariables } from './overview';
import { shanghaiToday, twoMonthPeriod, yearPeriod } from './period';

type JoinedRow = JoinedProjectsQuery['projects']['nodes'][number];

function Tiles({ chartsNow, onSettled }: { chartsNow: boolean; onSettled: () => void }) {
  const { t, lang } = useLocale();
  const today = shanghaiToday();
  const period = twoMonthPeriod(today);
  const cases = useQuery(LeaderCaseTilesDocument);
  const credit = useQuery(LeaderCreditTilesDocument);
  const departments = useQuery(LeaderDepartmentsDocument, { variables: { period, year: yearPeriod(today) } });
  const chart = useMemo(() => {
    const list = (departments.data?.departments ?? []).filter((d) => d.kind === 'LINE');
    const name = (d: (typeof list)[number]) => (lang === 'zh' ? d.nameZh : d.name);
    const series = [
      { name: t('受理案件', 'Cases received'), data: list.map((d) => d.caseStats?.received ?? null) },
      { name: t('按期办结', 'Resolved on time'), data: list.map((d) => d.caseStats?.resolvedOnTime ?? null) },
      { name: t('超期办结', 'Resolved late'), data: list.map((d) => d.caseStats?.resolvedLate ?? null) },
      { name: t('当前逾期', 'Overdue now'), data: list.map((d) => d.caseStats?.overdue ?? null) },
      { name: t('信用记录公示', 'Credit records published'), data: list.map((d) => d.creditStats?.recordsPublished ?? null) },
      { name: t('抽查项目', 'Projects inspected'), data: list.map((d) => d.inspectionStats?.drawn ?? null) },
    ];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: list.map(name) },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ ...s, type: 'bar' })),
    };
  }, [departments.data, lang, t]);
  const loading = cases.loading || credit.loading || departments.loading;
  useEffect(() => {
    if (!loading) onSettled();
  }, [loading, onSettled]);
  const c = cases.data;
  const k = credit.data;
  const d = departments.data;
  const open = c ? [c.submitted, c.accepted, c.routed, c.investigating, c.decided, c.feedbackSent].reduce((n, x) => n + (x?.totalCount ?? 0), 0) : undefined;
  const yearCoverage = d ? coverage(d.departments.map((x) => x.yearInspections)) : undefined;
  const tiles = [
    { key: 'cases', title: t('在办案件', 'Open cases'), value: open, show: open != null },
    { key: 'overdue', title: t('逾期案件', 'Overdue cases'), value: c?.overdue?.totalCount, show: c?.overdue != null, danger: true },
    {
      key: 'dueSoon',
      title: t('3个工作日内到期', 'Due within 3 working days'),
      value: c?.dueSoon ? countDueWithin(c.dueSoon.nodes, 3) : undefined,
      show: c?.dueSoon != null,
    },
    {
      key: 'coverage',
      title: t('本年度抽查覆盖率', "This year's inspection coverage"),
      value: yearCoverage ?? '—',
      suffix: yearCoverage == null ? undefined : '%',
      show: yearCoverage !== undefined,
    },
    { key: 'publicity', title: t('公示中的信用记录', 'Credit records in publicity'), value: k?.inPublicity?.totalCount, show: k?.inPublicity != null },
    { key: 'punished', title: t('失信联合惩戒对象', 'Subjects under joint punishment'), value: k?.punished?.totalCount, show: k?.punished != null },
  ].filter((tile) => tile.show);
  const errors = [cases.error, credit.error, departments.error];
  return (
    <>
      <MissingSliceBanner error={errors} />
      {errors.map((e, i) => (
        <InlineError key={i} error={e} />
      ))}
      {loading && tiles.length === 0 ? (
        <Skeleton active />
      ) : (
        <Row gutter={[16, 16]} data-testid="leader-tiles">
          {tiles.map((tile) => (
            <Col key={tile.key} xs={12} md={8} xl={4}>
              <Card size="small">
                <Statistic title={tile.title} value={tile.value ?? '—'} suffix={tile.suffix} valueStyle={tile.danger ? { color: '#c41d1d' } : undefined} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {d && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={t(`各部门本期情况（${period.from} 至 ${period.to}）`, `Departments this period (${period.from} to ${period.to})`)}
        >
          {/* The chart's library loads once the tiles and the joined view are on screen: it is not needed to read them. */}
          {chartsNow ? (
            <EChart
              option={chart}
              label={t('各部门本期案件、信用、抽查情况柱状图', "Bar chart of each department's cases, credit records and inspections this period")}
              testId="department-chart"
            />
          ) : (
            <Skeleton.Node active style={{ width: '100%', height: 300 }} />
          )}
        </Card>
      )}
    </>
  );
}

function JoinedView({ onSettled }: { onSettled: () => void }) {
  const { t, lang } = useLocale();
  const pager = useCursorPager();
  const [department, setDepartment] = useState<string>();
  const [stage, setStage] = useState<ProjectStage>();
  const [openCases, setOpenCases] = useState(false);
  const [lowGrade, setLowGrade] = useState(false);
  const { data, loading, error } = useQuery(JoinedProjectsDocument, {
    variables: joinedVariables(PAGE_SIZE, pager.after, {
      supervisingDepartment: department,
      stage,
      hasOpenCases: openCases,
      hasBidderGradedCOrD: lowGrade,
    }) as JoinedProjectsQueryVariables,
    // Read straight from the answer, not through the normalised cache: writing a page of projects with
    // their cases, bids and bidders into the cache and reading it back was about a third of the work
    // between the answer and the first frame showing it (Chrome traces of bench:web's cold loads), and
    // no other view reads these objects from here. Each page and filter is asked again when shown, as
    // cache-and-network did.
    fetchPolicy: 'no-cache',
  });
  const connection = data?.projects;
  useEffect(() => {
    if (!loading) onSettled();
  }, [loading, onSettled]);
  // The cells' tags and lists as antd's own markup (its classes, the same style sheet), not as its
  // Tag and Space components: a page of 20 projects draws ~150 tags, and each antd Tag is a dozen
  // React components and hooks (wave, closable, semantic styles), most of the work of drawing the
  // joined view after its answer. Tags in antd's default colour stay antd's own (the component is what
  // sets its colour variables). antd's hashed class is left out: its zero-runtime style sheet does not use it.
  const tag = (key: string, colour: string | undefined, text: string, style?: CSSProperties) => {
    const background = colour ? AA_COLOURS[colour] : undefined;
    if (!background)
      return (
        <Tag key={key} style={style}>
          {text}
        </Tag>
      );
    return (
      <span key={key} className={antdClasses('ant-tag ant-tag-filled')} style={{ background, color: '#fff', ...style }}>
        {text}
      </span>
    );
  };
  const columns: TableColumnsType<JoinedRow> = [
    {
      title: t('项目', 'Project'),
      key: 'name',
      render: (_, p) => (
        <Link to={`/projects/${p.id}`}>
          {p.name}（{p.code}）
        </Link>
      ),
    },
    { title: t('主管部门', 'Department'), key: 'dept', render: (_, p) => (lang === 'zh' ? p.supervisingDepartment.nameZh : p.supervisingDepartment.name) },
    { title: t('阶段', 'Stage'), key: 'stage', render: (_, p) => label(STAGE_LABELS, p.stage, lang) },
    {
      title: t('案件', 'Cases'),
      key: 'cases',
      render: (_, p) =>
        p.cases == null ? (
          '—'
        ) : p.cases.length === 0 ? (
          t('无', 'None')
        ) : (
          <div className={antdClasses('ant-space ant-space-horizontal ant-space-align-center')} style={{ flexWrap: 'wrap', gap: 4 }}>
            {p.cases.map((c) => (
              <div key={c.id} className="ant-space-item">
                {tag(
                  c.id,
                  c.overdue ? 'red' : hasOpenCases({ stage: p.stage, bids: [], cases: [c] }) ? 'gold' : undefined,
                  label(CASE_STATUS_LABELS, c.status, lang),
                )}
              </div>
            ))}
          </div>
        ),
    },
    {
      title: t('投标人及投标时信用等级', 'Bidders and their grade at the bid'),
      key: 'bids',
      render: (_, p) =>
        p.bids.length === 0 ? (
          t('暂无投标', 'No bids')
        ) : (
          <div className={antdClasses('ant-space ant-space-vertical')}>
            {p.bids.map((b) => (
              <div key={b.id} className="ant-space-item">
                <span>
                  {tag('grade', gradeColour(b.bidderCreditAtBid?.grade), b.bidderCreditAtBid?.grade || '—')}
                  <Link to={`/entities/${b.bidder.creditCode}`}>{b.bidder.name}</Link>
                  {b.bidderRestricted && tag('restricted', 'red', t('惩戒', 'Restricted'), { marginLeft: 4 })}
                </span>
              </div>
            ))}
          </div>
        ),
    },
  ];
  // The member units are data: the tiles' query lists them; asked with the same variables, it is one request for both (deduplicated in flight, then cached).
  const today = shanghaiToday();
  const units = useQuery(LeaderDepartmentsDocument, { variables: { period: twoMonthPeriod(today), year: yearPeriod(today) }, fetchPolicy: 'cache-first' });
  return (
    <Card size="small" style={{ marginTop: 16 }} title={t('项目、案件与投标人信用联查', 'Projects with cases and bidders’ credit')}>
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('主管部门', 'Department')}
          aria-label={t('按主管部门筛选', 'Filter by department')}
          style={{ width: 180 }}
          value={department}
          onChange={(v) => {
            setDepartment(v);
            pager.reset();
          }}
          options={lineDepartmentOptions(units.data?.departments, lang)}
        />
        <Select
          allowClear
          placeholder={t('项目阶段', 'Stage')}
          aria-label={t('按项目阶段筛选', 'Filter by stage')}
          style={{ width: 180 }}
          value={stage}
          onChange={(v) => {
            setStage(v);
            pager.reset();
          }}
          options={Object.keys(STAGE_LABELS).map((s) => ({ value: s as ProjectStage, label: label(STAGE_LABELS, s, lang) }))}
        />
        <Checkbox
          checked={openCases}
          onChange={(e) => {
            setOpenCases(e.target.checked);
            pager.reset();
          }}
        >
          {t('有在办案件', 'Has open cases')}
        </Checkbox>
        <Checkbox
          checked={lowGrade}
          onChange={(e) => {
            setLowGrade(e.target.checked);
            pager.reset();
          }}
        >
          {t('有C/D级投标人', 'Has a bidder graded C or D')}
        </Checkbox>
      </Space>
      <PagedTable<JoinedRow>
        connection={connection}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading}
        rowKey="id"
        caption={t('项目联查表', 'Joined projects table')}
      />
    </Card>
  );
}

/**
 * True once `ready` has been true for a frame: set in a task after the next frame has been drawn
 * (a timer started from that frame's animation callback), so what follows does not delay it.
 */
function useAfterPaint(ready: boolean): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!ready || after) return;
    let timer: number | undefined;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setAfter(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [ready, after]);
  return after;
}

/** 领导驾驶舱: the district at a glance, for leaders and the supervision office. */
export function LeaderOverview() {
  const { t } = useLocale();
  const [tilesSettled, setTilesSettled] = useState(false);
  const [tableSettled, setTableSettled] = useState(false);
  const settleTiles = useCallback(() => setTilesSettled(true), []);
  const settleTable = useCallback(() => setTableSettled(true), []);
  // The chart's library and the other views' styles (app/styles.tsx) once the tiles and the joined
  // view are on screen, not in the same task as the frame that draws them.
  const dataShown = useAfterPaint(tilesSettled && tableSettled);
  useEffect(() => {
    if (dataShown) void loadRestStyles();
  }, [dataShown]);
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('领导驾驶舱', 'Leader overview')}
      </Typography.Title>
      <Tiles chartsNow={dataShown} onSettled={settleTiles} />
      <JoinedView onSettled={settleTable} />
    </>
  );
}
