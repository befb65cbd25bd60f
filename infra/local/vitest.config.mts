import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.mts';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: 'local', include: ['src/**/*.spec.ts'], hookTimeout: 60_000, testTimeout: 120_000 },
});
