import multipart from '@fastify/multipart';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Logger } from 'nestjs-pino';
import type { ApiEnvironment } from './api-environment';
import { AppModule } from './app.module';
import { buildOpenApiDocument, serveOpenApiDocs } from './openapi/openapi-document';
import { mountQueueBoard } from './queues/queue-board';

/** The API application, configured but not listening: main.ts listens, tests use `inject`. */
export async function createApiApp(env: ApiEnvironment): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forEnvironment(env),
    new FastifyAdapter({ trustProxy: env.TRUSTED_PROXIES.length > 0 ? env.TRUSTED_PROXIES : false }),
    // Nest's own console logger stays off: until pino takes over, a failed boot is reported by main.ts alone.
    { logger: false, bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  // Per-route limits (porting documents, rate decks) are given where a file is read.
  // On the Fastify instance itself: Nest's adapter is typed against its own copy of Fastify's types.
  await (app.getHttpAdapter().getInstance() as unknown as FastifyInstance).register(multipart);
  await mountQueueBoard(app);
  app.enableShutdownHooks();
  serveOpenApiDocs(app, buildOpenApiDocument(app));
  await app.init();
  return app;
}
