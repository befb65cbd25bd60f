import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { AccountInScopeGuard } from '../accounts/account-in-scope.guard';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import { QuoteRateCardQueryDto, RateQuoteDto } from '../rate-cards/dto/rate-quote.dto';
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
      "What a call of the account would cost at its service plan's sell rates: rate matched, pulses, total (422 without a plan or a matching rate); end users may ask for their own account",
  })
  @ZodResponse({ type: RateQuoteDto })
  quote(@CurrentActor() actor: Actor, @Param() { id }: AccountIdDto, @Query() query: QuoteRateCardQueryDto) {
    return this.quotes.quote(actor, id, query);
  }
}
