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
  CreateRatePeriodDto,
  ListRatePeriodsQueryDto,
  RatePeriodDto,
  RatePeriodPageDto,
  UpdateRatePeriodDto,
} from './dto/rate-period.dto';
import { RateCardInScopeGuard } from './rate-card-in-scope.guard';
import { RatePeriodsService } from './rate-periods.service';

class RateCardIdDto extends createZodDto(idParameter) {}

class RatePeriodIdDto extends createZodDto(
  idParameter.extend({ periodId: z.uuid({ error: 'must be a UUID' }) }),
) {}

@ApiTags('rate-cards')
@ApiBearerAuth()
@UseGuards(RateCardInScopeGuard)
@Controller('rate-cards/:id/periods')
export class RatePeriodsController {
  constructor(private readonly periods: RatePeriodsService) {}

  @Post()
  @ApiOperation({
    summary: 'Add a time-of-day / day-of-week period (409 when the name is taken on the card)',
  })
  @ZodResponse({ status: 201, type: RatePeriodDto })
  create(@CurrentActor() actor: Actor, @Param() { id }: RateCardIdDto, @Body() body: CreateRatePeriodDto) {
    return this.periods.create(actor, id, body);
  }

  @Get()
  @ZodResponse({ type: RatePeriodPageDto })
  list(
    @CurrentActor() actor: Actor,
    @Param() { id }: RateCardIdDto,
    @Query() query: ListRatePeriodsQueryDto,
  ) {
    return this.periods.list(actor, id, query);
  }

  @Get(':periodId')
  @ZodResponse({ type: RatePeriodDto })
  get(@CurrentActor() actor: Actor, @Param() { id, periodId }: RatePeriodIdDto) {
    return this.periods.get(actor, id, periodId);
  }

  @Patch(':periodId')
  @ZodResponse({ type: RatePeriodDto })
  update(
    @CurrentActor() actor: Actor,
    @Param() { id, periodId }: RatePeriodIdDto,
    @Body() body: UpdateRatePeriodDto,
  ) {
    return this.periods.update(actor, id, periodId, body);
  }

  @Delete(':periodId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a period (409 while rates of the card use it)' })
  async remove(@CurrentActor() actor: Actor, @Param() { id, periodId }: RatePeriodIdDto): Promise<void> {
    await this.periods.remove(actor, id, periodId);
  }
}
