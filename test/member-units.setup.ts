import { FixedMemberUnits, useMemberUnitSource } from '@hub/kit';

/*
 * Integration tests run one slice on its own database, with no projects slice to ask for the member
 * units (a slice learns them through the graph, `departments`). This stands in for it with the units
 * the projects migration seeds; the projects slice's own tests read its real table, and end-to-end
 * tests ask the real projects subgraph.
 */
useMemberUnitSource(
  new FixedMemberUnits([
    { code: 'FGJ', name: 'Development and Reform Bureau', nameZh: '区发改局', kind: 'LINE' },
    { code: 'ZJJ', name: 'Housing and Urban-Rural Development Bureau', nameZh: '区住建局', kind: 'LINE' },
    { code: 'JTJ', name: 'Transport Bureau', nameZh: '区交通运输局', kind: 'LINE' },
    { code: 'SLJ', name: 'Water Resources and Lakes Bureau', nameZh: '区水利和湖泊局', kind: 'LINE' },
    { code: 'NYJ', name: 'Agriculture and Rural Affairs Bureau', nameZh: '区农业农村局', kind: 'LINE' },
    { code: 'JYZX', name: 'Public Resources Trading Center', nameZh: '区公共资源交易中心', kind: 'TRADING_CENTER' },
    {
      code: 'ZWJ',
      name: 'Government Services and Big Data Bureau (Trading Supervision Bureau)',
      nameZh: '区政务服务和大数据管理局',
      kind: 'SUPERVISION_OFFICE',
    },
  ]),
);
