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

registerEnumType(CreditSubjectType, { name: 'CreditSubjectType', description: 'MARKET_ENTITY (市场主体) or PRACTITIONER (从业人员).' });
registerEnumType(CreditSourceKind, { name: 'CreditSourceKind', description: 'Source of a credit record: performance notification, case decision or inspection finding.' });
registerEnumType(CreditRecordStatus, {
  name: 'CreditRecordStatus',
  description:
    'DRAFT → IN_PUBLICITY (公示) → OBJECTION_RAISED (异议) → CORRECTED | UPHELD → EFFECTIVE → EXPIRED. EFFECTIVE and EXPIRED follow from the record dates as of the day asked.',
});
registerEnumType(ObjectionOutcome, { name: 'CreditObjectionOutcome', description: 'CORRECTED (更正) or UPHELD (维持).' });
