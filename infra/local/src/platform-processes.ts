import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { prettyFactory } from 'pino-pretty';
import { stopProcessGroup } from './child-process';
import { repositoryRoot } from './repository-paths';

export interface PlatformProcess {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

const COLOURS = [36, 35, 33, 32, 34];
const formatJsonLine = prettyFactory({
  colorize: true,
  translateTime: 'HH:MM:ss',
  ignore: 'pid,hostname,service',
});

/**
 * The platform's own processes, each in its process group so one Ctrl-C stops the whole tree.
 * Their pino JSON lines are shown readable, each behind the name of the process it came from.
 */
export class PlatformProcesses {
  private readonly running: Array<{ name: string; child: ChildProcess }> = [];
  private stopping = false;

  start(definition: PlatformProcess, onExit: (name: string, code: number | null) => void): void {
    const child = spawn(definition.command, definition.args, {
      cwd: definition.cwd ?? repositoryRoot,
      env: { ...process.env, ...definition.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = this.prefix(definition.name);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) =>
        process.stdout.write(`${prefix} ${readable(line)}\n`),
      );
    }
    child.on('exit', (code) => {
      if (!this.stopping) onExit(definition.name, code);
    });
    this.running.push({ name: definition.name, child });
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running.map(({ child }) => stopProcessGroup(child, 'SIGTERM', 10_000)));
  }

  private prefix(name: string): string {
    const colour = COLOURS[this.running.length % COLOURS.length];
    return `\u001b[${colour}m${name.padEnd(12)}│\u001b[0m`;
  }
}

function readable(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    return formatJsonLine(JSON.parse(line)).trimEnd();
  } catch {
    return line;
  }
}
