import { Body, Controller, Get, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { RequirePermission } from '../auth/auth-decorators';
import { Permission } from '../auth/principal';
import { idParameter } from '../http/field-schemas';
import { AdjustAccountBalanceService } from './adjust-account-balance.service';
import { AccountBalanceDto } from './dto/balance.dto';
import {
  LedgerEntryPageDto,
  LedgerTotalsDto,
  LedgerTotalsQueryDto,
  ListLedgerQueryDto,
} from './dto/ledger-entry.dto';
import { AdjustmentDto, RefundDto, TopUpDto } from './dto/posting.dto';
import { ListLedgerEntriesService } from './list-ledger-entries.service';
import { PartyInScopeGuard } from './party-in-scope.guard';
import { PostedEntryResponses, sendPostedEntry } from './posted-entry-reply';
import { ReadBalanceService } from './read-balance.service';
import { RefundAccountService } from './refund-account.service';
import { SumLedgerEntriesService } from './sum-ledger-entries.service';
import { TopUpAccountService } from './top-up-account.service';

class AccountIdDto extends createZodDto(idParameter) {}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('accounts')
export class AccountLedgerController {
  constructor(
    private readonly topUps: TopUpAccountService,
    private readonly adjustments: AdjustAccountBalanceService,
    private readonly refunds: RefundAccountService,
    private readonly entries: ListLedgerEntriesService,
    private readonly balances: ReadBalanceService,
    private readonly sums: SumLedgerEntriesService,
  ) {}

  @Post(':id/top-ups')
  @RequirePermission(Permission.Billing)
  @UseGuards(PartyInScopeGuard('account'))
  @ApiOperation({ summary: 'Credit money the customer paid; idempotent by idempotencyKey' })
  @PostedEntryResponses()
  async topUp(
    @CurrentActor() actor: Actor,
    @Param() { id }: AccountIdDto,
    @Body() body: TopUpDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendPostedEntry(reply, await this.topUps.topUp(actor, id, body));
  }

  @Post(':id/adjustments')
  @RequirePermission(Permission.Billing)
  @UseGuards(PartyInScopeGuard('account'))
  @ApiOperation({ summary: 'Correct the balance either way, with a reason; idempotent by idempotencyKey' })
  @PostedEntryResponses()
  async adjust(
    @CurrentActor() actor: Actor,
    @Param() { id }: AccountIdDto,
    @Body() body: AdjustmentDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendPostedEntry(reply, await this.adjustments.adjust(actor, id, body));
  }

  @Post(':id/refunds')
  @RequirePermission(Permission.Billing)
  @UseGuards(PartyInScopeGuard('account'))
  @ApiOperation({
    summary: 'Pay money back (posted negative); 422 when it exceeds what the account has available',
  })
  @PostedEntryResponses()
  async refund(
    @CurrentActor() actor: Actor,
    @Param() { id }: AccountIdDto,
    @Body() body: RefundDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendPostedEntry(reply, await this.refunds.refund(actor, id, body));
  }

  @Get(':id/ledger')
  @ApiOperation({ summary: "The account's ledger, newest first by default" })
  @ZodResponse({ type: LedgerEntryPageDto })
  ledger(@CurrentActor() actor: Actor, @Param() { id }: AccountIdDto, @Query() query: ListLedgerQueryDto) {
    return this.entries.list(actor, { kind: 'account', id }, query);
  }

  @Get(':id/balance')
  @ApiOperation({ summary: 'The balance (the sum of the ledger) and what the account may still spend' })
  @ZodResponse({ type: AccountBalanceDto })
  async balance(@CurrentActor() actor: Actor, @Param() { id }: AccountIdDto) {
    return { accountId: id, ...(await this.balances.read(actor, { kind: 'account', id })) };
  }

  @Get(':id/ledger-totals')
  @ApiOperation({
    summary:
      "The account's ledger summed by kind over a period (from, to): what it spent and received, exactly",
  })
  @ZodResponse({ type: LedgerTotalsDto })
  ledgerTotals(
    @CurrentActor() actor: Actor,
    @Param() { id }: AccountIdDto,
    @Query() query: LedgerTotalsQueryDto,
  ) {
    return this.sums.totals(actor, id, query);
  }
}
