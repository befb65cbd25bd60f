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
import { z } from 'zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  BulkCreateRatesDto,
  BulkCreateRatesResultDto,
  CreateRateDto,
  ListRatesQueryDto,
  MAX_BULK_RATES,
  RateDto,
  RatePageDto,
  UpdateRateDto,
} from './dto/rate.dto';
import { ImportRatesService } from './import-rates.service';
import { RateCardInScopeGuard } from './rate-card-in-scope.guard';
import { RatesService } from './rates.service';

class RateCardIdDto extends createZodDto(idParameter) {}

class RateIdDto extends createZodDto(idParameter.extend({ rateId: z.uuid({ error: 'must be a UUID' }) })) {}

@ApiTags('rate-cards')
@ApiBearerAuth()
@UseGuards(RateCardInScopeGuard)
@Controller('rate-cards/:id/rates')
export class RatesController {
  constructor(
    private readonly rates: RatesService,
    private readonly imports: ImportRatesService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Add a rate (409 when the card has one for the same prefix, period and effectiveFrom)',
  })
  @ZodResponse({ status: 201, type: RateDto })
  create(@CurrentActor() actor: Actor, @Param() { id }: RateCardIdDto, @Body() body: CreateRateDto) {
    return this.rates.create(actor, id, body);
  }

  @Post('bulk')
  @ApiOperation({
    summary: `Add up to ${MAX_BULK_RATES} rates all or nothing: any bad row answers 400 naming rates.<index>.<field> for every bad row, and nothing is written`,
  })
  @ZodResponse({ status: 201, type: BulkCreateRatesResultDto })
  bulkCreate(@CurrentActor() actor: Actor, @Param() { id }: RateCardIdDto, @Body() body: BulkCreateRatesDto) {
    return this.imports.import(actor, id, body);
  }

  @Get()
  @ZodResponse({ type: RatePageDto })
  list(@CurrentActor() actor: Actor, @Param() { id }: RateCardIdDto, @Query() query: ListRatesQueryDto) {
    return this.rates.list(actor, id, query);
  }

  @Get(':rateId')
  @ZodResponse({ type: RateDto })
  get(@CurrentActor() actor: Actor, @Param() { id, rateId }: RateIdDto) {
    return this.rates.get(actor, id, rateId);
  }

  @Patch(':rateId')
  @ZodResponse({ type: RateDto })
  update(@CurrentActor() actor: Actor, @Param() { id, rateId }: RateIdDto, @Body() body: UpdateRateDto) {
    return this.rates.update(actor, id, rateId, body);
  }

  @Delete(':rateId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a rate for good (to end a price, set its effectiveTo instead)' })
  async remove(@CurrentActor() actor: Actor, @Param() { id, rateId }: RateIdDto): Promise<void> {
    await this.rates.remove(actor, id, rateId);
  }
}
