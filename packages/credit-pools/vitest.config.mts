import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.mts';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: 'credit-pools', include: ['src/**/*.spec.ts'], testTimeout: 20_000 },
});
