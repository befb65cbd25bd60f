import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { AccountInScopeGuard } from '../accounts/account-in-scope.guard';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  AccountLiveCallsDto,
  CallMaxTimeDto,
  CallMaxTimeSetDto,
  EndRequestedDto,
  LiveAccountListDto,
  LiveCallParametersDto,
  LiveCallStatisticsDto,
} from './dto/live-calls.dto';
import { LiveCallsService } from './live-calls.service';

class AccountIdDto extends createZodDto(idParameter) {}

@ApiTags('live-calls')
@ApiBearerAuth()
@Controller()
export class LiveCallsController {
  constructor(private readonly liveCalls: LiveCallsService) {}

  @Get('live-calls')
  @ApiOperation({ summary: 'Accounts with calls up or ringing, with their credit pools (most calls first)' })
  @ZodResponse({ type: LiveAccountListDto })
  list(@CurrentActor() actor: Actor) {
    return this.liveCalls.listAccounts(actor);
  }

  @Get('live-calls/statistics')
  @ApiOperation({ summary: 'Live totals, and call control totals (metered, ended by reason) for the owner' })
  @ZodResponse({ type: LiveCallStatisticsDto })
  statistics(@CurrentActor() actor: Actor) {
    return this.liveCalls.statistics(actor);
  }

  @Get('accounts/:id/live-calls')
  @ApiOperation({ summary: "An account's live calls and its credit pool" })
  @ZodResponse({ type: AccountLiveCallsDto })
  accountCalls(@CurrentActor() actor: Actor, @Param() { id }: AccountIdDto) {
    return this.liveCalls.accountCalls(actor, id);
  }

  @Delete('accounts/:id/live-calls/:callId')
  @HttpCode(202)
  @ApiOperation({ summary: 'End one live call (call control sends BYE to both sides through Kamailio)' })
  @ZodResponse({ status: 202, type: EndRequestedDto })
  endCall(@CurrentActor() actor: Actor, @Param() { id, callId }: LiveCallParametersDto) {
    return this.liveCalls.endCall(actor, id, callId);
  }

  @Put('accounts/:id/live-calls/:callId/max-time')
  @UseGuards(AccountInScopeGuard)
  @ApiOperation({
    summary:
      "Change one live call's max time (from its answer); call control ends it then, at once if already past. Not above the dialog timeout Kamailio was given (400)",
  })
  @ZodResponse({ type: CallMaxTimeSetDto })
  setMaxTime(
    @CurrentActor() actor: Actor,
    @Param() { id, callId }: LiveCallParametersDto,
    @Body() { seconds }: CallMaxTimeDto,
  ) {
    return this.liveCalls.setMaxTime(actor, id, callId, seconds);
  }

  @Post('accounts/:id/live-calls/terminate')
  @HttpCode(202)
  @ApiOperation({ summary: 'End every live call of the account' })
  @ZodResponse({ status: 202, type: EndRequestedDto })
  terminate(@CurrentActor() actor: Actor, @Param() { id }: AccountIdDto) {
    return this.liveCalls.endAccount(actor, id);
  }
}
