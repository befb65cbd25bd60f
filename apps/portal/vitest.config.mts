import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.mts';

// The portal in Debian's Chromium (playwright-core) against the built API and the built portal
// (`next build`, which npm test runs first), on a database of its own with the demo operator; plus the
// portal's pure logic (lib/*.spec.ts).
export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'portal',
    include: ['e2e/**/*.spec.ts', 'lib/**/*.spec.ts'],
    // Each e2e file runs a platform of its own (API, portal, Chromium, sometimes Kamailio): several at once
    // starve one another on a 2-core machine until server actions and navigations time out.
    fileParallelism: false,
    hookTimeout: 300_000,
    testTimeout: 60_000,
  },
});
