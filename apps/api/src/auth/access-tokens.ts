import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { UnauthorizedError } from '../http/domain-errors';
import { type Permission, type Principal } from './principal';

const ISSUER = 'tollgate';

/** Short-lived signed access tokens (HS256 JWT) for portal users; refresh tokens live in user_sessions. */
@Injectable()
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(@Inject(API_ENVIRONMENT) private readonly env: ApiEnvironment) {
    this.key = new TextEncoder().encode(env.AUTH_SECRET);
  }

  get lifetimeSeconds(): number {
    return this.env.ACCESS_TOKEN_TTL_SECONDS;
  }

  async issue(principal: Principal): Promise<string> {
    return new SignJWT({
      tid: principal.tenantId,
      tpath: principal.tenantPath,
      acc: principal.accountId,
      perms: principal.permissions,
      // Milliseconds, unlike the standard `iat`: a sign-out must not spare a token of the same second.
      iat_ms: Date.now(),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(principal.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.env.ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<{ principal: Principal; issuedAtMs: number }> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const principal: Principal = {
        kind: 'user',
        id: String(payload.sub),
        tenantId: String(payload.tid),
        tenantPath: String(payload.tpath),
        accountId: typeof payload.acc === 'string' ? payload.acc : null,
        permissions: payload.perms as Permission[],
      };
      return { principal, issuedAtMs: Number(payload.iat_ms) };
    } catch {
      throw new UnauthorizedError('the access token is invalid or expired; log in again or refresh it');
    }
  }
}
