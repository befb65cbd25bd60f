import { join, resolve } from 'node:path';

export const repositoryRoot = resolve(__dirname, '..', '..', '..');
export const dataRoot = join(repositoryRoot, '.data');

/** Where one environment ("dev" for npm start, "test" for npm test) keeps its servers' data and logs. */
export function environmentDirectory(environment: 'dev' | 'test'): string {
  return join(dataRoot, environment);
}
