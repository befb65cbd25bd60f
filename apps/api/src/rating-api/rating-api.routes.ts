import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { z } from 'zod';
import { toApiError, validationError } from '../http/api-error.filter';
import type { AuthorizeCallService } from './authorize-call.service';
import type { CallEventsService } from './call-events.service';
import { authorizeCallSchema, beginCallSchema, endCallSchema, releaseCallSchema } from './dto/rating-api.dto';
import type { RatingApiGuard } from './rating-api.guard';

type RatingRoute = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Kamailio posts thousands of these a second. RatingApiController declares them (the OpenAPI document
 * and the SDK come from it), but Fastify serves them with the handlers below instead of Nest's
 * pipeline: the same guard, body schemas and error shapes, without the interceptor chain (the global
 * ZodSerializerInterceptor and its AsyncResource bindings, rxjs), which cost about an eighth of the
 * API's CPU per authorize. A hook, because Nest registers the controller's routes after modules are built.
 */
export class RatingApiRoutes {
  private readonly logger = new Logger('RatingApi');
  private readonly handlers: ReadonlyMap<string, RatingRoute>;
  private readonly served = new Set<string>();

  constructor(guard: RatingApiGuard, authorizer: AuthorizeCallService, events: CallEventsService) {
    const route = <S extends z.ZodType>(schema: S, serve: (body: z.output<S>) => Promise<unknown>) =>
      this.handler(guard, schema, serve);
    this.handlers = new Map<string, RatingRoute>([
      ['/rating/authorize', route(authorizeCallSchema, (body) => authorizer.authorize(body))],
      ['/rating/begin', route(beginCallSchema, (body) => events.begin(body))],
      ['/rating/end', route(endCallSchema, (body) => events.end(body))],
      ['/rating/release', route(releaseCallSchema, (body) => events.release(body))],
    ]);
  }

  /** Replaces the handler of each /rating/* route Nest registers on `fastify` from now on. */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (options: RouteOptions) => {
      const handler = options.method === 'POST' ? this.handlers.get(options.url) : undefined;
      if (handler === undefined) return;
      options.handler = handler;
      this.served.add(options.url);
    });
  }

  /** Fails the start-up if a route was registered without passing through the hook. */
  assertInstalled(): void {
    const missing = [...this.handlers.keys()].filter((url) => !this.served.has(url));
    if (missing.length > 0) throw new Error(`rating API routes not served directly: ${missing.join(', ')}`);
  }

  private handler<S extends z.ZodType>(
    guard: RatingApiGuard,
    schema: S,
    serve: (body: z.output<S>) => Promise<unknown>,
  ): RatingRoute {
    return async (request, reply) => {
      try {
        // As in Nest: the guard before the body is validated.
        guard.assertAllowed(request);
        const parsed = schema.safeParse(request.body);
        if (!parsed.success) return reply.status(400).send(validationError(parsed.error));
        return await serve(parsed.data);
      } catch (error) {
        const body = toApiError(error, this.logger);
        return reply.status(body.statusCode).send(body);
      }
    };
  }
}
