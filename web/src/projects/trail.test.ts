import { describe, expect, it } from 'vitest';
import { mergeTrail, type TrailLabels } from './trail';

const labels: TrailLabels = {
  stageRecord: (kind) => `stage ${kind}`,
  caseEvent: (receipt, status) => `case ${receipt} ${status}`,
  inspection: (status) => `inspection ${status}`,
  creditEvent: (subject, status) => `credit ${subject} ${status}`,
  auditFound: (title) => `audit ${title}`,
  auditRectified: (title) => `rectified ${title}`,
};

describe('the project trail merged across slices', () => {
  it('orders every slice’s steps by time, dates as the start of the day in Shanghai', () => {
    const trail = mergeTrail(
      {
        stageRecords: [{ id: '1', kind: 'ANNOUNCEMENT', occurredOn: '2026-03-02', recordedBy: 'clerk', documentRef: 'A-1' }],
        cases: [
          {
            id: 'c',
            receiptNumber: 'R1',
            events: [{ id: 'e1', at: '2026-03-01T20:00:00Z', transition: 'SUBMIT', toStatus: 'SUBMITTED', actorName: 'public' }],
          },
        ],
        inspections: [{ id: 'i', status: 'PUBLISHED', publishedAt: '2026-03-05T02:00:00Z', recordedAt: '2026-03-04T02:00:00Z', inspectedOn: '2026-03-03' }],
        creditRecords: [
          {
            id: 'r',
            subjectKey: 'X',
            marketEntity: { name: '湖北宏达建筑工程有限公司' },
            events: [{ id: 'ce', at: '2026-03-06T01:00:00Z', toStatus: 'IN_PUBLICITY', actorName: 'bureau' }],
          },
        ],
        auditFindings: [{ id: 'a', title: 'T', foundOn: '2026-02-01', rectifiedOn: '2026-03-10' }],
      },
      labels,
    );
    expect(trail.map((e) => e.what)).toEqual([
      'audit T',
      // 2026-03-01T20:00Z is 03-02 04:00 in Shanghai: after the stage record dated 03-02 (00:00 Shanghai).
      'stage ANNOUNCEMENT',
      'case R1 SUBMITTED',
      'inspection PUBLISHED',
      'credit 湖北宏达建筑工程有限公司 IN_PUBLICITY',
      'rectified T',
    ]);
  });

  it('adds nothing for a slice that did not answer', () => {
    expect(mergeTrail({ stageRecords: [], cases: null, inspections: null, creditRecords: null, auditFindings: null }, labels)).toEqual([]);
  });

  it('names who took a case’s step as the labels say, the server’s name when they say nothing', () => {
    const sources = {
      cases: [
        {
          id: 'c',
          receiptNumber: 'R1',
          events: [
            { id: 'e1', at: '2026-03-01T20:00:00Z', transition: 'SUBMIT', toStatus: 'SUBMITTED', actorName: 'Public (online intake)', actorRole: 'PUBLIC' },
          ],
        },
      ],
    };
    expect(mergeTrail(sources, labels)[0]?.who).toBe('Public (online intake)');
    expect(mergeTrail(sources, { ...labels, caseActor: (e) => (e.actorRole === 'PUBLIC' ? '公众（网上提交）' : e.actorName) })[0]?.who).toBe(
      '公众（网上提交）',
    );
  });
});
