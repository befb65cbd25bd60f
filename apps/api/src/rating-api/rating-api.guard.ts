import { timingSafeEqual, createHash } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { ForbiddenError, UnauthorizedError } from '../http/domain-errors';
import { CidrTable } from '../rating-catalog/cidr-table';

/**
 * Kamailio's credentials for /rating/*: the token of RATING_API_TOKEN, from an address inside
 * RATING_API_ALLOWED_SOURCES. The token comes as a bearer token or as the password of HTTP Basic
 * credentials (any user name): Kamailio's `http_client` sends Basic credentials on the connections it
 * keeps open, and nothing else. Users' tokens and API keys are not accepted here (the routes are @Public
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
    this.assertAllowed(context.switchToHttp().getRequest<FastifyRequest>());
    return true;
  }

  /** Throws UnauthorizedError or ForbiddenError unless the request comes from Kamailio. */
  assertAllowed(request: FastifyRequest): void {
    if (this.tokenDigest === undefined)
      throw new UnauthorizedError('the rating API is disabled: RATING_API_TOKEN is not set');
    const token = presentedToken(request.headers.authorization);
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (token === undefined || !timingSafeEqual(digest(token), this.tokenDigest))
      throw new UnauthorizedError('missing or wrong rating API token');
    if (this.sources.longest(request.ip) === undefined)
      throw new ForbiddenError(`${request.ip} is not in RATING_API_ALLOWED_SOURCES`);
  }
}

const CREDENTIALS = /^(Bearer|Basic)\s+(\S+)$/i;

/** The bearer token, or the password of Basic credentials (RFC 7617: base64 of `user:password`). */
export function presentedToken(authorization: string | undefined): string | undefined {
  const match = CREDENTIALS.exec(authorization ?? '');
  if (match === null) return undefined;
  const [, scheme, value] = match as unknown as [string, string, string];
  if (scheme.toLowerCase() === 'bearer') return value;
  const userAndPassword = Buffer.from(value, 'base64').toString('utf8');
  const colon = userAndPassword.indexOf(':');
  return colon < 0 ? undefined : userAndPassword.slice(colon + 1);
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
