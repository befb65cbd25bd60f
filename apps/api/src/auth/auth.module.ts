import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokens } from './access-tokens';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { LoginRateLimiter } from './login-rate-limiter';
import { SessionRevocation } from './session-revocation';
import { SessionsService } from './sessions.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AccessTokens,
    ApiKeyAuthenticator,
    LoginRateLimiter,
    SessionsService,
    SessionRevocation,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessTokens, SessionRevocation],
})
export class AuthModule {}
