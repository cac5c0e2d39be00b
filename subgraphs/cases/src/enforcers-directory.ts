import { ReferenceDirectory, type SliceGraph } from '@hub/kit';

/** What the cases slice needs to know of an enforcer of the roster (owned by the enforcers slice). */
export interface EnforcerFacts {
  id: string;
  departmentCode: string;
}

/**
 * Reads the enforcers slice: the enforcers a case is assigned and the inspection findings a case is
 * opened from must exist there. One `_entities` request per call, for any number of ids; tests pass a fake.
 */
export interface EnforcersDirectory {
  enforcers(ids: readonly string[]): Promise<Map<string, EnforcerFacts>>;
  findings(ids: readonly string[]): Promise<Set<string>>;
}

/** The enforcers subgraph through the request's graph clients (signed as this slice, on behalf of the caller). */
export function graphEnforcersDirectory(graph: SliceGraph): EnforcersDirectory {
  const directory = new ReferenceDirectory(() => graph('enforcers'));
  return {
    async enforcers(ids) {
      const found = await directory.find<{ id: string; department: { code: string } }>('Enforcer', 'id', ids, 'department { code }');
      return new Map([...found].map(([id, e]) => [id, { id, departmentCode: e.department.code }]));
    },
    async findings(ids) {
      return new Set((await directory.find('InspectionFinding', 'id', ids)).keys());
    },
  };
}
