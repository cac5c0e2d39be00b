import { ForbiddenError, type Caller } from '@hub/kit';
import type { Enforcer } from './enforcer/enforcer.entity';
import { InspectionStatus, type Inspection } from './inspection/inspection.entity';

/**
 * Row-level rules of this slice (docs/domain.md, "Who may do what"); roles alone are checked with
 * @Authorized on the resolvers.
 */
export function seesEverything(user: Caller): boolean {
  return user.role === 'OFFICE' || user.role === 'LEADER';
}

/** The roster detail of an enforcer: office, leaders, the enforcer's own department, the enforcer. */
export function canReadEnforcerDetail(user: Caller, enforcer: Pick<Enforcer, 'id' | 'departmentCode'>): boolean {
  if (seesEverything(user)) return true;
  if (user.role === 'DEPT') return user.department === enforcer.departmentCode;
  if (user.role === 'ENFORCER') return user.sub === enforcer.id;
  return false;
}

export function requireEnforcerDetail(user: Caller, enforcer: Pick<Enforcer, 'id' | 'departmentCode'>): void {
  if (!canReadEnforcerDetail(user, enforcer)) {
    throw new ForbiddenError(
      `Roster details of enforcer ${enforcer.id} are shown to the office, the leaders, department ${enforcer.departmentCode} and the enforcer`,
    );
  }
}

/** Published results are public (一公开); before that: office, leaders, the assigned inspectors, the project's supervising department. */
export function canReadInspection(user: Caller, inspection: Pick<Inspection, 'status' | 'inspectorIds' | 'supervisingDepartmentCode'>): boolean {
  if (seesEverything(user)) return true;
  if (inspection.status === InspectionStatus.CANCELLED) return false;
  if (inspection.status === InspectionStatus.PUBLISHED) return true;
  if (user.role === 'DEPT') return user.department === inspection.supervisingDepartmentCode;
  if (user.role === 'ENFORCER') return inspection.inspectorIds.includes(user.sub);
  return false;
}

/** Who may record results and open cases from findings: the office or an assigned inspector. */
export function canWorkOnInspection(user: Caller, inspection: Pick<Inspection, 'inspectorIds'>): boolean {
  return user.role === 'OFFICE' || (user.role === 'ENFORCER' && inspection.inspectorIds.includes(user.sub));
}
