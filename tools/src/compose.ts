import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { readSubgraphList, repoRoot } from '@hub/kit';
import { dockerComposeFile } from './docker-compose';
import { kubernetesManifests } from './kubernetes';
import { withArchitectureDiagram } from './readme-diagram';
import { undescribedCoordinates } from './schema-descriptions';
import { apiSchemaOf, breakingChanges, checkOperations, composeFromCode, schemaDir } from './supergraph';

/**
 * `pnpm compose` regenerates schema/subgraphs/<name>.graphql and schema/supergraph.graphql from
 * the code, and docker-compose.yml and deploy/kubernetes/ from subgraphs.json. `pnpm schema:check`
 * (with --check) writes nothing and fails when the committed files are stale (or a manifest is
 * left over), when composition fails, when a dashboard operation (schema/operations, web/src) no longer
 * validates, or when a type, field, argument or enum value of the API schema has no description; breaking changes against the committed supergraph are listed either way.
 */
async function main() {
  const check = process.argv.includes('--check');
  const dir = schemaDir();
  const supergraphFile = join(dir, 'supergraph.graphql');
  const committed = existsSync(supergraphFile) ? readFileSync(supergraphFile, 'utf8') : undefined;
  const composition = await composeFromCode();
  let failed = false;

  if (composition.errors.length) {
    console.error(`Composition failed (${composition.errors.length} error(s)):`);
    for (const error of composition.errors) console.error(`  - ${error}`);
    process.exit(1);
  }
  const supergraph = composition.supergraphSdl!;

  if (committed && committed !== supergraph) {
    const changes = breakingChanges(committed, supergraph);
    if (changes.length) {
      console.error(`Breaking changes against the committed supergraph (${changes.length}):`);
      for (const change of changes) console.error(`  - ${change}`);
    }
  }

  // The dashboards' operations and the web app's (kept next to its views) must stay valid.
  const api = apiSchemaOf(supergraph);
  const problems = [join(dir, 'operations'), join(repoRoot(), 'web', 'src')].flatMap((folder) =>
    checkOperations(api, folder).map((p) => ({ ...p, file: relative(repoRoot(), join(folder, p.file)) })),
  );
  if (problems.length) {
    failed = true;
    console.error(`Dashboard operations broken by this schema (${problems.length}):`);
    for (const p of problems) console.error(`  - ${p.file}, operation ${p.operation}: ${p.message}`);
  }

  // The explorer's documentation is the schema's descriptions: every coordinate a client sees needs one.
  const undescribed = undescribedCoordinates(api);
  if (undescribed.length) {
    if (check) failed = true;
    console.error(`Schema coordinates without a description (${undescribed.length}; add \`description:\` to the decorator):`);
    for (const coordinate of undescribed) console.error(`  - ${coordinate}`);
  }

  const files = new Map<string, string>([[supergraphFile, supergraph]]);
  for (const [name, sdl] of composition.subgraphs) files.set(join(dir, 'subgraphs', `${name}.graphql`), sdl);
  files.set(join(repoRoot(), 'docker-compose.yml'), dockerComposeFile(readSubgraphList()));
  for (const [name, content] of kubernetesManifests(readSubgraphList())) files.set(join(repoRoot(), 'deploy', 'kubernetes', name), content);
  const readme = join(repoRoot(), 'README.md');
  files.set(readme, withArchitectureDiagram(readFileSync(readme, 'utf8'), readSubgraphList()));

  if (check) {
    const stale = [...files].filter(([file, content]) => !existsSync(file) || readFileSync(file, 'utf8') !== content);
    // A manifest left from a subgraph no longer in the list would still be applied by hand.
    const deployDir = join(repoRoot(), 'deploy', 'kubernetes');
    if (existsSync(deployDir)) for (const name of readdirSync(deployDir)) if (!files.has(join(deployDir, name))) stale.push([join(deployDir, name), '']);
    if (stale.length) {
      failed = true;
      console.error('Committed schema files are stale (run `pnpm compose` and commit):');
      for (const [file] of stale) console.error(`  - ${file.slice(repoRoot().length + 1)}`);
    }
    if (!failed)
      console.log(
        `schema:check ok: ${composition.subgraphs.size} subgraph(s) compose; generated files (schema/, docker-compose.yml, deploy/kubernetes/, the README diagram) match the sources; ${problems.length} broken operations; every type, field, argument and enum value described`,
      );
  } else {
    for (const [file, content] of files) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    console.log(
      `Wrote schema/supergraph.graphql, ${composition.subgraphs.size} subgraph SDL file(s), docker-compose.yml, deploy/kubernetes/ and the README's architecture diagram`,
    );
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
