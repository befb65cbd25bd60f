import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, databaseUrl, parseEnvironment, port, redisUrl } from './index';

const schema = z.object({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, API_PORT: port(3100) });

describe('parseEnvironment', () => {
  it('returns typed values with defaults applied', () => {
    const env = parseEnvironment(schema, {
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
    });
    expect(env.API_PORT).toBe(3100);
  });

  it('names every bad variable and what it expects', () => {
    const attempt = () =>
      parseEnvironment(schema, { DATABASE_URL: 'mysql://x/y', REDIS_URL: 'nonsense', API_PORT: '99999' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems[0]).toMatch(/^DATABASE_URL: must be a postgres:\/\/ URL/);
      expect(problems[1]).toMatch(/^REDIS_URL: must be a redis:\/\/ URL/);
      expect(problems[2]).toMatch(/^API_PORT: must be between 1 and 65535/);
    }
  });

  it('reports a missing variable by name', () => {
    expect(() => parseEnvironment(schema, { REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/DATABASE_URL/);
  });
});
