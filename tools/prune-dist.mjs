// Removes build outputs whose source file is gone, before `tsc -b` runs (`pnpm build`).
// tsc never deletes the output of a deleted or renamed source: a reverted migration once kept
// running from dist/. A full clean (`tsc -b --clean`) would cost a full rebuild every time (minutes
// on a shared machine); this keeps incremental builds and deletes only orphans. Plain JavaScript so
// it runs before anything is built.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_SUFFIXES = ['.d.ts.map', '.js.map', '.d.ts', '.js'];

/** The packages `tsc -b` builds: the root tsconfig's references, each with its rootDir and outDir. */
function builtPackages() {
  const { references = [] } = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
  const packages = [];
  for (const { path } of references) {
    const dir = join(root, path);
    let options;
    try {
      options = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).compilerOptions ?? {};
    } catch {
      continue; // a tsconfig with comments is not ours to guess at; tsc still builds it
    }
    if (options.rootDir && options.outDir) packages.push({ src: join(dir, options.rootDir), dist: join(dir, options.outDir) });
  }
  return packages;
}

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** The source a dist file was emitted from, or undefined for files tsc does not emit from a source. */
function sourcesOf(distFile, pkg) {
  const rel = relative(pkg.dist, distFile);
  if (rel.endsWith('.json')) return [join(pkg.src, rel)];
  const suffix = OUTPUT_SUFFIXES.find((s) => rel.endsWith(s));
  if (!suffix) return undefined;
  const base = join(pkg.src, rel.slice(0, -suffix.length));
  return [`${base}.ts`, `${base}.json`];
}

let removed = 0;
for (const pkg of builtPackages()) {
  if (!existsSync(pkg.dist)) continue;
  for (const file of filesUnder(pkg.dist)) {
    const sources = sourcesOf(file, pkg);
    if (sources && !sources.some((s) => existsSync(s))) {
      rmSync(file);
      removed += 1;
      if (process.env.PRUNE_DIST_VERBOSE) console.log(`pruned ${relative(root, file)}`);
    }
  }
}
if (removed > 0) console.log(`prune-dist: removed ${removed} build output(s) whose source is gone`);
