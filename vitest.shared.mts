import { fileURLToPath } from 'node:url';
import type { AliasOptions } from 'vite';

const packagesDirectory = fileURLToPath(new URL('./packages', import.meta.url));

/**
 * Tests import workspace packages from their TypeScript sources, so a change to a package is seen by
 * the tests of the apps that use it without a build. `@tollgate/x/testing` is a package's test kit.
 */
export const workspaceAliases: AliasOptions = [
  { find: /^@tollgate\/([a-z-]+)\/testing$/, replacement: `${packagesDirectory}/$1/src/testing/index.ts` },
  {
    find: /^@tollgate\/(cdr|config|credit-pools|db|kamailio|observability|rating|sdk)$/,
    replacement: `${packagesDirectory}/$1/src/index.ts`,
  },
];
