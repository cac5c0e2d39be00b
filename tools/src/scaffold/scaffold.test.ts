import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSubgraphList, repoRoot } from '@hub/kit';
import { namesOf, scaffoldFiles } from './templates';

describe('pnpm subgraph:new', () => {
  it("generated the worked example (subgraphs/audit) exactly: its passing tests are the scaffold's", () => {
    const entry = readSubgraphList().subgraphs.find((s) => s.name === 'audit');
    expect(entry).toMatchObject({ package: '@hub/audit', port: 4005 });
    for (const [file, content] of Object.entries(scaffoldFiles(namesOf('audit', 4005)))) {
      expect(readFileSync(join(repoRoot(), 'subgraphs', 'audit', file), 'utf8'), file).toBe(content);
    }
  });

  it('derives names a newcomer can guess', () => {
    expect(namesOf('expert-roster', 4010)).toMatchObject({ pascal: 'ExpertRoster', camel: 'expertRoster', snake: 'expert_roster', env: 'EXPERT_ROSTER' });
    const files = scaffoldFiles(namesOf('expert-roster', 4010));
    expect(files['src/finding/finding.entity.ts']).toContain("tableName: 'expert_roster_finding'");
    expect(files['src/finding/finding.resolver.ts']).toContain('expertRosterFindings');
  });
});
