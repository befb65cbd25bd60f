import { describe, expect, it, vi } from 'vitest';
import { startKamailio } from './kamailio-process';

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startKamailio', () => {
  it('starts a Kamailio that answers RPC, and stop() leaves none of its processes behind', async () => {
    const kamailio = await startKamailio();
    expect(groupAlive(kamailio.pid)).toBe(true);
    expect(await kamailio.client.call('core.version')).toMatch(/^kamailio 5\./);

    await kamailio.stop();

    await vi.waitFor(() => expect(groupAlive(kamailio.pid)).toBe(false), { timeout: 5000 });
    expect(kamailio.output()).toContain('Thank you for flying kamailio');
  });
});
