import { defineConfig } from 'vitest/config';

// One run over every workspace project; each project has its own vitest.config.mts.
// npm test (infra/local) provides DATABASE_URL / REDIS_URL for the tests that need the real servers.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.mts', 'apps/*/vitest.config.mts', 'infra/*/vitest.config.mts'],
  },
});
