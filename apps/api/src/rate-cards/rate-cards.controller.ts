import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  CreateRateCardDto,
  ListRateCardsQueryDto,
  RateCardDto,
  RateCardPageDto,
  UpdateRateCardDto,
} from './dto/rate-card.dto';
import { QuoteRateCardQueryDto, RateQuoteDto } from './dto/rate-quote.dto';
import { QuoteRateCardService } from './quote-rate-card.service';
import { RateCardInScopeGuard } from './rate-card-in-scope.guard';
import { RateCardsService } from './rate-cards.service';

class RateCardIdDto extends createZodDto(idParameter) {}

@ApiTags('rate-cards')
@ApiBearerAuth()
@Controller('rate-cards')
export class RateCardsController {
  constructor(
    private readonly cards: RateCardsService,
    private readonly quotes: QuoteRateCardService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a sell or buy rate card (409 when the name is taken in the tenant)' })
  @ZodResponse({ status: 201, type: RateCardDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateRateCardDto) {
    return this.cards.create(actor, body);
  }

  @Get()
  @ZodResponse({ type: RateCardPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListRateCardsQueryDto) {
    return this.cards.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: RateCardDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: RateCardIdDto) {
    return this.cards.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update a rate card (kind and currency are fixed while something rates with it: 409)',
  })
  @ZodResponse({ type: RateCardDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: RateCardIdDto, @Body() body: UpdateRateCardDto) {
    return this.cards.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary:
      "Delete a rate card (kept for history); 409 while a service plan, vendor or reseller's terms use it",
  })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: RateCardIdDto): Promise<void> {
    await this.cards.remove(actor, id);
  }

  @Get(':id/quote')
  @UseGuards(RateCardInScopeGuard)
  @ApiOperation({
    summary:
      'Price a call with the rating engine on the stored card: rate matched, pulses, parts, total (422 when no rate matches)',
  })
  @ZodResponse({ type: RateQuoteDto })
  quote(@CurrentActor() actor: Actor, @Param() { id }: RateCardIdDto, @Query() query: QuoteRateCardQueryDto) {
    return this.quotes.quote(actor, id, query);
  }
}
