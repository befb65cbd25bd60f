import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testAuthSecret } from './auth-secret';
import { provideBackingServices } from './backing-services';
import { migrateDatabase } from './database-setup';
import { LocalSetupError } from './local-setup-error';
import { readLocalSettings } from './local-settings';
import { repositoryRoot } from './repository-paths';
import { buildWorkspace } from './workspace-build';

const sdkDirectory = join(repositoryRoot, 'packages', 'sdk');

/**
 * `npm run generate:sdk`: writes the API's OpenAPI document to packages/sdk/openapi.json and the
 * typed schema the SDK is built on. A test fails while the committed document differs from the API.
 */
export async function generateSdk(): Promise<number> {
  const settings = readLocalSettings();
  const services = await provideBackingServices({
    environment: 'test',
    databaseName: 'tollgate_test',
    databaseUrl: settings.DATABASE_URL,
    redisUrl: settings.REDIS_URL,
    postgresPort: settings.TEST_POSTGRES_PORT,
    redisPort: settings.TEST_REDIS_PORT,
    postgresPortVariable: 'TEST_POSTGRES_PORT',
    redisPortVariable: 'TEST_REDIS_PORT',
  });
  try {
    buildWorkspace();
    await migrateDatabase(services.databaseUrl, { seed: false });
    const document = await openApiDocument(services.databaseUrl, services.redisUrl);
    writeFileSync(join(sdkDirectory, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
    const generator = join(sdkDirectory, 'node_modules', '.bin', 'openapi-typescript');
    const result = spawnSync(generator, ['openapi.json', '-o', 'src/openapi-schema.ts'], {
      cwd: sdkDirectory,
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new LocalSetupError('openapi-typescript failed (see above)');
    buildWorkspace();
    console.log('› wrote packages/sdk/openapi.json and packages/sdk/src/openapi-schema.ts');
    return 0;
  } finally {
    await services.stop();
  }
}

interface BuiltApi {
  readApiEnvironment(env: NodeJS.ProcessEnv): unknown;
  createApiApp(env: unknown): Promise<{ close(): Promise<void> }>;
  buildOpenApiDocument(app: unknown): unknown;
}

async function openApiDocument(databaseUrl: string, redisUrl: string): Promise<unknown> {
  // The built API, loaded at run time: infra/local does not compile against the apps.
  const api = join(repositoryRoot, 'apps', 'api', 'dist');
  const { readApiEnvironment } = (await import(join(api, 'api-environment.js'))) as BuiltApi;
  const { createApiApp } = (await import(join(api, 'create-api-app.js'))) as BuiltApi;
  const { buildOpenApiDocument } = (await import(join(api, 'openapi', 'openapi-document.js'))) as BuiltApi;
  const app = await createApiApp(
    readApiEnvironment({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'silent',
      AUTH_SECRET: testAuthSecret(),
    }),
  );
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
