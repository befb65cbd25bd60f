import type { FastifyInstance } from 'fastify';

/**
 * 5,000 rates with every field filled are about 2 MB of JSON, over Fastify's 1 MiB default body limit.
 * Only the bulk route gets more (the longest allowed rows stay under 3 MB), so no other route accepts
 * larger bodies than before.
 */
export const RATE_IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

export function raiseRateImportBodyLimit(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('POST') && route.url.endsWith('/rate-cards/:id/rates/bulk'))
      route.bodyLimit = RATE_IMPORT_BODY_LIMIT;
  });
}
