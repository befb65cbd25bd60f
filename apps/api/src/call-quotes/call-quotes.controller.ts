import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { AccountInScopeGuard } from '../accounts/account-in-scope.guard';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import { CallQuoteDto, CallQuoteQueryDto } from './dto/call-quote.dto';
import { QuoteAccountCallService } from './quote-account-call.service';

class AccountIdDto extends createZodDto(idParameter) {}

@ApiTags('call-quotes')
@ApiBearerAuth()
@Controller('accounts')
export class CallQuotesController {
  constructor(private readonly quotes: QuoteAccountCallService) {}

  @Get(':id/call-quote')
  @UseGuards(AccountInScopeGuard)
  @ApiOperation({
    summary:
      "What a call of the account would cost, priced as its CDR would be: the sell rate matched, periods crossed, pulses, connect fee and rounding, and each reseller level's price you may see (422 without a plan or a matching sell rate); end users may ask for their own account",
  })
  @ZodResponse({ type: CallQuoteDto })
  quote(@CurrentActor() actor: Actor, @Param() { id }: AccountIdDto, @Query() query: CallQuoteQueryDto) {
    return this.quotes.quote(actor, id, query);
  }
}
