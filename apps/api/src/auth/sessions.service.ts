import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Tenant, User, UserSession } from '@tollgate/db';
import { argon2id, hash, verify } from 'argon2';
import { DataSource, IsNull } from 'typeorm';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { UnauthorizedError, UnprocessableError } from '../http/domain-errors';
import { AccessTokens } from './access-tokens';
import type { SessionUserDto, TokensDto } from './dto/auth.dto';
import { LoginRateLimiter } from './login-rate-limiter';
import { PERMISSIONS_BY_ROLE, type Principal } from './principal';
import { SessionRevocation } from './session-revocation';
import { digest, newRefreshToken } from './secret-tokens';

export interface ClientInfo {
  address: string;
  userAgent: string | undefined;
}

// Verified when the login is unknown, so an unknown e-mail costs the same time as a wrong password.
const DECOY_HASH = hash('decoy password', { type: argon2id });

/** Login, refresh-token rotation, logout and password change for portal users. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_ENVIRONMENT) private readonly env: ApiEnvironment,
    private readonly accessTokens: AccessTokens,
    private readonly rateLimiter: LoginRateLimiter,
    private readonly revocation: SessionRevocation,
  ) {}

  async login(email: string, password: string, client: ClientInfo): Promise<TokensDto> {
    await this.rateLimiter.assertAllowed(email, client.address);
    const user = await this.dataSource.getRepository(User).findOneBy({ email, active: true });
    const valid = await verify(user?.passwordHash ?? (await DECOY_HASH), password);
    if (!user || !valid) {
      await this.rateLimiter.recordFailure(email, client.address);
      throw new UnauthorizedError('wrong e-mail or password');
    }
    await this.rateLimiter.clear(email);
    await this.dataSource.getRepository(User).update({ id: user.id }, { lastLoginAt: new Date() });
    return this.openSession(user, client);
  }

  async refresh(refreshToken: string, client: ClientInfo): Promise<TokensDto> {
    return this.dataSource.transaction(async (manager) => {
      const session = await manager.getRepository(UserSession).findOne({
        where: { refreshTokenHash: digest(refreshToken), revokedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!session || session.expiresAt.getTime() <= Date.now()) {
        throw new UnauthorizedError('the refresh token is invalid or expired; log in again');
      }
      await manager.getRepository(UserSession).update({ id: session.id }, { revokedAt: new Date() });
      const user = await manager.getRepository(User).findOneBy({ id: session.userId, active: true });
      if (!user) throw new UnauthorizedError('the user no longer exists or is disabled');
      return this.openSession(user, client);
    });
  }

  async logout(refreshToken: string): Promise<void> {
    await this.dataSource
      .getRepository(UserSession)
      .update({ refreshTokenHash: digest(refreshToken), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const users = this.dataSource.getRepository(User);
    const user = await users.findOneBy({ id: principal.id });
    if (!user || !(await verify(user.passwordHash, currentPassword))) {
      throw new UnprocessableError('the current password is wrong', 'currentPassword');
    }
    await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(User)
        .update({ id: user.id }, { passwordHash: await hash(newPassword, { type: argon2id }) });
      // Every other session ends: a changed password must lock out whoever knew the old one.
      await manager
        .getRepository(UserSession)
        .update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    });
  }

  async principalFor(user: User): Promise<Principal> {
    return principalOf(user, await this.tenantOf(user));
  }

  /** The logged-in user as login and /auth/me answer it. */
  async sessionUser(user: User): Promise<SessionUserDto> {
    return sessionUserOf(user, await this.tenantOf(user));
  }

  private tenantOf(user: User): Promise<Tenant> {
    return this.dataSource.getRepository(Tenant).findOneByOrFail({ id: user.tenantId });
  }

  private async openSession(user: User, client: ClientInfo): Promise<TokensDto> {
    const tenant = await this.tenantOf(user);
    const { token, tokenHash } = newRefreshToken();
    await this.dataSource.getRepository(UserSession).insert({
      userId: user.id,
      refreshTokenHash: tokenHash,
      expiresAt: new Date(Date.now() + this.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      createdIp: client.address,
      userAgent: client.userAgent ?? null,
    });
    return {
      tokenType: 'Bearer',
      accessToken: await this.accessTokens.issue(principalOf(user, tenant)),
      expiresIn: this.accessTokens.lifetimeSeconds,
      refreshToken: token,
      user: sessionUserOf(user, tenant),
    };
  }
}

function principalOf(user: User, tenant: Tenant): Principal {
  return {
    kind: 'user',
    id: user.id,
    tenantId: user.tenantId,
    tenantPath: tenant.path,
    accountId: user.accountId,
    permissions: PERMISSIONS_BY_ROLE[user.role],
  };
}

function sessionUserOf(user: User, tenant: Tenant): SessionUserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    tenantId: user.tenantId,
    tenantKind: tenant.kind,
    accountId: user.accountId,
    permissions: [...PERMISSIONS_BY_ROLE[user.role]],
  };
}
