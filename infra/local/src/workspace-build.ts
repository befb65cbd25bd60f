import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LocalSetupError } from './local-setup-error';
import { repositoryRoot } from './repository-paths';

const bin = (name: string) => join(repositoryRoot, 'node_modules', '.bin', name);

/** Compiles every TypeScript project (incremental: a second run with no change takes a second). */
export function buildWorkspace(): void {
  console.log('› compiling the workspace (tsc -b)');
  run(bin('tsc'), ['-b'], 'the TypeScript build failed (see above)');
}

const portalDirectory = join(repositoryRoot, 'apps', 'portal');
const portalStamp = join(portalDirectory, '.next', 'tollgate-source-hash');

/** Builds the portal for production unless its sources (and the SDK it uses) are unchanged since the last build. */
export function buildPortalIfChanged(): void {
  const hash = sourceHash([portalDirectory, join(repositoryRoot, 'packages', 'sdk', 'src')]);
  if (existsSync(portalStamp) && readFileSync(portalStamp, 'utf8') === hash) return;
  console.log('› building the portal (next build; skipped next time if nothing changed)');
  run(
    join(portalDirectory, 'node_modules', '.bin', 'next'),
    ['build'],
    'the portal build failed (see above)',
    portalDirectory,
  );
  writeFileSync(portalStamp, hash);
}

function run(command: string, args: string[], failure: string, cwd = repositoryRoot): void {
  const result = spawnSync(command, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new LocalSetupError(failure);
}

function sourceHash(directories: string[]): string {
  const hash = createHash('sha256');
  for (const directory of directories) {
    for (const file of listFiles(directory)) {
      hash.update(relative(repositoryRoot, file));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

function listFiles(directory: string): string[] {
  const skipped = new Set(['node_modules', '.next', 'dist']);
  return readdirSync(directory)
    .filter((entry) => !skipped.has(entry))
    .sort()
    .flatMap((entry) => {
      const path = join(directory, entry);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}
