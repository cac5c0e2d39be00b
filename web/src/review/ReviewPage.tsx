import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { namesAxis } from '../charts/axis';
import { EChart, type ChartOption } from '../charts/EChart';
import { QueryState } from '../data/QueryState';
import { ReviewDepartmentsDocument, ReviewDistrictCasesDocument } from '../gql/review/graphql';
import { useLocale, type Lang } from '../i18n/locale';
import { shanghaiToday } from '../leader/period';
import {
  districtCaseTotals,
  formatFigure,
  recentTwoMonthPeriods,
  reviewPeriod,
  reviewSections,
  type Period,
  type ReviewRow,
  type ReviewSection,
  type SectionKey,
} from './review';

/*
 * A4 print for the meeting: the app's frame and the controls are left out, charts scale to the
 * page width (ECharts draws on a canvas sized for the screen), tables tighten and a section is not
 * split across pages where it fits on one.
 */
const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 12mm; }
  .ant-layout-header, .review-no-print { display: none !important; }
  .ant-layout-content { padding: 0 !important; }
  .review-section { break-inside: avoid; }
  .review-chart, .review-chart > div, .review-chart canvas { width: 100% !important; height: auto !important; }
  .review-section .ant-table { font-size: 9pt; }
  .review-section .ant-table-cell { padding: 2px 4px !important; }
}`;

/** Which figures each section's chart draws (the table shows them all). */
const CHART_SERIES: Record<SectionKey, { bars: string[]; line?: string }> = {
  cases: { bars: ['received', 'accepted', 'resolvedOnTime', 'resolvedLate', 'overdue'] },
  inspections: { bars: ['poolSize', 'drawn', 'done', 'findings'], line: 'ratio' },
  credit: { bars: ['notificationsReceived', 'recordsPublished', 'overdue', 'entitiesRestricted'] },
};

const departmentName = (row: Pick<ReviewRow, 'nameZh' | 'name'>, lang: Lang) => (lang === 'zh' ? row.nameZh : row.name);

function chartOption(section: ReviewSection, lang: Lang): ChartOption {
  const { bars, line } = CHART_SERIES[section.key];
  const column = (key: string) => section.columns.find((c) => c.key === key)!;
  const name = (key: string) => (lang === 'zh' ? column(key).zh : column(key).en);
  return {
    // No animation: the chart is complete the moment it is drawn (printing, screenshots).
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: line ? 48 : 16, top: 48, bottom: 32 },
    xAxis: namesAxis(section.rows.map((r) => departmentName(r, lang))),
    yAxis: [{ type: 'value', minInterval: 1 }, ...(line ? [{ type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }] : [])],
    series: [
      ...bars.map((key) => ({ name: name(key), type: 'bar', data: section.rows.map((r) => r.values[key]) })),
      ...(line
        ? [
            {
              name: name(line),
              type: 'line',
              yAxisIndex: 1,
              data: section.rows.map((r) => (r.values[line] == null ? null : Math.round(r.values[line]! * 1000) / 10)),
            },
          ]
        : []),
    ],
  };
}

function SectionView({ section }: { section: ReviewSection }) {
  const { t, lang } = useLocale();
  const option = useMemo(() => chartOption(section, lang), [section, lang]);
  const title = lang === 'zh' ? section.zh : section.en;
  const columns: TableColumnsType<ReviewRow> = [
    { title: t('部门', 'Department'), key: 'department', render: (_, r) => departmentName(r, lang) },
    ...section.columns.map((c) => ({
      title: lang === 'zh' ? c.zh : c.en,
      key: c.key,
      align: 'right' as const,
      render: (_: unknown, r: ReviewRow) => formatFigure(r.values[c.key], c),
    })),
  ];
  return (
    <Card size="small" className="review-section" style={{ marginTop: 16 }} title={title} data-testid={`review-${section.key}`}>
      <Table<ReviewRow>
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={section.rows}
        pagination={false}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('合计', 'Total')}</strong>
            </Table.Summary.Cell>
            {section.columns.map((c, i) => (
              <Table.Summary.Cell key={c.key} index={i + 1} align="right">
                <strong>{formatFigure(section.total[c.key], c)}</strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
      {section.totalNote && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid={`review-${section.key}-total-note`}>
          {t(section.totalNote.zh, section.totalNote.en)}
        </Typography.Paragraph>
      )}
      <div className="review-chart" style={{ marginTop: 12 }}>
        <EChart
          option={option}
          label={t(`${section.zh}各部门柱状图`, `Bar chart of ${section.en.toLowerCase()} by department`)}
          testId={`review-chart-${section.key}`}
          height={260}
        />
      </div>
    </Card>
  );
}

function PeriodPicker({ period, onChange }: { period: Period; onChange(period: Period): void }) {
  const { t } = useLocale();
  const periods = useMemo(() => recentTwoMonthPeriods(shanghaiToday(), 12), []);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const key = (p: Period) => `${p.from}/${p.to}`;
  const custom = !periods.some((p) => key(p) === key(period));
  return (
    <Space wrap>
      <Select
        aria-label={t('选择两月期', 'Two-month period')}
        style={{ width: 260 }}
        value={custom ? undefined : key(period)}
        placeholder={t('自定义期间', 'Custom period')}
        onChange={(value: string) => {
          const [f, to2] = value.split('/') as [string, string];
          setFrom(f);
          setTo(to2);
          onChange({ from: f, to: to2 });
        }}
        options={periods.map((p) => ({ value: key(p), label: `${p.from} ~ ${p.to}` }))}
      />
      <Input type="date" aria-label={t('开始日期', 'From')} value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 160 }} />
      <Input type="date" aria-label={t('结束日期', 'To')} value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 160 }} />
      <Button onClick={() => onChange({ from, to })} disabled={!from || !to || to < from}>
        {t('查询', 'Show')}
      </Button>
    </Space>
  );
}

/** 两月研判: the bimonthly review of the joint work for any period, on screen, in Excel and on paper. */
export function ReviewPage() {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const { period, invalid } = reviewPeriod(search, shanghaiToday());
  // Only the roles of its route reach this view (RoleGate, app/routes.tsx).
  const { data, loading, error } = useQuery(ReviewDepartmentsDocument, { variables: { period } });
  const district = useQuery(ReviewDistrictCasesDocument, { variables: { period } });
  const sections = useMemo(
    () => (data ? reviewSections(data.departments, district.data ? districtCaseTotals(district.data) : null) : []),
    [data, district.data],
  );
  const [exporting, setExporting] = useState(false);

  async function exportWorkbook() {
    setExporting(true);
    try {
      // exceljs is large: it loads only when someone exports.
      const { reviewWorkbookBytes, reviewFileName } = await import('./workbook');
      const bytes = await reviewWorkbookBytes(sections, period);
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = reviewFileName(period);
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click is handled; the URL only has to outlive it.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      message.error(t(`导出失败：${String(e)}`, `Export failed: ${String(e)}`));
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <style>{PRINT_CSS}</style>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('两月研判', 'Bimonthly review')}
        <Typography.Text style={{ fontSize: 16, marginLeft: 12 }} data-testid="review-period">
          {period.from} {t('至', 'to')} {period.to}
        </Typography.Text>
      </Typography.Title>
      <Space wrap className="review-no-print" style={{ marginBottom: 8 }}>
        <PeriodPicker key={`${period.from}/${period.to}`} period={period} onChange={(p) => setSearch({ from: p.from, to: p.to })} />
        <Button type="primary" icon={<DownloadOutlined />} loading={exporting} disabled={sections.length === 0} onClick={exportWorkbook}>
          {t('导出 Excel', 'Export to Excel')}
        </Button>
        <Button icon={<PrinterOutlined />} disabled={sections.length === 0} onClick={() => window.print()}>
          {t('打印', 'Print')}
        </Button>
      </Space>
      {invalid && (
        <Alert
          type="warning"
          showIcon
          className="review-no-print"
          style={{ marginBottom: 8 }}
          title={
            invalid === 'order'
              ? t('地址中的结束日期早于开始日期，已显示本两月期。', "The address's end date is before its start date; showing the current two-month period.")
              : t('地址中的日期应为 YYYY-MM-DD，已显示本两月期。', "The address's dates should be YYYY-MM-DD; showing the current two-month period.")
          }
        />
      )}
      <Typography.Paragraph type="secondary">
        {t(
          '各部门为行业主管部门；数字按期间统计，“期末逾期”为期末（进行中的期间为当日）时点数，抽查覆盖按本期的抽取计算。',
          "Departments are the line departments; figures are for the period, overdue ones as they stood at its end (today while it runs), coverage by the period's draws.",
        )}
      </Typography.Paragraph>
      <QueryState loading={loading} error={error} data={data} isEmpty={() => sections[0]?.rows.length === 0}>
        {() => sections.map((s) => <SectionView key={s.key} section={s} />)}
      </QueryState>
    </>
  );
}
