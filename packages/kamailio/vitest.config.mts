import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'kamailio',
    include: ['src/**/*.spec.ts'],
    testTimeout: 30000,
    hookTimeout: 180000,
  },
});
