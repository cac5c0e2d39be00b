/**
 * The seven member units of the joint supervision regime, with their fixed codes (docs/domain.md).
 * Codes are plain strings in the graph so that a future member unit (audit, finance …) is data, not a schema change.
 */
export type DepartmentKind = 'LINE' | 'TRADING_CENTER' | 'SUPERVISION_OFFICE';

export interface DepartmentInfo {
  code: string;
  name: string;
  nameZh: string;
  kind: DepartmentKind;
}

export const DEPARTMENTS: readonly DepartmentInfo[] = [
  { code: 'FGJ', name: 'Development and Reform Bureau', nameZh: '区发改局', kind: 'LINE' },
  { code: 'ZJJ', name: 'Housing and Urban-Rural Development Bureau', nameZh: '区住建局', kind: 'LINE' },
  { code: 'JTJ', name: 'Transport Bureau', nameZh: '区交通运输局', kind: 'LINE' },
  { code: 'SLJ', name: 'Water Resources and Lakes Bureau', nameZh: '区水利和湖泊局', kind: 'LINE' },
  { code: 'NYJ', name: 'Agriculture and Rural Affairs Bureau', nameZh: '区农业农村局', kind: 'LINE' },
  { code: 'JYZX', name: 'Public Resources Trading Center', nameZh: '区公共资源交易中心', kind: 'TRADING_CENTER' },
  {
    code: 'ZWJ',
    name: 'Government Services and Big Data Bureau (Trading Supervision Bureau)',
    nameZh: '区政务服务和大数据管理局（区公共资源交易监督管理局）',
    kind: 'SUPERVISION_OFFICE',
  },
];

/** The five line departments (行业主管部门) that supervise projects and penalise within their own field. */
export const LINE_DEPARTMENT_CODES = DEPARTMENTS.filter((d) => d.kind === 'LINE').map((d) => d.code);

export function isLineDepartment(code: string): boolean {
  return LINE_DEPARTMENT_CODES.includes(code);
}

export function isKnownDepartment(code: string): boolean {
  return DEPARTMENTS.some((d) => d.code === code);
}
