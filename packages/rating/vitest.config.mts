import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'rating',
    include: ['src/**/*.spec.ts'],
  },
});
