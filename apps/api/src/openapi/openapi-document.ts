import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tollgate API')
    .setDescription(
      'REST API of the Tollgate billing platform: operator data, rating for Kamailio, live calls, CDRs and the ledger.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description: 'RATING_API_TOKEN, from RATING_API_ALLOWED_SOURCES only',
      },
      'kamailio',
    )
    .addBasicAuth(
      {
        type: 'http',
        scheme: 'basic',
        description: 'any user name, RATING_API_TOKEN as the password (Kamailio http_client connections)',
      },
      'kamailio-basic',
    )
    .addTag('rating', 'What Kamailio calls for every call: see docs/rating-api.md')
    .build();
  return successAsTwoHundreds(cleanupOpenApiDoc(SwaggerModule.createDocument(app, config)));
}

/**
 * `@ZodResponse` without a status documents the answer as `default` (any status), which typed clients
 * read as an error: the SDK's `data` was `never` for most GETs. The answer is a success (200, or 201 /
 * 204 / @HttpCode's), so it is documented as `2XX`; errors keep the one shape docs/api-quickstart.md gives.
 */
export function successAsTwoHundreds(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const responses = item[method]?.responses;
      if (!responses?.default || Object.keys(responses).some((status) => status.startsWith('2'))) continue;
      const { default: success, ...others } = responses;
      item[method]!.responses = { '2XX': success, ...others };
    }
  }
  return document;
}

/** Serves the docs page at /docs and the document itself at /docs/openapi.json. */
export function serveOpenApiDocs(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    customSiteTitle: 'Tollgate API',
  });
}
