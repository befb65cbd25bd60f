import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with how the process ended. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a built entry point (dist/main.js) as npm start would, and waits until `healthUrl` answers 200. */
export async function startServiceProcess(
  entryPoint: string,
  env: Record<string, string | undefined>,
  healthUrl: string,
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [entryPoint], {
    env: { PATH: process.env.PATH, ...env },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const service: ServiceProcess = {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
      return { code: child.exitCode, signal: child.signalCode };
    },
  };
  await waitForHealthy(service, healthUrl);
  return service;
}

async function waitForHealthy(service: ServiceProcess, healthUrl: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`service exited early:\n${service.output()}`);
    const response = await fetch(healthUrl).catch(() => undefined);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await service.stop();
  throw new Error(`service not healthy within 20 s:\n${service.output()}`);
}
