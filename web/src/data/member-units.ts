import type { Lang } from '../i18n/locale';

/** A member unit as the projects slice's `departments` query lists it. */
export interface MemberUnit {
  code: string;
  name: string;
  nameZh: string;
  kind: string;
}

/**
 * The line departments (行业主管部门) a picker offers, from the projects slice's `departments` query, in
 * its list order: member units are data there, so a unit added to that table (e.g. SJJ) shows up here
 * with no change to the app. Empty until the query answers.
 */
export function lineDepartmentOptions(units: readonly MemberUnit[] | undefined, lang: Lang): { value: string; label: string }[] {
  return (units ?? []).filter((unit) => unit.kind === 'LINE').map((unit) => ({ value: unit.code, label: lang === 'zh' ? unit.nameZh : unit.name }));
}
