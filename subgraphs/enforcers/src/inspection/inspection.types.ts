import { LocalDateScalar, InputRule, LongText, PastDate, ProjectStage } from '@hub/kit';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ChecklistOutcome, FindingSeverity, InspectionStatus } from './inspection.entity';

/** Inspection coverage of one department over a period (for the bimonthly review, 每两月集中研判). */
@ObjectType({ description: 'Random-inspection coverage of a department over a period.' })
export class InspectionStats {
  departmentCode: string;
  @Field(() => Int, { description: "Projects of the department in the pool each of the period's draws used (draws in force made in the period, summed over draws)." }) poolSize: number;
  @Field(() => Int, { description: 'Inspections of those draws for the department’s projects (= inspections(filter: { departmentCode, drawnFrom, drawnTo }).totalCount).' }) drawn: number;
  @Field(() => Float, { description: 'drawn / poolSize (0 when the pool is empty).' }) ratio: number;
  @Field(() => Int, { description: 'Inspections with results recorded or published.' }) done: number;
  @Field(() => Int, { description: 'Findings of those inspections.' }) findings: number;
}

/** One project of a draw result with its inspectors (ids: the result as stored or recomputed). */
@ObjectType({ description: 'A drawn project and the inspectors drawn for it.' })
export class DrawnProjectAssignment {
  @Field(() => ID) projectId: string;
  @Field(() => [ID], { description: "Inspectors as ids of the draw's roster snapshot, in draw order: pseudonyms (draw-v2); enforcer ids for legacy draw-v1 draws." })
  inspectorIds: string[];
}

/** An eligible inspector in a published roster snapshot: pseudonym, department, specialties; no name, no certificate. */
@ObjectType({ description: 'An eligible inspector of a draw’s roster snapshot, under a per-draw pseudonym (no name, no certificate number).' })
export class DrawRosterEntry {
  @Field() pseudonym: string;
  @Field() departmentCode: string;
  @Field(() => [String]) specialties: string[];
}

@ObjectType({ description: 'Inspectors who may not inspect a project (conflict of interest or recusal), as pseudonyms; reasons are not published.' })
export class DrawExclusion {
  @Field(() => ID) projectId: string;
  @Field(() => [String]) pseudonyms: string[];
}

@InputType({ description: 'Freezes and publishes a draw round: the pool, the roster snapshot and the parameters are fixed before any unit commits.' })
export class FreezeDrawInput {
  @Field(() => ID) planId: string;
  @Field(() => [String], { description: 'At least two member units that will commit and reveal a secret: ZWJ (the office), line departments (kind LINE in the `departments` query), LEADING_GROUP (a leader as witness).' })
  participantUnits: string[];
  @Field(() => Date, { description: 'Reveals after this instant are refused (the round can then only be abandoned); at most 30 days ahead.' })
  revealDeadline: Date;
  @Field(() => String, { nullable: true, description: 'For a redraw (e.g. after a recusal): why the draw in force is replaced.' })
  redrawReason?: string | null;
}

@ObjectType({ description: 'A draw result: the drawn projects in draw order with their inspectors.' })
export class InspectionDrawResult {
  @Field() algorithmVersion: string;
  @Field(() => Int) poolSize: number;
  @Field(() => Int) drawnCount: number;
  @Field(() => [DrawnProjectAssignment]) projects: DrawnProjectAssignment[];
}

/** The answer of verifyDraw: the draw re-run from its stored seed, pool and roster, compared with what is stored. */
@ObjectType({ description: 'Re-run of a stored draw from its seed, pool and roster snapshot, compared with the stored result.' })
export class DrawVerification {
  @Field(() => ID) drawId: string;
  @Field({ description: 'True when every check holds: manifest, commitments, seed, result and inspections.' }) matches: boolean;
  @Field({ description: "The recomputed result equals the draw's stored result." }) resultMatches: boolean;
  @Field({ description: 'The stored inspections (projects and inspectors) equal the recomputed result.' }) inspectionsMatch: boolean;
  @Field({ description: 'The published manifest hashes to the published manifest hash (false for legacy draws without a round).' }) manifestMatches: boolean;
  @Field({ description: 'Every participant revealed a secret whose SHA-256 is its commitment (false for legacy draws).' }) commitmentsMatch: boolean;
  @Field({ description: 'The seed is SHA-256(manifest hash ‖ secrets in unit-code order) (false for legacy draws, whose seed the office gave).' }) seedMatches: boolean;
  @Field(() => String, { nullable: true }) manifestHash: string | null;
  @Field() algorithmVersion: string;
  @Field() seed: string;
  @Field(() => Int) poolSize: number;
  @Field(() => [ID], { description: 'The stored pool (project ids, sorted).' }) poolProjectIds: string[];
  @Field(() => InspectionDrawResult, { nullable: true, description: 'Null when the stored inputs no longer allow the draw at all.' })
  recomputed: InspectionDrawResult | null;
  @Field(() => InspectionDrawResult) stored: InspectionDrawResult;
  @Field(() => String, { nullable: true, description: 'Why the re-run failed, if it did.' }) problem: string | null;
}

@InputType()
export class CreateInspectionItemInput {
  @Field() @InputRule({ maxLength: 40 }) code: string;
  @Field() @InputRule({ maxLength: 200 }) title: string;
  @Field({ description: 'Legal basis (法律依据).' }) @LongText(2000) legalBasis: string;
  @Field(() => [ProjectStage], { description: 'The project stages the item checks.' }) stages: ProjectStage[];
}

@InputType()
export class CreateInspectionPlanInput {
  @Field() name: string;
  @Field(() => LocalDateScalar) periodFrom: string;
  @Field(() => LocalDateScalar) periodTo: string;
  @Field(() => [String], { description: 'Codes of the inspection items to check.' }) itemCodes: string[];
  @Field(() => Float, { description: 'Share of the pool to draw, at least 0.05 (5%).' }) @InputRule({ min: 0, max: 1 }) samplingRatio: number;
  @Field(() => Int, { description: 'Inspectors per drawn project, at least 2.', defaultValue: 2 }) @InputRule({ min: 0, max: 50 }) inspectorsPerProject: number;
}

@InputType()
export class ChecklistResultInput {
  @Field() @InputRule({ maxLength: 40 }) itemCode: string;
  @Field(() => ChecklistOutcome) outcome: ChecklistOutcome;
  @Field(() => String, { nullable: true }) @LongText() note?: string | null;
}

@InputType()
export class FindingInput {
  @Field(() => String, { nullable: true }) @InputRule({ maxLength: 40 }) itemCode?: string | null;
  @Field() @LongText() description: string;
  @Field(() => FindingSeverity) severity: FindingSeverity;
  @Field(() => [String], { defaultValue: [] }) respondentCreditCodes: string[];
}

@InputType({ description: 'Results of an inspection: every checklist item of the plan, and any new findings.' })
export class InspectionResultInput {
  @Field(() => ID) inspectionId: string;
  @Field(() => LocalDateScalar) @PastDate() inspectedOn: string;
  @Field(() => [ChecklistResultInput]) checklist: ChecklistResultInput[];
  @Field(() => String, { nullable: true }) @LongText() summary?: string | null;
  @Field(() => [FindingInput], { defaultValue: [] }) findings: FindingInput[];
}

@InputType()
export class InspectionFilter {
  @Field(() => ID, { nullable: true }) planId?: string | null;
  @Field(() => InspectionStatus, { nullable: true }) status?: InspectionStatus | null;
  @Field(() => String, { nullable: true, description: "Project's supervising department." }) departmentCode?: string | null;
  @Field(() => ID, { nullable: true }) inspectorId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'With drawnTo: inspections of the draws in force made in the period (the bimonthly review counts these).' })
  drawnFrom?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) drawnTo?: string | null;
}
