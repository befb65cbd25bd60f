import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.mts';

// SWC instead of esbuild: NestJS needs the decorator metadata esbuild does not emit.
export default defineProject({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias: workspaceAliases },
  test: { name: 'api', include: ['src/**/*.spec.ts'], hookTimeout: 30_000, testTimeout: 20_000 },
});
