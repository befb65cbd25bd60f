import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CallControlMembers } from './call-control-members';

let redis: Redis;
const key = `test-call-control-members-${randomUUID()}`;

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL ?? '');
});
afterAll(async () => {
  await redis.del(key);
  await redis.quit();
});

const accounts = Array.from({ length: 2000 }, () => randomUUID());

it('splits the accounts between live members, each to exactly one, and hands a dead one over', async () => {
  const members = ['a', 'b', 'c'].map((id) => new CallControlMembers(redis, key, id, { expireMs: 5000 }));
  const now = Date.now();
  for (const member of members) await member.heartbeat(now);
  for (const member of members) expect(await member.heartbeat(now)).toEqual(['a', 'b', 'c']);
  const owners = accounts.map((account) => members.filter((member) => member.owns(account)).map((m) => m.id));
  expect(owners.every((owner) => owner.length === 1)).toBe(true);
  const share = (id: string) => owners.filter(([owner]) => owner === id).length / accounts.length;
  for (const id of ['a', 'b', 'c']) expect(share(id)).toBeGreaterThan(0.25);

  // c stops renewing: 5 s later a and b own everything, and nothing a or b had moves.
  const [a, b] = members as [CallControlMembers, CallControlMembers];
  for (const member of [a, b]) await member.heartbeat(now + 5001);
  expect(await a.heartbeat(now + 5001)).toEqual(['a', 'b']);
  for (const [index, account] of accounts.entries()) {
    const owner = [a, b].filter((member) => member.owns(account)).map((m) => m.id);
    expect(owner).toHaveLength(1);
    if (owners[index]![0] !== 'c') expect(owner).toEqual(owners[index]);
  }
});

it('owns everything alone, and lets the others take over at once when it leaves', async () => {
  const solo = new CallControlMembers(redis, `${key}-solo`, 'solo', { expireMs: 5000 });
  await solo.heartbeat();
  expect(accounts.every((account) => solo.owns(account))).toBe(true);
  await solo.leave();
  expect(await redis.zcard(`${key}-solo`)).toBe(0);
});
