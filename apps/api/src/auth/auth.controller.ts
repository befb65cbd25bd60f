import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { User } from '@tollgate/db';
import type { FastifyRequest } from 'fastify';
import { ZodResponse } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../http/domain-errors';
import { AnyPermission, CurrentPrincipal, Public } from './auth-decorators';
import { ChangePasswordDto, LoginDto, RefreshDto, SessionUserDto, TokensDto } from './dto/auth.dto';
import type { Principal } from './principal';
import { type ClientInfo, SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Post('login')
  @ApiOperation({ summary: 'Log in with e-mail and password; answers 429 after repeated failures' })
  @ZodResponse({ status: 200, type: TokensDto })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest) {
    return this.sessions.login(body.email, body.password, clientInfo(request));
  }

  @Public()
  @Post('refresh')
  @ApiOperation({ summary: 'Trade a refresh token for new tokens (the old refresh token stops working)' })
  @ZodResponse({ status: 200, type: TokensDto })
  refresh(@Body() body: RefreshDto, @Req() request: FastifyRequest) {
    return this.sessions.refresh(body.refreshToken, clientInfo(request));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of a refresh token' })
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.sessions.logout(body.refreshToken);
  }

  @Get('me')
  @AnyPermission()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user' })
  @ZodResponse({ type: SessionUserDto })
  async me(@CurrentPrincipal() principal: Principal) {
    if (principal.kind !== 'user') throw new NotFoundError('user (this credential is an API key)');
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: principal.id });
    return this.sessions.sessionUser(user);
  }

  @Post('password')
  @AnyPermission()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change the logged-in user's password; ends every other session" })
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.sessions.changePassword(principal, body.currentPassword, body.newPassword);
  }
}

function clientInfo(request: FastifyRequest): ClientInfo {
  return { address: request.ip, userAgent: request.headers['user-agent'] };
}
