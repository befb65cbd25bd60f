import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { testAuthSecret } from './auth-secret';
import { provideBackingServices } from './backing-services';
import { migrateDatabase } from './database-setup';
import { readLocalSettings } from './local-settings';
import { environmentDirectory, repositoryRoot } from './repository-paths';
import { buildPortalIfChanged, buildWorkspace } from './workspace-build';

interface StepResult {
  name: string;
  ok: boolean;
  seconds: number;
}

const bin = (name: string) => join(repositoryRoot, 'node_modules', '.bin', name);

/**
 * `npm test`: its own PostgreSQL and Redis (separate from npm start's), then lint, typecheck and
 * builds, then every Vitest project (unit, integration on the real servers, end-to-end suites).
 * Every step runs even when an earlier one failed, so one run shows every problem.
 */
export async function runTests(vitestArguments: string[]): Promise<number> {
  const settings = readLocalSettings();
  const services = await provideBackingServices({
    environment: 'test',
    databaseName: 'tollgate_test',
    databaseUrl: settings.DATABASE_URL,
    redisUrl: settings.REDIS_URL,
    postgresPort: settings.TEST_POSTGRES_PORT,
    redisPort: settings.TEST_REDIS_PORT,
    postgresPortVariable: 'TEST_POSTGRES_PORT',
    redisPortVariable: 'TEST_REDIS_PORT',
  });
  const steps: StepResult[] = [];
  try {
    steps.push(
      step(
        'lint',
        () =>
          command(bin('eslint'), ['.', '--max-warnings=0']) &&
          command(bin('prettier'), ['--check', '.', '--log-level=warn']),
      ),
    );
    steps.push(
      step(
        'typecheck and build',
        () =>
          attempt(buildWorkspace) &&
          command(bin('tsc'), ['-p', 'infra/local']) &&
          command(bin('tsc'), ['-p', 'infra/kamailio']) &&
          command(bin('tsc'), ['-p', 'apps/portal/e2e']) &&
          command(bin('tsc'), ['-p', 'bench']),
      ),
    );
    steps.push(step('portal build', () => attempt(buildPortalIfChanged)));
    await migrateDatabase(services.databaseUrl, { seed: false });
    const results = join(environmentDirectory('test'), 'vitest-results.json');
    steps.push(step('tests', () => runVitest(results, services, vitestArguments)));
    printSummary(steps, results);
  } finally {
    await services.stop();
  }
  return steps.every((s) => s.ok) ? 0 : 1;
}

function runVitest(
  results: string,
  services: { databaseUrl: string; redisUrl: string },
  extra: string[],
): boolean {
  mkdirSync(environmentDirectory('test'), { recursive: true });
  rmSync(results, { force: true });
  const reporters = ['--reporter=default', '--reporter=json', `--outputFile.json=${results}`];
  return command(bin('vitest'), ['run', ...reporters, ...extra], {
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    AUTH_SECRET: testAuthSecret(),
    NODE_ENV: 'test',
  });
}

function step(name: string, run: () => boolean): StepResult {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const ok = run();
  return { name, ok, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

function command(executable: string, args: string[], env: Record<string, string> = {}): boolean {
  const result = spawnSync(executable, args, {
    cwd: repositoryRoot,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

function attempt(work: () => void): boolean {
  try {
    work();
    return true;
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    return false;
  }
}

function printSummary(steps: StepResult[], resultsFile: string): void {
  console.log('\n━━ summary ━━');
  for (const s of steps) console.log(`${s.ok ? '✔' : '✖'} ${s.name} (${s.seconds} s)`);
  if (!existsSync(resultsFile)) {
    console.log('Tests: 0 passed, 1 failed (the test runner wrote no results)');
    return;
  }
  const report = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
  };
  // Failed suites are counted only when no test failed: a file that cannot load has no failed tests.
  const failed = report.numFailedTests || report.numFailedTestSuites;
  console.log(
    `Tests: ${report.numPassedTests} passed, ${failed} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
  );
}
