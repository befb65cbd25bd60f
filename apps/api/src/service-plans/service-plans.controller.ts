import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  CreateServicePlanDto,
  ListServicePlansQueryDto,
  ServicePlanDto,
  ServicePlanPageDto,
  UpdateServicePlanDto,
} from './dto/service-plan.dto';
import { ServicePlansService } from './service-plans.service';

class ServicePlanIdDto extends createZodDto(idParameter) {}

@ApiTags('service-plans')
@ApiBearerAuth()
@Controller('service-plans')
export class ServicePlansController {
  constructor(private readonly plans: ServicePlansService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a service plan on a sell rate card of its tenant, in the same currency',
  })
  @ZodResponse({ status: 201, type: ServicePlanDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateServicePlanDto) {
    return this.plans.create(actor, body);
  }

  @Get()
  @ZodResponse({ type: ServicePlanPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListServicePlansQueryDto) {
    return this.plans.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: ServicePlanDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: ServicePlanIdDto) {
    return this.plans.get(actor, id);
  }

  @Patch(':id')
  @ZodResponse({ type: ServicePlanDto })
  update(
    @CurrentActor() actor: Actor,
    @Param() { id }: ServicePlanIdDto,
    @Body() body: UpdateServicePlanDto,
  ) {
    return this.plans.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a service plan (409 while an account or a service template uses it)' })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: ServicePlanIdDto): Promise<void> {
    await this.plans.remove(actor, id);
  }
}
