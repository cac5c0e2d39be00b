import { registerEnumType } from 'type-graphql';

/** Who a credit record is about. */
export enum CreditSubjectType {
  /** 市场主体, keyed by unified social credit code. */
  MARKET_ENTITY = 'MARKET_ENTITY',
  /** 从业人员, keyed by the projects slice's practitioner id. */
  PRACTITIONER = 'PRACTITIONER',
}

/** Where the finding behind a record came from. */
export enum CreditSourceKind {
  /** A line department's written notification of post-award (履约) findings. */
  PERFORMANCE_NOTIFICATION = 'PERFORMANCE_NOTIFICATION',
  /** A decision in a case (cases slice). */
  CASE_DECISION = 'CASE_DECISION',
  /** A finding of a joint inspection (enforcers slice). */
  INSPECTION_FINDING = 'INSPECTION_FINDING',
}

/**
 * The stored life-cycle state. EFFECTIVE and EXPIRED are not stored: they follow from the dates
 * fixed when publicity (or the objection decision) ends, see {@link CreditRecordStatus}.
 */
export enum StoredCreditStatus {
  DRAFT = 'DRAFT',
  IN_PUBLICITY = 'IN_PUBLICITY',
  OBJECTION_RAISED = 'OBJECTION_RAISED',
  CORRECTED = 'CORRECTED',
  UPHELD = 'UPHELD',
}

/** The status as seen on a given day. */
export enum CreditRecordStatus {
  DRAFT = 'DRAFT',
  IN_PUBLICITY = 'IN_PUBLICITY',
  OBJECTION_RAISED = 'OBJECTION_RAISED',
  CORRECTED = 'CORRECTED',
  UPHELD = 'UPHELD',
  EFFECTIVE = 'EFFECTIVE',
  EXPIRED = 'EXPIRED',
}

export enum ObjectionOutcome {
  /** The objection succeeded in part or whole: rule or points changed (更正). */
  CORRECTED = 'CORRECTED',
  /** The record stands as published (维持). */
  UPHELD = 'UPHELD',
}

registerEnumType(CreditSubjectType, {
  name: 'CreditSubjectType',
  description: 'MARKET_ENTITY (市场主体) or PRACTITIONER (从业人员).',
  valuesConfig: {
    MARKET_ENTITY: { description: 'A market entity (市场主体), keyed by its unified social credit code.' },
    PRACTITIONER: { description: "A practitioner (从业人员), keyed by the projects slice's practitioner id." },
  },
});
registerEnumType(CreditSourceKind, {
  name: 'CreditSourceKind',
  description: 'Source of a credit record: performance notification, case decision or inspection finding.',
  valuesConfig: {
    PERFORMANCE_NOTIFICATION: { description: "A line department's written notification of post-award (履约) findings." },
    CASE_DECISION: { description: 'A decision in a case (cases slice).' },
    INSPECTION_FINDING: { description: 'A finding of a joint inspection (enforcers slice).' },
  },
});
registerEnumType(CreditRecordStatus, {
  name: 'CreditRecordStatus',
  description:
    'DRAFT → IN_PUBLICITY (公示) → OBJECTION_RAISED (异议) → CORRECTED | UPHELD → EFFECTIVE → EXPIRED. EFFECTIVE and EXPIRED follow from the record dates as of the day asked.',
  valuesConfig: {
    DRAFT: { description: 'Drafted by the bureau; not public.' },
    IN_PUBLICITY: { description: 'Published, in its publicity period (公示期) during which the subject may object.' },
    OBJECTION_RAISED: { description: "The subject objected (异议); waiting for the bureau's decision." },
    CORRECTED: { description: 'The objection was decided CORRECTED (更正); the corrected record takes effect.' },
    UPHELD: { description: 'The objection was decided UPHELD (维持); the record takes effect.' },
    EFFECTIVE: { description: 'In force on the day asked: the deduction counts (12 months by default).' },
    EXPIRED: { description: 'No longer in force on the day asked.' },
  },
});
registerEnumType(ObjectionOutcome, {
  name: 'CreditObjectionOutcome',
  description: 'CORRECTED (更正) or UPHELD (维持).',
  valuesConfig: {
    CORRECTED: { description: 'The objection succeeded in part or whole: rule or points changed (更正).' },
    UPHELD: { description: 'The record stands as published (维持).' },
  },
});
