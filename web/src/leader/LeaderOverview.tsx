import { Card, Checkbox, ConfigProvider, Select, Skeleton, Space, Typography } from 'antd';
import useCardStyle from 'antd/es/card/style';
import useStatisticStyle from 'antd/es/statistic/style';
import { useContext, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Link } from 'react-router';
import { namesAxis } from '../charts/axis';
import { EChart } from '../charts/EChart';
import { PAGE_SIZE } from '../config';
import { PlainPagedTable, type PlainColumn } from '../data/PlainTable';
import { useCursorPager, type CursorPager } from '../data/paging';
import { lineDepartmentOptions } from '../data/member-units';
import { InlineError, MissingSliceBanner } from '../data/QueryState';
import {
  JoinedProjectsDocument,
  LeaderCaseTilesDocument,
  LeaderCreditTilesDocument,
  LeaderDepartmentsDocument,
  type JoinedProjectsQuery,
  type LeaderCaseTilesQuery,
  type LeaderCreditTilesQuery,
  type LeaderDepartmentsQuery,
  type JoinedProjectsQueryVariables,
  type ProjectStage,
} from '../gql/leader/graphql';
import { CASE_STATUS_LABELS, label, STAGE_LABELS } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { AA_COLOURS } from '../data/Tag';
import { antdClasses } from '../app/antd-markup';
import { gradeColour } from '../credit/GradeTag';
import { loadRestStyles } from '../app/styles';
import { useFirstAnswer, type QueryResult } from './first-answer';
import { countDueWithin, coverage, hasOpenCases, joinedVariables, statisticParts } from './overview';
import { shanghaiToday, twoMonthPeriod, yearPeriod } from './period';

type JoinedRow = JoinedProjectsQuery['projects']['nodes'][number];

type CaseTiles = LeaderCaseTilesQuery;
type CreditTiles = LeaderCreditTilesQuery;
type Departments = LeaderDepartmentsQuery;

/** One tile, in antd's Card and Statistic markup and classes (their variables set by useTileMarkupVars). */
function Tile({ title, value, suffix, danger }: { title: string; value: number | string | undefined; suffix?: string; danger?: boolean }) {
  const parts = statisticParts(value);
  return (
    <div className={antdClasses('ant-col ant-col-xs-12 ant-col-md-8 ant-col-xl-4')} style={{ paddingInline: 8 }}>
      <div className={antdClasses('ant-card ant-card-bordered ant-card-small')}>
        <div className="ant-card-body">
          <div className={antdClasses('ant-statistic')}>
            <div className="ant-statistic-header">
              <div className="ant-statistic-title">{title}</div>
            </div>
            <div className="ant-statistic-content" style={danger ? { color: '#c41d1d' } : undefined}>
              <span className="ant-statistic-content-value">
                {'text' in parts ? (
                  parts.text
                ) : (
                  <>
                    <span className="ant-statistic-content-value-int">{parts.int}</span>
                    {parts.decimal && <span className="ant-statistic-content-value-decimal">{parts.decimal}</span>}
                  </>
                )}
              </span>
              {suffix && <span className="ant-statistic-content-suffix">{suffix}</span>}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * The CSS variables of antd's Card and Statistic, registered as the components themselves do, for
 * the tiles written in their markup: six cards with a statistic each were ~20 antd components and
 * their hooks per tile, in the same long task as the joined view.
 */
function useTileMarkupVars() {
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  useCardStyle(getPrefixCls('card'));
  useStatisticStyle(getPrefixCls('statistic'));
}

function Tiles({
  cases,
  credit,
  departments,
  loading,
  chartsNow,
}: {
  cases: QueryResult<CaseTiles>;
  credit: QueryResult<CreditTiles>;
  departments: QueryResult<Departments>;
  loading: boolean;
  chartsNow: boolean;
}) {
  const { t, lang } = useLocale();
  useTileMarkupVars();
  const period = twoMonthPeriod(shanghaiToday());
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
      xAxis: namesAxis(list.map(name)),
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ ...s, type: 'bar' })),
    };
  }, [departments.data, lang, t]);
  const c = loading ? undefined : cases.data;
  const k = loading ? undefined : credit.data;
  const d = loading ? undefined : departments.data;
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
  const errors = loading ? [] : [cases.error, credit.error, departments.error];
  return (
    <>
      <MissingSliceBanner error={errors} />
      {errors.map((e, i) => (
        <InlineError key={i} error={e} />
      ))}
      {loading && tiles.length === 0 ? (
        <Skeleton active />
      ) : (
        <div data-testid="leader-tiles" className={antdClasses('ant-row')} style={{ marginInline: -8, rowGap: 16 }}>
          {tiles.map((tile) => (
            <Tile key={tile.key} title={tile.title} value={tile.value} suffix={tile.suffix} danger={tile.danger} />
          ))}
        </div>
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

interface JoinedFilter {
  department?: string;
  stage?: ProjectStage;
  openCases: boolean;
  lowGrade: boolean;
}

function JoinedView({
  joined,
  loading,
  departments,
  pager,
  filter,
  setFilter,
}: {
  joined: QueryResult<JoinedProjectsQuery>;
  loading: boolean;
  departments: Departments['departments'] | undefined;
  pager: CursorPager;
  filter: JoinedFilter;
  setFilter: (change: Partial<JoinedFilter>) => void;
}) {
  const { t, lang } = useLocale();
  const data = loading ? undefined : joined.data;
  const error = loading ? undefined : joined.error;
  const connection = data?.projects;
  // The cells' tags and lists as antd's own markup (its classes, the same style sheet, the Tag's
  // variables registered by the table), not as its Tag and Space components: a page of 20 projects
  // draws ~150 tags, and each antd Tag is a dozen React components and hooks (wave, closable,
  // semantic styles). antd's hashed class is left out: its zero-runtime style sheet does not use it.
  const tag = (key: string, colour: string | undefined, text: string, style?: CSSProperties) => {
    const background = colour ? AA_COLOURS[colour] : undefined;
    return (
      <span key={key} className={antdClasses('ant-tag ant-tag-filled')} style={background ? { background, color: '#fff', ...style } : style}>
        {text}
      </span>
    );
  };
  const columns: PlainColumn<JoinedRow>[] = [
    {
      title: t('项目', 'Project'),
      key: 'name',
      render: (p) => (
        <Link to={`/projects/${p.id}`}>
          {p.name}（{p.code}）
        </Link>
      ),
    },
    { title: t('主管部门', 'Department'), key: 'dept', render: (p) => (lang === 'zh' ? p.supervisingDepartment.nameZh : p.supervisingDepartment.name) },
    { title: t('阶段', 'Stage'), key: 'stage', render: (p) => label(STAGE_LABELS, p.stage, lang) },
    {
      title: t('案件', 'Cases'),
      key: 'cases',
      render: (p) =>
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
      render: (p) =>
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
          value={filter.department}
          onChange={(v) => setFilter({ department: v })}
          options={lineDepartmentOptions(departments, lang)}
        />
        <Select
          allowClear
          placeholder={t('项目阶段', 'Stage')}
          aria-label={t('按项目阶段筛选', 'Filter by stage')}
          style={{ width: 180 }}
          value={filter.stage}
          onChange={(v) => setFilter({ stage: v })}
          options={Object.keys(STAGE_LABELS).map((s) => ({ value: s as ProjectStage, label: label(STAGE_LABELS, s, lang) }))}
        />
        <Checkbox checked={filter.openCases} onChange={(e) => setFilter({ openCases: e.target.checked })}>
          {t('有在办案件', 'Has open cases')}
        </Checkbox>
        <Checkbox checked={filter.lowGrade} onChange={(e) => setFilter({ lowGrade: e.target.checked })}>
          {t('有C/D级投标人', 'Has a bidder graded C or D')}
        </Checkbox>
      </Space>
      <PlainPagedTable<JoinedRow>
        connection={connection}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading || joined.loading}
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
  const today = shanghaiToday();
  const pager = useCursorPager();
  const [filter, setFilterState] = useState<JoinedFilter>({ openCases: false, lowGrade: false });
  const setFilter = (change: Partial<JoinedFilter>) => {
    setFilterState((f) => ({ ...f, ...change }));
    pager.reset();
  };
  // The view's four queries here, read straight from their answers rather than through the
  // normalised cache: writing the tiles' counts and the departments' figures into Apollo's cache and
  // reading them back for the view was a large part of the work between the answers and the first
  // frame showing them (Chrome traces of bench:web's cold loads), and no other view reads them from
  // there. The joined view's page likewise (projects with their cases, bids and bidders). Each is
  // asked again when the view is shown again, as cache-and-network did. Answers the page's first
  // script already has are drawn in the view's first render (./first-answer.ts).
  const cases = useFirstAnswer(LeaderCaseTilesDocument);
  const credit = useFirstAnswer(LeaderCreditTilesDocument);
  const departments = useFirstAnswer(LeaderDepartmentsDocument, { period: twoMonthPeriod(today), year: yearPeriod(today) });
  const joined = useFirstAnswer(
    JoinedProjectsDocument,
    joinedVariables(PAGE_SIZE, pager.after, {
      supervisingDepartment: filter.department,
      stage: filter.stage,
      hasOpenCases: filter.openCases,
      hasBidderGradedCOrD: filter.lowGrade,
    }) as JoinedProjectsQueryVariables,
  );
  // The first answers are drawn together, in one render once all four have come (or failed): one
  // per answer drew the tiles and the table up to four times in the same task. A later page or
  // filter of the joined view is drawn on its own.
  const allSettled = !cases.loading && !credit.loading && !departments.loading && !joined.loading;
  const [firstIn, setFirstIn] = useState(allSettled);
  if (allSettled && !firstIn) setFirstIn(true);
  const waiting = !firstIn && !allSettled;
  // The chart's library and the other views' styles (app/styles.tsx) once the tiles and the joined
  // view are on screen, not in the same task as the frame that draws them.
  const dataShown = useAfterPaint(firstIn);
  useEffect(() => {
    if (dataShown) void loadRestStyles();
  }, [dataShown]);
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('领导驾驶舱', 'Leader overview')}
      </Typography.Title>
      <Tiles cases={cases} credit={credit} departments={departments} loading={waiting} chartsNow={dataShown} />
      <JoinedView
        joined={joined}
        loading={waiting}
        departments={waiting ? undefined : departments.data?.departments}
        pager={pager}
        filter={filter}
        setFilter={setFilter}
      />
    </>
  );
}
