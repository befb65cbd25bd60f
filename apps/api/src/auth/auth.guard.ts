import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '../http/domain-errors';
import { AccessTokens } from './access-tokens';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import {
  ANY_PERMISSION,
  type AuthenticatedRequest,
  PUBLIC_ROUTE,
  REQUIRED_PERMISSION,
} from './auth-decorators';
import { Permission, type Principal } from './principal';
import { SessionRevocation } from './session-revocation';
import { API_KEY_MARKER } from './secret-tokens';

/**
 * Global guard: every route needs a bearer credential (an access token or an API key) unless marked
 * @Public(), and the permission its method implies unless it names another with @RequirePermission().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokens,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly revocation: SessionRevocation,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    const principal = token.startsWith(API_KEY_MARKER)
      ? await this.apiKeys.authenticate(token)
      : await this.userFromAccessToken(token);
    const required =
      this.reflector.getAllAndOverride<Permission | typeof ANY_PERMISSION>(REQUIRED_PERMISSION, targets) ??
      (request.method === 'GET' ? Permission.Read : Permission.Write);
    if (required !== ANY_PERMISSION && !principal.permissions.includes(required)) {
      throw new ForbiddenError(`this action needs the "${required}" permission`);
    }
    request.principal = principal;
    return true;
  }

  private async userFromAccessToken(token: string): Promise<Principal> {
    const { principal, issuedAtMs } = await this.accessTokens.verify(token);
    if (await this.revocation.isRevoked(principal.id, issuedAtMs)) {
      throw new UnauthorizedError(
        'this session was ended (signed out, disabled or password changed); log in again',
      );
    }
    return principal;
  }
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1])
    throw new UnauthorizedError(
      'credentials required: send "Authorization: Bearer <access token or API key>"',
    );
  return match[1];
}
