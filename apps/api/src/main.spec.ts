import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The built entry point, as `npm start` runs it: a bad setting must end the process at once with a
// sentence naming the problem, not a stack trace.
const entryPoint = join(__dirname, '..', 'dist', 'main.js');

function boot(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [entryPoint], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', AUTH_SECRET: 'x'.repeat(32), ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('api entry point with bad configuration', () => {
  it('names a malformed DATABASE_URL', () => {
    const { status, stderr } = boot({ DATABASE_URL: 'mysql://nope', REDIS_URL: process.env.REDIS_URL! });
    expect(status).toBe(1);
    expect(stderr).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('says nothing answers at a DATABASE_URL with no server behind it', () => {
    const { status, stderr } = boot({
      DATABASE_URL: 'postgres://tollgate:tollgate@127.0.0.1:9/tollgate',
      REDIS_URL: process.env.REDIS_URL!,
    });
    expect(status).toBe(1);
    expect(stderr).toContain('nothing answers at 127.0.0.1:9');
    expect(stderr).toContain('check DATABASE_URL');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
