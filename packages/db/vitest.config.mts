import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.mts';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: 'db', include: ['src/**/*.spec.ts'], hookTimeout: 30_000 },
});
