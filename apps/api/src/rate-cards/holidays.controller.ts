import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  CreateHolidayDto,
  HolidayDto,
  HolidayPageDto,
  ListHolidaysQueryDto,
  UpdateHolidayDto,
} from './dto/holiday.dto';
import { HolidaysService } from './holidays.service';

class HolidayIdDto extends createZodDto(idParameter) {}

@ApiTags('holidays')
@ApiBearerAuth()
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Post()
  @ApiOperation({ summary: 'Add a public holiday to a tenant calendar (409 when the date is already one)' })
  @ZodResponse({ status: 201, type: HolidayDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateHolidayDto) {
    return this.holidays.create(actor, body);
  }

  @Get()
  @ZodResponse({ type: HolidayPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListHolidaysQueryDto) {
    return this.holidays.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: HolidayDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: HolidayIdDto) {
    return this.holidays.get(actor, id);
  }

  @Patch(':id')
  @ZodResponse({ type: HolidayDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: HolidayIdDto, @Body() body: UpdateHolidayDto) {
    return this.holidays.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param() { id }: HolidayIdDto): Promise<void> {
    await this.holidays.remove(actor, id);
  }
}
