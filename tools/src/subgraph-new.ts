import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readSubgraphList, repoRoot, subgraphListFile } from '@hub/kit';
import { namesOf, scaffoldFiles } from './scaffold/templates';

/**
 * `pnpm subgraph:new <name> [--owner CODE] [--port N] [--no-install]`: scaffolds subgraphs/<name> from the kit
 * (package, example entity joined to Project, resolver, loader, migration, demo data, tests), adds
 * it to subgraphs.json (next free port) and to the TypeScript build, links it into the workspace
 * and regenerates schema/ and docker-compose.yml. Nobody else's code changes.
 */
function main() {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith('--'));
  const owner = args.includes('--owner') ? args[args.indexOf('--owner') + 1] : 'ZWJ';
  if (!name || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) throw new Error('Usage: pnpm subgraph:new <name>   (lower-case, digits and dashes, e.g. audit)');
  const root = repoRoot();
  const folder = join(root, 'subgraphs', name);
  const list = readSubgraphList();
  if (existsSync(folder) || list.subgraphs.some((s) => s.name === name)) throw new Error(`subgraphs/${name} already exists`);
  const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : Math.max(4000, ...list.subgraphs.map((s) => s.port)) + 1;
  if (!Number.isInteger(port) || list.subgraphs.some((s) => s.port === port)) throw new Error(`Port ${port} is not free in subgraphs.json`);
  const names = namesOf(name, port);

  for (const [file, content] of Object.entries(scaffoldFiles(names))) {
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    writeFileSync(join(folder, file), content);
  }
  list.subgraphs.push({ name, package: `@hub/${name}`, port, owner, description: `${names.pascal} slice (scaffolded)`, reads: ['projects'] });
  // Project.history (the projects slice) gathers every slice's write log through the graph.
  const projects = list.subgraphs.find((s) => s.name === 'projects');
  if (projects) projects.reads = [...new Set([...(projects.reads ?? []), name])];
  writeFileSync(subgraphListFile(), `${JSON.stringify(list, null, 2)}\n`);
  const tsconfigFile = join(root, 'tsconfig.json');
  const tsconfig = JSON.parse(readFileSync(tsconfigFile, 'utf8')) as { references: { path: string }[] };
  tsconfig.references.splice(
    tsconfig.references.findIndex((r) => r.path === 'gateway'),
    0,
    { path: `subgraphs/${name}` },
  );
  writeFileSync(tsconfigFile, `${JSON.stringify(tsconfig, null, 2)}\n`);
  console.log(`Created subgraphs/${name} (port ${port}) and its entry in subgraphs.json.`);

  if (!args.includes('--no-install')) {
    const run = (cmd: string, cmdArgs: string[]) => execFileSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
    run('pnpm', ['install', '--prefer-offline']);
    run('pnpm', ['-s', 'compose']);
    console.log(`
Next:
  pnpm exec vitest run subgraphs/${name}     # its tests
  pnpm start:subgraph ${name}                # serve it beside a running hub; the gateway picks up the new supergraph
  TOKEN=$(pnpm -s token --role LEADER)
  curl -s localhost:4000/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '{"query":"{ projects(first: 3) { nodes { code ${names.camel}Findings { title overdue } } } }"}'`);
  }
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
