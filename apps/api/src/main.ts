import 'reflect-metadata';
import { ConfigError } from '@tollgate/config';
import { readApiEnvironment } from './api-environment';
import { createApiApp } from './create-api-app';
import { describeStartupFailure } from './startup-failure';

async function main(): Promise<void> {
  const env = readApiEnvironment();
  const app = await createApiApp(env);
  await app.listen({ host: env.API_HOST, port: env.API_PORT });
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : describeStartupFailure(error);
  console.error(`api: cannot start: ${message}`);
  process.exit(1);
});
