import { registerEnumType } from 'type-graphql';

/**
 * Stages of a tender project on the platform, in statutory order (招标公告 → 答疑澄清 → 开标 → 评标 →
 * 评标结果公示 → 中标结果公示/中标通知书 → 合同备案 → 履约 → 完成). The projects slice owns them; other
 * slices name them (an inspection item checks named stages), and federation requires an enum used
 * for input to have the same values in every subgraph, so the one list lives here.
 */
export enum ProjectStage {
  REGISTERED = 'REGISTERED',
  ANNOUNCED = 'ANNOUNCED',
  BIDS_OPENED = 'BIDS_OPENED',
  EVALUATED = 'EVALUATED',
  CANDIDATES_PUBLICISED = 'CANDIDATES_PUBLICISED',
  AWARDED = 'AWARDED',
  CONTRACT_FILED = 'CONTRACT_FILED',
  IN_PERFORMANCE = 'IN_PERFORMANCE',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ProjectStage, {
  name: 'ProjectStage',
  description: 'Current stage of a tender project on the platform, in statutory order.',
  valuesConfig: {
    REGISTERED: { description: 'Registered on the platform, not yet announced.' },
    ANNOUNCED: { description: 'Tender announced and documents issued (招标公告发布).' },
    BIDS_OPENED: { description: 'Bids opened (开标).' },
    EVALUATED: { description: 'Evaluation report in (评标报告).' },
    CANDIDATES_PUBLICISED: { description: 'Winning candidates in publicity (评标结果公示).' },
    AWARDED: { description: 'Award notice issued (中标通知书).' },
    CONTRACT_FILED: { description: 'Contract signed and filed (合同备案).' },
    IN_PERFORMANCE: { description: 'Contract in performance (履约).' },
    COMPLETED: { description: 'Project completed (竣工).' },
  },
});
