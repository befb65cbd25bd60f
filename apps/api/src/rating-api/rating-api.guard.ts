import { timingSafeEqual, createHash } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { ForbiddenError, UnauthorizedError } from '../http/domain-errors';
import { CidrTable } from '../rating-catalog/cidr-table';

/**
 * Kamailio's credentials for /rating/*: the bearer token of RATING_API_TOKEN, from an address inside
 * RATING_API_ALLOWED_SOURCES. Users' tokens and API keys are not accepted here (the routes are @Public
 * to the global AuthGuard), and this token is accepted nowhere else.
 */
@Injectable()
export class RatingApiGuard implements CanActivate {
  private readonly tokenDigest: Buffer | undefined;
  private readonly sources = new CidrTable<true>();

  constructor(@Inject(API_ENVIRONMENT) env: ApiEnvironment) {
    this.tokenDigest = env.RATING_API_TOKEN === undefined ? undefined : digest(env.RATING_API_TOKEN);
    for (const range of env.RATING_API_ALLOWED_SOURCES) this.sources.add(range, true);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.tokenDigest === undefined)
      throw new UnauthorizedError('the rating API is disabled: RATING_API_TOKEN is not set');
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (token === undefined || !timingSafeEqual(digest(token), this.tokenDigest))
      throw new UnauthorizedError('missing or wrong rating API token');
    if (this.sources.longest(request.ip) === undefined)
      throw new ForbiddenError(`${request.ip} is not in RATING_API_ALLOWED_SOURCES`);
    return true;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
