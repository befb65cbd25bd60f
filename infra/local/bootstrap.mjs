#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a machine that has only Node and npm.
// It brings pnpm (pinned, into .data/tools, because corepack cannot verify signatures on every
// registry mirror), installs the workspace from the lockfile, then hands over to the TypeScript
// orchestrator in infra/local/src. Dependency-free on purpose: nothing is installed yet when it runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '10.34.8';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const toolsDir = join(root, '.data', 'tools');
const pnpmBin = join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

function ensurePnpm() {
  if (existsSync(pnpmBin)) {
    const pkg = JSON.parse(readFileSync(join(toolsDir, 'node_modules', 'pnpm', 'package.json'), 'utf8'));
    if (pkg.version === PNPM_VERSION) return;
  }
  console.log(`› installing pnpm ${PNPM_VERSION} into .data/tools`);
  mkdirSync(toolsDir, { recursive: true });
  const status = run('npm', [
    'install',
    '--prefix',
    toolsDir,
    '--no-save',
    '--no-package-lock',
    '--loglevel=error',
    `pnpm@${PNPM_VERSION}`,
  ]);
  if (status !== 0 || !existsSync(pnpmBin))
    fail('could not install pnpm with npm: check that the npm registry is reachable');
}

function pnpm(args) {
  return run(process.execPath, [pnpmBin, ...args]);
}

const command = process.argv[2];
if (!['start', 'test', 'generate-sdk'].includes(command))
  fail(`unknown command "${command}": use start, test or generate-sdk`);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19))
  fail(`Node ${process.versions.node} is too old: Tollgate needs Node 20.19 or newer`);

ensurePnpm();
console.log('› installing dependencies from the lockfile');
if (
  pnpm(['install', '--frozen-lockfile', '--reporter=append-only', '--config.confirmModulesPurge=false']) !== 0
) {
  fail(
    'pnpm install failed (see above). If the lockfile is out of date, run: node .data/tools/node_modules/pnpm/bin/pnpm.cjs install',
  );
}
// The orchestrator imports these workspace packages from their build output: compile them first
// (incremental, so a second run costs about a second).
const orchestratorPackages = ['packages/config', 'packages/observability', 'packages/db'];
if (
  run(process.execPath, [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-b',
    ...orchestratorPackages,
  ]) !== 0
) {
  fail('the packages the local orchestrator needs do not compile (see above)');
}

// Ctrl-C reaches every process of the terminal's group: the orchestrator handles it and stops what it
// started; this launcher just waits for it instead of dying first.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
process.exit(
  run(process.execPath, [
    '--import',
    'tsx',
    join(root, 'infra', 'local', 'src', 'main.ts'),
    command,
    ...process.argv.slice(3),
  ]),
);
