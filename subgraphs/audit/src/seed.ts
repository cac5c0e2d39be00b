import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, type SeedEnvironment } from '@hub/kit';
import { AuditFinding } from './finding/finding.entity';

/** Demo data: a finding on each of the first projects of the pool (read through the graph), some rectified. Runs once. */
export async function seedDemoData(em: EntityManager, env: SeedEnvironment): Promise<void> {
  if ((await em.count(AuditFinding, {})) > 0) return;
  const { projects } = await env.graph('projects').request<{ projects: { nodes: { id: string; code: string; registeredOn: string }[] } }>(
    'query { projects(first: 12) { nodes { id code registeredOn } } }',
  );
  projects.nodes.forEach((project, i) => {
    const foundOn = addDays(project.registeredOn, 30);
    em.create(AuditFinding, {
      projectId: project.id,
      title: `Demo finding on ${project.code}`,
      description: 'Example data of the audit slice.',
      foundOn,
      rectificationDueOn: addDays(foundOn, 60),
      rectifiedOn: i % 3 === 0 ? addDays(foundOn, 20) : null,
      recordedByDepartment: 'ZWJ',
    });
  });
  await em.flush();
}
