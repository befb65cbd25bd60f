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
  CreateRoutingPlanPrefixDto,
  ListRoutingPlanPrefixesQueryDto,
  prefixRuleParameters,
  RoutingPlanPrefixDto,
  RoutingPlanPrefixPageDto,
  UpdateRoutingPlanPrefixDto,
} from './dto/routing-plan-prefix.dto';
import { RoutingPlanInScopeGuard } from './routing-plan-in-scope.guard';
import { RoutingPlanPrefixesService } from './routing-plan-prefixes.service';

class RoutingPlanIdDto extends createZodDto(idParameter) {}
class PrefixRuleParametersDto extends createZodDto(prefixRuleParameters) {}

@ApiTags('routing')
@ApiBearerAuth()
@UseGuards(RoutingPlanInScopeGuard)
@Controller('routing-plans/:id/prefixes')
export class RoutingPlanPrefixesController {
  constructor(private readonly rules: RoutingPlanPrefixesService) {}

  @Post()
  @ApiOperation({ summary: 'Add a prefix rule: another strategy for a destination, or a blocked one' })
  @ZodResponse({ status: 201, type: RoutingPlanPrefixDto })
  create(
    @CurrentActor() actor: Actor,
    @Param() { id }: RoutingPlanIdDto,
    @Body() body: CreateRoutingPlanPrefixDto,
  ) {
    return this.rules.create(actor, id, body);
  }

  @Get()
  @ZodResponse({ type: RoutingPlanPrefixPageDto })
  list(
    @CurrentActor() actor: Actor,
    @Param() { id }: RoutingPlanIdDto,
    @Query() query: ListRoutingPlanPrefixesQueryDto,
  ) {
    return this.rules.list(actor, id, query);
  }

  @Get(':prefixId')
  @ZodResponse({ type: RoutingPlanPrefixDto })
  get(@CurrentActor() actor: Actor, @Param() { id, prefixId }: PrefixRuleParametersDto) {
    return this.rules.get(actor, id, prefixId);
  }

  @Patch(':prefixId')
  @ApiOperation({ summary: "Change a prefix rule; a new prefix takes the rule's vendor assignments along" })
  @ZodResponse({ type: RoutingPlanPrefixDto })
  update(
    @CurrentActor() actor: Actor,
    @Param() { id, prefixId }: PrefixRuleParametersDto,
    @Body() body: UpdateRoutingPlanPrefixDto,
  ) {
    return this.rules.update(actor, id, prefixId, body);
  }

  @Delete(':prefixId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a prefix rule and the vendor assignments made for its prefix' })
  async remove(
    @CurrentActor() actor: Actor,
    @Param() { id, prefixId }: PrefixRuleParametersDto,
  ): Promise<void> {
    await this.rules.remove(actor, id, prefixId);
  }
}
