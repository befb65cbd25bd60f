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
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, config));
}

/** Serves the docs page at /docs and the document itself at /docs/openapi.json. */
export function serveOpenApiDocs(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    customSiteTitle: 'Tollgate API',
  });
}
