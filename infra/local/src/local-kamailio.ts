import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalSettings } from './local-settings';
import type { PlatformProcess } from './platform-processes';
import { environmentDirectory, repositoryRoot } from './repository-paths';

const KAMAILIO_BIN = '/usr/sbin/kamailio';
const KAMAILIO_PACKAGES = [
  'kamailio',
  'kamailio-extra-modules',
  'kamailio-utils-modules',
  'kamailio-postgres-modules',
];

export interface LocalKamailio {
  readonly process: PlatformProcess;
  readonly rpcUrl: string;
}

/**
 * Kamailio with infra/kamailio/kamailio.cfg on loopback, when the Debian packages it needs are installed;
 * otherwise why not (npm start then runs without SIP, and says so).
 */
export function localKamailio(
  settings: LocalSettings,
  databaseUrl: string,
  ratingApiToken: string,
): LocalKamailio | { skipped: string } {
  const missing = KAMAILIO_PACKAGES.filter((name) => !debianPackageInstalled(name));
  if (!existsSync(KAMAILIO_BIN) || missing.length > 0) {
    const install = (missing.length > 0 ? missing : KAMAILIO_PACKAGES).join(' ');
    return {
      skipped: `Kamailio is not installed, so the platform runs without SIP (to add it: apt-get install -y ${install})`,
    };
  }
  const directory = join(environmentDirectory('dev'), 'kamailio');
  mkdirSync(directory, { recursive: true });
  return {
    rpcUrl: `http://127.0.0.1:${settings.KAMAILIO_RPC_PORT}/RPC`,
    process: {
      name: 'kamailio',
      command: KAMAILIO_BIN,
      args: [
        '-f',
        join(repositoryRoot, 'infra', 'kamailio', 'kamailio.cfg'),
        '-DD',
        '-E',
        '-Y',
        directory,
        '-w',
        directory,
      ],
      env: {
        RATING_API_URL: `http://127.0.0.1:${settings.API_PORT}/rating`,
        RATING_API_TOKEN: ratingApiToken,
        DATABASE_URL: databaseUrl,
        SIP_LISTEN: `udp:127.0.0.1:${settings.KAMAILIO_SIP_PORT}`,
        RPC_LISTEN: `tcp:127.0.0.1:${settings.KAMAILIO_RPC_PORT}`,
      },
    },
  };
}

/** Polls Kamailio's JSON-RPC (core.version) until it answers. */
export async function waitForKamailio(rpcUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'core.version', id: 1 });
  while (Date.now() < deadline) {
    const response = await fetch(rpcUrl, { method: 'POST', body, signal: AbortSignal.timeout(2000) }).catch(
      () => undefined,
    );
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Kamailio's JSON-RPC did not answer at ${rpcUrl} within ${Math.round(timeoutMs / 1000)} s`);
}

function debianPackageInstalled(name: string): boolean {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return query.status === 0 && query.stdout.trim() === 'install ok installed';
}
