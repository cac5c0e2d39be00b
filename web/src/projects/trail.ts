/** One line of the project's trail (全程留痕) merged across slices, ordered by time. */
export interface TrailEntry {
  /** ISO date-time, or a date (then taken as the start of that day). */
  at: string;
  slice: 'projects' | 'cases' | 'enforcers' | 'credit' | 'audit';
  what: string;
  who?: string;
  /** Stable key for lists. */
  key: string;
}

/** A case's step as the trail needs it; the role says who took it when the name does not (online intake). */
export interface CaseEventLike {
  id: string;
  at: string;
  transition: string;
  toStatus: string;
  actorName: string;
  actorRole?: string | null;
}

export interface TrailSources {
  stageRecords?: readonly { id: string; kind: string; occurredOn: string; recordedBy: string; documentRef: string }[] | null;
  cases?: readonly { id: string; receiptNumber: string; events: readonly CaseEventLike[] }[] | null;
  inspections?: readonly { id: string; recordedAt?: string | null; publishedAt?: string | null; inspectedOn?: string | null; status: string }[] | null;
  creditRecords?:
    | readonly {
        id: string;
        subjectKey: string;
        marketEntity?: { name: string } | null;
        events: readonly { id: string; at: string; toStatus: string; actorName: string }[];
      }[]
    | null;
  auditFindings?: readonly { id: string; title: string; foundOn: string; rectifiedOn?: string | null }[] | null;
}

export interface TrailLabels {
  stageRecord(kind: string, documentRef: string): string;
  caseEvent(receiptNumber: string, toStatus: string): string;
  inspection(status: string): string;
  creditEvent(subject: string, toStatus: string): string;
  auditFound(title: string): string;
  auditRectified(title: string): string;
  /** Who took a case's step, in the reader's language (default: the name the server wrote). */
  caseActor?(event: CaseEventLike): string;
}

function instant(at: string): number {
  return Date.parse(at.length === 10 ? `${at}T00:00:00+08:00` : at);
}

/** Every dated step from every slice that answered, oldest first; a slice that did not answer adds nothing. */
export function mergeTrail(sources: TrailSources, labels: TrailLabels): TrailEntry[] {
  const entries: TrailEntry[] = [];
  for (const r of sources.stageRecords ?? []) {
    entries.push({ key: `stage-${r.id}`, at: r.occurredOn, slice: 'projects', what: labels.stageRecord(r.kind, r.documentRef), who: r.recordedBy });
  }
  for (const c of sources.cases ?? []) {
    for (const e of c.events)
      entries.push({
        key: `case-${e.id}`,
        at: e.at,
        slice: 'cases',
        what: labels.caseEvent(c.receiptNumber, e.toStatus),
        who: labels.caseActor?.(e) ?? e.actorName,
      });
  }
  for (const i of sources.inspections ?? []) {
    const at = i.publishedAt ?? i.recordedAt ?? i.inspectedOn;
    if (at) entries.push({ key: `inspection-${i.id}`, at, slice: 'enforcers', what: labels.inspection(i.status) });
  }
  for (const r of sources.creditRecords ?? []) {
    const subject = r.marketEntity?.name ?? r.subjectKey;
    for (const e of r.events)
      entries.push({ key: `credit-${e.id}`, at: e.at, slice: 'credit', what: labels.creditEvent(subject, e.toStatus), who: e.actorName });
  }
  for (const f of sources.auditFindings ?? []) {
    entries.push({ key: `audit-${f.id}`, at: f.foundOn, slice: 'audit', what: labels.auditFound(f.title) });
    if (f.rectifiedOn) entries.push({ key: `audit-${f.id}-rectified`, at: f.rectifiedOn, slice: 'audit', what: labels.auditRectified(f.title) });
  }
  // Stable: steps at the same instant keep the order their slice gave them.
  return entries.sort((a, b) => instant(a.at) - instant(b.at));
}
