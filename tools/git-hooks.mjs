// Installs the before-commit hook; `pnpm install` runs this as the root package's `prepare` script.
// simple-git-hooks writes .git/hooks/pre-commit from package.json's "simple-git-hooks" entry, which
// runs lint-staged: Prettier and ESLint on the staged files only (package.json's "lint-staged").
// Plain JavaScript so it runs before anything is built.
//
// It installs nothing, and never fails the install, where a hook has no place:
// - outside a git checkout (the Docker build copies the sources without .git);
// - without simple-git-hooks (`pnpm install --prod` leaves the development tools out);
// - in a linked worktree (`git worktree add`): its hooks directory is the main checkout's, shared by
//   every worktree, so installing from one would change the others; run `pnpm install` in the main
//   checkout instead.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const skip = (reason) => console.log(`git hooks: not installed (${reason})`);

function gitDirs() {
  try {
    const [gitDir, commonDir] = execFileSync('git', ['rev-parse', '--git-dir', '--git-common-dir'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .split('\n');
    return { gitDir: resolve(root, gitDir), commonDir: resolve(root, commonDir) };
  } catch {
    return null;
  }
}

const bin = join(root, 'node_modules', '.bin', 'simple-git-hooks');
const dirs = gitDirs();
if (!dirs) skip('not a git checkout');
else if (dirs.gitDir !== dirs.commonDir) skip('a linked worktree shares the main checkout’s hooks: install them there');
else if (!existsSync(bin)) skip('simple-git-hooks is not installed, e.g. pnpm install --prod');
else {
  try {
    execFileSync(bin, { cwd: root, stdio: 'inherit' });
  } catch (error) {
    // A missing hook costs a formatting round in CI, a failed install costs the whole setup.
    console.warn(`git hooks: simple-git-hooks failed (${error.message}); commits are not checked before they are made`);
  }
}
