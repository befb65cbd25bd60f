import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.mts';

// Real Kamailio, SIPp and the built API: each file starts its own and stops them all at the end.
export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: 'kamailio-config', include: ['src/**/*.spec.ts'], hookTimeout: 240_000, testTimeout: 60_000 },
});
