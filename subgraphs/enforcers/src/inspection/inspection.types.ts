import { LocalDateScalar, InputRule, LongText, PastDate, ProjectStage } from '@hub/kit';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ChecklistOutcome, FindingSeverity, InspectionStatus } from './inspection.entity';

/** Inspection coverage of one department over a period (for the bimonthly review, 每两月集中研判). */
@ObjectType({ description: 'Random-inspection coverage of a department over a period.' })
export class InspectionStats {
  departmentCode: string;
  @Field(() => Int, {
    description: "Projects of the department in the pool each of the period's draws used (draws in force made in the period, summed over draws).",
  })
  poolSize: number;
  @Field(() => Int, {
    description: 'Inspections of those draws for the department’s projects (= inspections(filter: { departmentCode, drawnFrom, drawnTo }).totalCount).',
  })
  drawn: number;
  @Field(() => Float, { description: 'drawn / poolSize (0 when the pool is empty).' }) ratio: number;
  @Field(() => Int, { description: 'Inspections with results recorded or published.' }) done: number;
  @Field(() => Int, { description: 'Findings of those inspections.' }) findings: number;
}

/** One project of a draw result with its inspectors (ids: the result as stored or recomputed). */
@ObjectType({ description: 'A drawn project and the inspectors drawn for it.' })
export class DrawnProjectAssignment {
  @Field(() => ID, { description: 'UUID of the drawn project.' }) projectId: string;
  @Field(() => [ID], {
    description: "Inspectors as ids of the draw's roster snapshot, in draw order: pseudonyms (draw-v2); enforcer ids for legacy draw-v1 draws.",
  })
  inspectorIds: string[];
}

/** An eligible inspector in a published roster snapshot: pseudonym, department, specialties; no name, no certificate. */
@ObjectType({ description: 'An eligible inspector of a draw’s roster snapshot, under a per-draw pseudonym (no name, no certificate number).' })
export class DrawRosterEntry {
  @Field({ description: 'Per-draw pseudonym of the inspector; the map to the enforcer is never published.' }) pseudonym: string;
  @Field({ description: 'Department of the inspector (e.g. ZJJ).' }) departmentCode: string;
  @Field(() => [String], { description: 'Project categories the inspector is qualified for.' }) specialties: string[];
}

@ObjectType({ description: 'Inspectors who may not inspect a project (conflict of interest or recusal), as pseudonyms; reasons are not published.' })
export class DrawExclusion {
  @Field(() => ID, { description: 'UUID of the pool project.' }) projectId: string;
  @Field(() => [String], { description: "Pseudonyms (of the draw's roster snapshot) of the inspectors excluded from that project." }) pseudonyms: string[];
}

@InputType({ description: 'Freezes and publishes a draw round: the pool, the roster snapshot and the parameters are fixed before any unit commits.' })
export class FreezeDrawInput {
  @Field(() => ID, { description: 'UUID of the plan to draw for.' }) planId: string;
  @Field(() => [String], {
    description:
      'At least two member units that will commit and reveal a secret: ZWJ (the office), line departments (kind LINE in the `departments` query), LEADING_GROUP (a leader as witness).',
  })
  participantUnits: string[];
  @Field(() => Date, { description: 'Reveals after this instant are refused (the round can then only be abandoned); at most 30 days ahead.' })
  revealDeadline: Date;
  @Field(() => String, { nullable: true, description: 'For a redraw (e.g. after a recusal): why the draw in force is replaced.' })
  redrawReason?: string | null;
}

@ObjectType({ description: 'A draw result: the drawn projects in draw order with their inspectors.' })
export class InspectionDrawResult {
  @Field({ description: 'Algorithm version that produced the result.' }) algorithmVersion: string;
  @Field(() => Int, { description: 'Number of projects in the pool.' }) poolSize: number;
  @Field(() => Int, { description: "Number of projects drawn (at least the plan's sampling ratio of the pool, rounded up)." }) drawnCount: number;
  @Field(() => [DrawnProjectAssignment], { description: 'The drawn projects in draw order, each with its inspectors.' }) projects: DrawnProjectAssignment[];
}

/** The answer of verifyDraw: the draw re-run from its stored seed, pool and roster, compared with what is stored. */
@ObjectType({ description: 'Re-run of a stored draw from its seed, pool and roster snapshot, compared with the stored result.' })
export class DrawVerification {
  @Field(() => ID, { description: 'UUID of the verified draw.' }) drawId: string;
  @Field({ description: 'True when every check holds: manifest, commitments, seed, result and inspections.' }) matches: boolean;
  @Field({ description: "The recomputed result equals the draw's stored result." }) resultMatches: boolean;
  @Field({ description: 'The stored inspections (projects and inspectors) equal the recomputed result.' }) inspectionsMatch: boolean;
  @Field({ description: 'The published manifest hashes to the published manifest hash (false for legacy draws without a round).' }) manifestMatches: boolean;
  @Field({ description: 'Every participant revealed a secret whose SHA-256 is its commitment (false for legacy draws).' }) commitmentsMatch: boolean;
  @Field({ description: 'The seed is SHA-256(manifest hash ‖ secrets in unit-code order) (false for legacy draws, whose seed the office gave).' })
  seedMatches: boolean;
  @Field(() => String, { nullable: true, description: 'SHA-256 (hex) of the published manifest; null for legacy draws without a round.' }) manifestHash:
    string | null;
  @Field({ description: 'Algorithm version used for the re-run.' }) algorithmVersion: string;
  @Field({ description: 'The seed used (hex).' }) seed: string;
  @Field(() => Int, { description: 'Number of projects in the stored pool.' }) poolSize: number;
  @Field(() => [ID], { description: 'The stored pool (project ids, sorted).' }) poolProjectIds: string[];
  @Field(() => InspectionDrawResult, { nullable: true, description: 'Null when the stored inputs no longer allow the draw at all.' })
  recomputed: InspectionDrawResult | null;
  @Field(() => InspectionDrawResult, { description: 'The result as stored when the draw was made.' }) stored: InspectionDrawResult;
  @Field(() => String, { nullable: true, description: 'Why the re-run failed, if it did.' }) problem: string | null;
}

@InputType({ description: 'A new item of the inspection-item list (抽查事项清单). OFFICE only.' })
export class CreateInspectionItemInput {
  @Field({ description: 'Short stable code, 1 to 40 characters, unique, e.g. CJ-01.' }) @InputRule({ maxLength: 40 }) code: string;
  @Field({ description: 'What the item checks, 1 to 200 characters.' }) @InputRule({ maxLength: 200 }) title: string;
  @Field({ description: 'Legal basis (法律依据).' }) @LongText(2000) legalBasis: string;
  @Field(() => [ProjectStage], { description: 'The project stages the item checks.' }) stages: ProjectStage[];
}

@InputType({ description: 'A joint random-inspection plan (双随机抽查计划) for a period. OFFICE only.' })
export class CreateInspectionPlanInput {
  @Field({ description: 'Name of the plan, 1 to 255 characters.' }) name: string;
  @Field(() => LocalDateScalar, { description: 'First day of the period whose projects form the pool, YYYY-MM-DD (Asia/Shanghai).' }) periodFrom: string;
  @Field(() => LocalDateScalar, { description: 'Last day of the period, YYYY-MM-DD (Asia/Shanghai); not before periodFrom.' }) periodTo: string;
  @Field(() => [String], { description: 'Codes of the inspection items to check.' }) itemCodes: string[];
  @Field(() => Float, { description: 'Share of the pool to draw, at least 0.05 (5%).' }) @InputRule({ min: 0, max: 1 }) samplingRatio: number;
  @Field(() => Int, { description: 'Inspectors per drawn project, at least 2.', defaultValue: 2 }) @InputRule({ min: 0, max: 50 }) inspectorsPerProject: number;
}

@InputType({ description: 'The result of one checklist item.' })
export class ChecklistResultInput {
  @Field({ description: 'Code of an item of the plan, 1 to 40 characters.' }) @InputRule({ maxLength: 40 }) itemCode: string;
  @Field(() => ChecklistOutcome, { description: 'Compliant, non-compliant or not applicable.' }) outcome: ChecklistOutcome;
  @Field(() => String, { nullable: true, description: "Inspector's note, up to 4000 characters." }) @LongText() note?: string | null;
}

@InputType({ description: 'A problem found in the inspection (检查发现).' })
export class FindingInput {
  @Field(() => String, {
    nullable: true,
    description: 'Code of the checklist item the finding belongs to, 1 to 40 characters; null when it concerns no single item.',
  })
  @InputRule({ maxLength: 40 })
  itemCode?: string | null;
  @Field({ description: 'What was found, 1 to 4000 characters; published with the inspection.' }) @LongText() description: string;
  @Field(() => FindingSeverity, { description: 'Minor, major or serious.' }) severity: FindingSeverity;
  @Field(() => [String], {
    defaultValue: [],
    description: 'Unified social credit codes (统一社会信用代码, 18 characters each) of the market entities concerned; default none.',
  })
  respondentCreditCodes: string[];
}

@InputType({ description: 'Results of an inspection: every checklist item of the plan, and any new findings.' })
export class InspectionResultInput {
  @Field(() => ID, { description: 'UUID of the inspection.' }) inspectionId: string;
  @Field(() => LocalDateScalar, { description: 'Day of the on-site inspection, YYYY-MM-DD (Asia/Shanghai); today or earlier.' })
  @PastDate()
  inspectedOn: string;
  @Field(() => [ChecklistResultInput], { description: 'One result for every item of the plan.' }) checklist: ChecklistResultInput[];
  @Field(() => String, { nullable: true, description: 'Overall conclusion, up to 4000 characters; published with the results.' }) @LongText() summary?:
    string | null;
  @Field(() => [FindingInput], { defaultValue: [], description: 'New findings; default none.' }) findings: FindingInput[];
}

@InputType({ description: 'Filter for inspection lists; all given conditions must hold.' })
export class InspectionFilter {
  @Field(() => ID, { nullable: true, description: 'Only inspections of this plan (UUID).' }) planId?: string | null;
  @Field(() => InspectionStatus, { nullable: true, description: 'Only inspections in this status.' }) status?: InspectionStatus | null;
  @Field(() => String, { nullable: true, description: "Project's supervising department." }) departmentCode?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only inspections this enforcer (UUID) was drawn for.' }) inspectorId?: string | null;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'With drawnTo: inspections of the draws in force made in the period (the bimonthly review counts these).',
  })
  drawnFrom?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'With drawnFrom: last day of the period of the draws, YYYY-MM-DD (Asia/Shanghai), inclusive.' })
  drawnTo?: string | null;
}
