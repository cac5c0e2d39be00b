import type { Caller } from './auth';
import { GraphClient } from './graph-client';
import { AuthenticationError, InputError } from './errors';
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
    departments {
      code
      name
      nameZh
      kind
    }
  }
`;

/**
 * Reads the list with `read`, at most once per `ttlMs` per process (the list changes rarely, and a new
 * unit is usable everywhere within that time); concurrent callers share one read. A failed read is not
 * cached: the next call tries again, and meanwhile the last list read is used, so a short outage of the
 * projects slice does not stop other slices from checking codes.
 */
export class CachedMemberUnits implements MemberUnitSource {
  private cached?: { at: number; units: Promise<MemberUnits> };
  private lastGood?: MemberUnits;

  constructor(
    private readonly read: () => Promise<readonly DepartmentInfo[]>,
    private readonly ttlMs = 60_000,
  ) {}

  load(): Promise<MemberUnits> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.units;
    const entry = {
      at: now,
      units: this.read().then(
        (all) => (this.lastGood = new MemberUnits(all)),
        (error: unknown) => {
          if (this.cached === entry) this.cached = undefined;
          if (this.lastGood) return this.lastGood;
          throw error;
        },
      ),
    };
    this.cached = entry;
    return entry.units;
  }
}

/** The list from the projects subgraph's `departments` query, cached as above. */
export class GraphMemberUnits extends CachedMemberUnits {
  constructor(client: () => GraphClient, ttlMs = 60_000) {
    super(async () => (await client().request<{ departments: DepartmentInfo[] }>(DEPARTMENTS_QUERY)).departments, ttlMs);
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
      // The member units are public reference data: read anonymously, so the check works whoever
      // signs users' tokens (an identity provider's JWKS accepts no development service token).
      client = new GraphClient(subgraphUrl(entry, list), null);
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

/**
 * Checks a verified token's department claim against the member units (subgraphs call it for every
 * signed-in request; cached, see above): a DEPT token must name a line department, any other claim a
 * member unit. A DEPT token naming the office (ZWJ) would otherwise act as the office's department.
 */
export async function checkDepartmentClaim(caller: Caller): Promise<Caller> {
  if (caller.department === undefined && caller.role !== 'DEPT') return caller;
  const units = await memberUnits();
  if (caller.role === 'DEPT' && !units.isLine(caller.department ?? '')) {
    throw new AuthenticationError(`A DEPT token needs claim "department" set to ${units.describeLine()}`);
  }
  if (caller.department !== undefined && !units.isKnown(caller.department)) {
    throw new AuthenticationError(`Token claim "department" is not a member unit: ${caller.department}`);
  }
  return caller;
}

/** Replaces where `memberUnits()` reads from (tests without a projects slice; returns the previous source). */
export function useMemberUnitSource(next: MemberUnitSource | undefined): MemberUnitSource | undefined {
  const previous = source;
  source = next;
  return previous;
}
