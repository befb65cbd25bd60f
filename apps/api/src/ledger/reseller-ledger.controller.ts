import { Body, Controller, Get, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { RequirePermission } from '../auth/auth-decorators';
import { Permission } from '../auth/principal';
import { idParameter } from '../http/field-schemas';
import { ResellerBalanceDto } from './dto/balance.dto';
import { LedgerEntryPageDto, ListLedgerQueryDto } from './dto/ledger-entry.dto';
import { TopUpDto } from './dto/posting.dto';
import { ListLedgerEntriesService } from './list-ledger-entries.service';
import { PartyInScopeGuard } from './party-in-scope.guard';
import { PostedEntryResponses, sendPostedEntry } from './posted-entry-reply';
import { ReadBalanceService } from './read-balance.service';
import { TopUpResellerService } from './top-up-reseller.service';

class ResellerIdDto extends createZodDto(idParameter) {}

/** A reseller's balance with its parent, seen and credited from above (never by the reseller itself). */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller('resellers')
export class ResellerLedgerController {
  constructor(
    private readonly topUps: TopUpResellerService,
    private readonly entries: ListLedgerEntriesService,
    private readonly balances: ReadBalanceService,
  ) {}

  @Post(':id/top-ups')
  @RequirePermission(Permission.Billing)
  @UseGuards(PartyInScopeGuard('reseller'))
  @ApiOperation({ summary: 'Credit what a reseller below the caller paid; idempotent by idempotencyKey' })
  @PostedEntryResponses()
  async topUp(
    @CurrentActor() actor: Actor,
    @Param() { id }: ResellerIdDto,
    @Body() body: TopUpDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendPostedEntry(reply, await this.topUps.topUp(actor, id, body));
  }

  @Get(':id/ledger')
  @ApiOperation({ summary: "The ledger of a reseller's balance with its parent, newest first by default" })
  @ZodResponse({ type: LedgerEntryPageDto })
  ledger(@CurrentActor() actor: Actor, @Param() { id }: ResellerIdDto, @Query() query: ListLedgerQueryDto) {
    return this.entries.list(actor, { kind: 'reseller', id }, query);
  }

  @Get(':id/balance')
  @ApiOperation({ summary: "A reseller's balance with its parent and what it may still spend" })
  @ZodResponse({ type: ResellerBalanceDto })
  async balance(@CurrentActor() actor: Actor, @Param() { id }: ResellerIdDto) {
    return { resellerId: id, ...(await this.balances.read(actor, { kind: 'reseller', id })) };
  }
}
