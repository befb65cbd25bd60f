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
import { ResolvedRoutingDto, ResolveRoutingQueryDto } from './dto/resolved-routing.dto';
import {
  CreateRoutingPlanDto,
  ListRoutingPlansQueryDto,
  RoutingPlanDto,
  RoutingPlanPageDto,
  UpdateRoutingPlanDto,
} from './dto/routing-plan.dto';
import { ResolveRoutingService } from './resolve-routing.service';
import { RoutingPlanInScopeGuard } from './routing-plan-in-scope.guard';
import { RoutingPlansService } from './routing-plans.service';

class RoutingPlanIdDto extends createZodDto(idParameter) {}

@ApiTags('routing')
@ApiBearerAuth()
@Controller('routing-plans')
export class RoutingPlansController {
  constructor(
    private readonly plans: RoutingPlansService,
    private readonly resolution: ResolveRoutingService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a routing plan: a strategy, a margin guard and the failover depth' })
  @ZodResponse({ status: 201, type: RoutingPlanDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateRoutingPlanDto) {
    return this.plans.create(actor, body);
  }

  @Get()
  @ZodResponse({ type: RoutingPlanPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListRoutingPlansQueryDto) {
    return this.plans.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: RoutingPlanDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: RoutingPlanIdDto) {
    return this.plans.get(actor, id);
  }

  @Get(':id/resolved')
  @UseGuards(RoutingPlanInScopeGuard)
  @ApiOperation({
    summary:
      'The routing of one destination: longest matching prefix rule (or the plan default), strategy in force, ' +
      'blocked or not, and the vendors to order with their effective priority and weight (not priced here)',
  })
  @ZodResponse({ type: ResolvedRoutingDto })
  resolve(
    @CurrentActor() actor: Actor,
    @Param() { id }: RoutingPlanIdDto,
    @Query() { destination }: ResolveRoutingQueryDto,
  ) {
    return this.resolution.resolve(actor, id, destination);
  }

  @Patch(':id')
  @ZodResponse({ type: RoutingPlanDto })
  update(
    @CurrentActor() actor: Actor,
    @Param() { id }: RoutingPlanIdDto,
    @Body() body: UpdateRoutingPlanDto,
  ) {
    return this.plans.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a routing plan (409 while a service plan uses it)' })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: RoutingPlanIdDto): Promise<void> {
    await this.plans.remove(actor, id);
  }
}
