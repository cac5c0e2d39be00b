import { LocalDateScalar } from '@hub/kit';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CaseKind, CaseRefusalGround, CaseStatus } from './case-states';
import { CaseDeadlineUnit } from './deadlines';

/** Which view of a case the caller got (see access.ts). */
export enum CaseView {
  FULL = 'FULL',
  SUMMARY = 'SUMMARY',
}
registerEnumType(CaseView, {
  name: 'CaseView',
  description: 'FULL detail, or the SUMMARY other departments see (no identities, contact, narrative or comments).',
  valuesConfig: {
    FULL: { description: 'Full detail: the office, leaders, the handling department, assigned enforcers.' },
    SUMMARY: { description: 'What other departments see: kind, status, dates, deadlines and subject, without identities, contact, narrative or comments.' },
  },
});

@ObjectType({ description: 'A statutory deadline of a case on the official working-day calendar (Asia/Shanghai).' })
export class CaseDeadline {
  @Field(() => LocalDateScalar, { description: 'Last day of the period, YYYY-MM-DD (Asia/Shanghai), counted from the day after receipt (or acceptance).' })
  dueOn: string;
  @Field({ description: 'The count crossed a year the official calendar does not cover yet: the date may move.' }) provisional: boolean;
  @Field(() => CaseDeadlineUnit, { description: 'Whether the period counts working days or calendar days.' }) unit: CaseDeadlineUnit;
  @Field(() => LocalDateScalar, { nullable: true, description: 'When the step was done; null while pending.' }) metOn: string | null;
  @Field(() => Int, { nullable: true, description: 'Days left while pending (working days for complaints); negative once overdue.' }) daysLeft: number | null;
  @Field({ description: 'Pending and past the due date.' }) overdue: boolean;
  @Field({ description: 'Done after the due date.' }) metLate: boolean;
}

@ObjectType({ description: 'What an online submission returns. Keep the secret: with the receipt number it shows the status.' })
export class CaseReceipt {
  @Field({ description: 'Receipt number (受理回执编号) to quote with the secret in caseStatusByReceipt.' }) receiptNumber: string;
  @Field({ description: 'One-time secret for caseStatusByReceipt; only its hash is stored.' }) secret: string;
  @Field(() => CaseStatus, { description: 'Status of the case right after intake (SUBMITTED).' }) status: CaseStatus;
  @Field(() => LocalDateScalar, { description: 'Day the office received the case, YYYY-MM-DD (Asia/Shanghai); the periods run from it.' }) receivedOn: string;
  @Field(() => CaseDeadline, { description: 'Deadline for the decision to accept or refuse: complaint 2 working days, report 5 days.' })
  acceptanceDeadline: CaseDeadline;
  @Field({ description: 'True when this was a retry of an earlier submission with the same idempotencyKey.' }) duplicate: boolean;
}

@ObjectType({ description: 'What a submitter sees with the receipt number and secret: status, dates and the result — nothing else.' })
export class CaseReceiptStatus {
  @Field({ description: 'The receipt number asked about.' }) receiptNumber: string;
  @Field(() => CaseKind, { description: 'Complaint or report.' }) kind: CaseKind;
  @Field(() => CaseStatus, { description: 'Where the case stands now.' }) status: CaseStatus;
  @Field(() => LocalDateScalar, { description: 'Day the office received the case, YYYY-MM-DD (Asia/Shanghai).' }) receivedOn: string;
  @Field(() => CaseDeadline, { description: 'Deadline for the decision to accept or refuse.' }) acceptanceDeadline: CaseDeadline;
  @Field(() => CaseDeadline, { nullable: true, description: 'Deadline for the resolution; null until accepted.' }) resolutionDeadline: CaseDeadline | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of acceptance, YYYY-MM-DD (Asia/Shanghai); null until accepted.' }) acceptedOn:
    string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of refusal, YYYY-MM-DD (Asia/Shanghai); null unless refused.' }) rejectedOn: string | null;
  @Field(() => CaseRefusalGround, { nullable: true, description: 'Statutory refusal ground; null unless refused.' }) refusalGround: CaseRefusalGround | null;
  @Field(() => String, { nullable: true, description: 'Stated refusal reason (for OTHER, or as a note); null unless refused.' }) refusalReason: string | null;
  @Field(() => String, { nullable: true, description: 'The result fed back to the submitter.' }) feedback: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the result was fed back, YYYY-MM-DD (Asia/Shanghai); null until then.' }) feedbackOn:
    string | null;
}

@ObjectType({ description: 'Cases received in a period, by kind.' })
export class CaseKindCount {
  @Field(() => CaseKind, { description: 'The case kind counted.' }) kind: CaseKind;
  @Field(() => Int, { description: 'Number of cases of that kind received in the period.' }) count: number;
}

@ObjectType({ description: "A department's case figures for a period (bimonthly review 每两月集中研判)." })
export class CaseStats {
  @Field(() => Int, { description: 'Received in the period.' }) received: number;
  @Field(() => Int, { description: 'Accepted in the period.' }) accepted: number;
  @Field(() => Int, { description: 'Refused (不予受理) in the period.' }) rejected: number;
  @Field(() => Int, { description: 'Decided in the period by the resolution due date.' }) resolvedOnTime: number;
  @Field(() => Int, { description: 'Decided in the period after the resolution due date.' }) resolvedLate: number;
  @Field(() => Int, { description: "Cases overdue at the period's end (today for the current period), whenever received: the backlog as it stood then." })
  overdue: number;
  @Field(() => [CaseKindCount], { description: 'Received in the period, by kind.' }) byKind: CaseKindCount[];
}
