import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { LocalSetupError } from './local-setup-error';

let aptUpdated = false;

/** Installs Debian packages with apt-get. Needs root: otherwise says exactly what to run. */
export function installOsPackages(packages: readonly string[], reason: string): void {
  const list = packages.join(' ');
  if (!existsSync('/usr/bin/apt-get')) {
    throw new LocalSetupError(
      `${reason}: install ${list} with your system's package manager, or set the URL variable`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new LocalSetupError(
      `${reason} and installing it needs root. Run: sudo apt-get install -y ${list} (or set the URL variable to a server you have)`,
    );
  }
  console.log(`› ${reason}: installing ${list} from the Debian packages`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    runApt(['update', '-qq'], env, list);
    aptUpdated = true;
  }
  runApt(['install', '-y', '-qq', '--no-install-recommends', ...packages], env, list);
}

function runApt(args: string[], env: NodeJS.ProcessEnv, list: string): void {
  const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (result.status !== 0) throw new LocalSetupError(`apt-get ${args[0]} failed while installing ${list}`);
}
