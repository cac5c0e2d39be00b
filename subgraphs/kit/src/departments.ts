import { GraphClient } from './graph-client';
import { InputError } from './errors';
import { readSubgraphList, subgraphUrl } from './subgraph-list';

/**
 * The member units (成员单位) of the joint supervision regime are reference data: rows of the
 * projects slice's `department` table, seeded by its migration and read by everyone else through
 * the graph (`departments`). No slice keeps its own copy of the list, so adding a unit (say the audit
 * bureau) is a row in that table, and every check and error message below follows.
 */
export type DepartmentKind = 'LINE' | 'TRADING_CENTER' | 'SUPERVISION_OFFICE';

export interface DepartmentInfo {
  code: string;
  name: string;
  nameZh: string;
  kind: DepartmentKind;
}

/** One reading of the member-unit list, with the checks the slices make against it. */
export class MemberUnits {
  constructor(readonly all: readonly DepartmentInfo[]) {}

  /** The line departments (行业主管部门) that supervise projects and penalise within their own field. */
  get lineCodes(): string[] {
    return this.all.filter((d) => d.kind === 'LINE').map((d) => d.code);
  }

  isLine(code: string): boolean {
    return this.all.some((d) => d.code === code && d.kind === 'LINE');
  }

  isKnown(code: string): boolean {
    return this.all.some((d) => d.code === code);
  }

  /** "a line department (FGJ, ZJJ, …)", for error messages: the codes as they are today. */
  describeLine(): string {
    return `a line department (${this.lineCodes.join(', ')})`;
  }

  /** Throws BAD_USER_INPUT naming the field unless `code` is a line department. */
  requireLine(field: string, code: string): void {
    if (!this.isLine(code)) throw new InputError(`${field} must be ${this.describeLine()}, got "${code}"`, { field, rule: 'line department' });
  }

  /** Throws BAD_USER_INPUT naming the field unless `code` is a member unit. */
  requireKnown(field: string, code: string): void {
    if (!this.isKnown(code)) {
      throw new InputError(`${field} "${code}" is not a member unit (${this.all.map((d) => d.code).join(', ')})`, { field, rule: 'member unit' });
    }
  }
}

/** Where a slice reads the member units from. */
export interface MemberUnitSource {
  load(): Promise<MemberUnits>;
}

const DEPARTMENTS_QUERY = /* GraphQL */ `
  query MemberUnits {
    departments { code name nameZh kind }
  }
`;

/**
 * Reads the list from the projects subgraph, one request per `ttlMs` per process (the list changes
 * rarely, and a new unit is usable within that time everywhere); concurrent callers share one request.
 * A failed request is not cached, so the next call tries again.
 */
export class GraphMemberUnits implements MemberUnitSource {
  private cached?: { at: number; units: Promise<MemberUnits> };

  constructor(
    private readonly client: () => GraphClient,
    private readonly ttlMs = 60_000,
  ) {}

  load(): Promise<MemberUnits> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.units;
    const units = this.client()
      .request<{ departments: DepartmentInfo[] }>(DEPARTMENTS_QUERY)
      .then((data) => new MemberUnits(data.departments));
    const entry = { at: now, units };
    this.cached = entry;
    units.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return units;
  }
}

/** A fixed list: the projects slice's own reading of its table, or a test's stand-in. */
export class FixedMemberUnits implements MemberUnitSource {
  private readonly units: MemberUnits;
  constructor(all: readonly DepartmentInfo[]) {
    this.units = new MemberUnits(all);
  }
  load(): Promise<MemberUnits> {
    return Promise.resolve(this.units);
  }
}

function projectsGraph(): MemberUnitSource {
  let client: GraphClient | undefined;
  return new GraphMemberUnits(() => {
    if (!client) {
      const list = readSubgraphList();
      const entry = list.subgraphs.find((s) => s.name === 'projects');
      if (!entry) throw new Error('subgraphs.json lists no "projects" subgraph, which owns the member units');
      client = new GraphClient(subgraphUrl(entry, list));
    }
    return client;
  });
}

let source: MemberUnitSource | undefined;

/**
 * The member units as the projects slice has them now (cached briefly). Slices call this where a
 * department code arrives as input; the projects slice, which owns the table, reads it directly.
 */
export function memberUnits(): Promise<MemberUnits> {
  source ??= projectsGraph();
  return source.load();
}

/** Replaces where `memberUnits()` reads from (tests without a projects slice; returns the previous source). */
export function useMemberUnitSource(next: MemberUnitSource | undefined): MemberUnitSource | undefined {
  const previous = source;
  source = next;
  return previous;
}
