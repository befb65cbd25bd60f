import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tollgate/db/testing';
import { freePort } from '@tollgate/observability/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from './repository-paths';

// `npm start` as a newcomer runs it (on the test servers, through DATABASE_URL / REDIS_URL), with
// ports of its own so it can run beside everything else.
const main = join(repositoryRoot, 'infra', 'local', 'src', 'main.ts');

interface Run {
  child: ChildProcess;
  output: () => string;
}

function startPlatform(env: Record<string, string>): Run {
  // As a newcomer runs it: no AUTH_SECRET, so npm start must provide one itself.
  const { AUTH_SECRET: _unset, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'start'], {
    cwd: repositoryRoot,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function waitFor(run: Run, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes(text)) {
    if (run.child.exitCode !== null) throw new Error(`npm start exited early:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`"${text}" not seen within ${timeoutMs} ms:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function listening(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).catch(
    (error: Error) => error,
  );
  return !(response instanceof Error && /ECONNREFUSED/.test(String(response.cause)));
}

describe('npm start', () => {
  let database: TestDatabase;
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    const names = ['API_PORT', 'PORTAL_PORT', 'CALL_CONTROL_PROBE_PORT', 'CDR_WORKER_PROBE_PORT'];
    for (const name of [...names, 'KAMAILIO_SIP_PORT', 'KAMAILIO_RPC_PORT']) {
      ports[name] = await freePort();
    }
  });
  afterAll(async () => database?.drop());

  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL!,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  });

  it('brings every app up healthy with the demo operator, and Ctrl-C leaves none of them running', async () => {
    const run = startPlatform(env());
    try {
      await waitFor(run, 'Tollgate is running', 110_000);
      expect(run.output()).toContain('created the demo operator');
      expect(run.output()).toContain('owner@demo.tollgate.test');
      const health = await fetch(`http://127.0.0.1:${ports.API_PORT}/health`);
      expect(await health.json()).toMatchObject({
        details: { postgresql: { status: 'up' }, redis: { status: 'up' } },
      });
      for (const probe of [ports.CALL_CONTROL_PROBE_PORT, ports.CDR_WORKER_PROBE_PORT]) {
        expect((await fetch(`http://127.0.0.1:${probe}/health`)).status).toBe(200);
      }
      // Kamailio runs when its Debian packages are installed (the SIP suite installs them), else npm start says why not.
      const kamailio = /│ {3}Kamailio {6}(?:sip:\S+ \(UDP\) +JSON-RPC (\S+)|(not installed))/.exec(
        run.output(),
      );
      expect(kamailio, run.output()).not.toBeNull();
      if (kamailio?.[1]) {
        expect(kamailio[1]).toBe(`http://127.0.0.1:${ports.KAMAILIO_RPC_PORT}/RPC`);
        const rpc = await fetch(kamailio[1], {
          method: 'POST',
          body: JSON.stringify({ jsonrpc: '2.0', method: 'core.version', id: 1 }),
        });
        expect(await rpc.json()).toMatchObject({ result: expect.stringMatching(/^kamailio 5\./) });
      }
      const login = await fetch(`http://127.0.0.1:${ports.API_PORT}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@demo.tollgate.test', password: 'demo-owner-password' }),
      });
      expect(login.status).toBe(200);
      const portal = await fetch(`http://127.0.0.1:${ports.PORTAL_PORT}/`);
      expect(new URL(portal.url).pathname).toBe('/login');
      const status = await fetch(`http://127.0.0.1:${ports.PORTAL_PORT}/status`);
      expect(await status.text()).toContain('Platform status');
    } finally {
      run.child.kill('SIGINT');
      await once(run.child, 'exit');
    }
    expect(run.child.exitCode).toBe(0);
    for (const port of Object.values(ports)) expect(await listening(port)).toBe(false);
  });

  it('reuses the data on a second start: the demo operator is not created twice', async () => {
    const run = startPlatform(env());
    try {
      await waitFor(run, 'Tollgate is running', 110_000);
      expect(run.output()).toContain('demo operator already present');
    } finally {
      run.child.kill('SIGINT');
      await once(run.child, 'exit');
    }
  });

  it('fails fast, naming the variable, when a port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(ports.API_PORT, '127.0.0.1', resolve));
    try {
      const run = startPlatform(env());
      await once(run.child, 'exit');
      expect(run.child.exitCode).toBe(1);
      expect(run.output()).toContain(`port ${ports.API_PORT} (API_PORT) on 127.0.0.1 is already in use`);
      expect(run.output()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('says what to do when DATABASE_URL points at no server', async () => {
    const run = startPlatform({
      ...env(),
      DATABASE_URL: 'postgres://tollgate:tollgate@127.0.0.1:9/tollgate',
    });
    await once(run.child, 'exit');
    expect(run.child.exitCode).toBe(1);
    expect(run.output()).toMatch(
      /cannot use DATABASE_URL \(postgres:\/\/tollgate:\*\*\*@127\.0\.0\.1:9\/tollgate\)/,
    );
    expect(run.output()).toContain('unset it to let Tollgate run its own PostgreSQL');
  });
});
