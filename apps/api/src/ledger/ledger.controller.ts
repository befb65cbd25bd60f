import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { ResellerBalanceDto } from './dto/balance.dto';
import { LedgerEntryPageDto, ListLedgerQueryDto, SearchLedgerQueryDto } from './dto/ledger-entry.dto';
import { ReadParentBalanceService } from './read-parent-balance.service';
import { SearchLedgerEntriesService } from './search-ledger-entries.service';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller()
export class LedgerController {
  constructor(
    private readonly entries: SearchLedgerEntriesService,
    private readonly parentBalances: ReadParentBalanceService,
  ) {}

  @Get('ledger')
  @ApiOperation({
    summary:
      "Every ledger entry you may see, newest first: your accounts', your resellers' balances with you and everything below them (an end user: its own account's); by account, reseller, kind and time",
  })
  @ZodResponse({ type: LedgerEntryPageDto })
  search(@CurrentActor() actor: Actor, @Query() query: SearchLedgerQueryDto) {
    return this.entries.search(actor, query);
  }

  @Get('parent-balance')
  @ApiOperation({
    summary:
      "A reseller's own balance with its parent, as the reseller sees it (404 for the operator and end users)",
  })
  @ZodResponse({ type: ResellerBalanceDto })
  parentBalance(@CurrentActor() actor: Actor) {
    return this.parentBalances.balance(actor);
  }

  @Get('parent-balance/ledger')
  @ApiOperation({
    summary: "The ledger of a reseller's own balance with its parent (what the parent credited and charged)",
  })
  @ZodResponse({ type: LedgerEntryPageDto })
  parentLedger(@CurrentActor() actor: Actor, @Query() query: ListLedgerQueryDto) {
    return this.parentBalances.ledger(actor, query);
  }
}
