import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSubgraphList, repoRoot } from '@hub/kit';
import { architectureDiagram, DIAGRAM_BEGIN, DIAGRAM_END, withArchitectureDiagram } from './readme-diagram';

describe("the README's architecture diagram", () => {
  const list = readSubgraphList();

  it('draws every subgraph of subgraphs.json with its owner, port and database', () => {
    const diagram = architectureDiagram(list);
    for (const s of list.subgraphs) expect(diagram).toMatch(new RegExp(`${s.name}\\s+\\(${s.owner}, :${s.port}\\)\\s+── hub_${s.name}`));
  });

  it('replaces only the block between the markers, and the committed README is current', () => {
    const readme = `intro\n${DIAGRAM_BEGIN}\nold drawing\n${DIAGRAM_END}\nrest\n`;
    expect(withArchitectureDiagram(readme, list)).toBe(`intro\n${DIAGRAM_BEGIN}\n\n${architectureDiagram(list)}\n\n${DIAGRAM_END}\nrest\n`);
    const committed = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    expect(committed).toContain(DIAGRAM_BEGIN);
    expect(withArchitectureDiagram(committed, list)).toBe(committed);
  });
});
