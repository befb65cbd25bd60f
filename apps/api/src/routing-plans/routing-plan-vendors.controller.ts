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
  CreateRoutingPlanVendorDto,
  ListRoutingPlanVendorsQueryDto,
  RoutingPlanVendorDto,
  RoutingPlanVendorPageDto,
  UpdateRoutingPlanVendorDto,
  vendorAssignmentParameters,
} from './dto/routing-plan-vendor.dto';
import { RoutingPlanInScopeGuard } from './routing-plan-in-scope.guard';
import { RoutingPlanVendorsService } from './routing-plan-vendors.service';

class RoutingPlanIdDto extends createZodDto(idParameter) {}
class VendorAssignmentParametersDto extends createZodDto(vendorAssignmentParameters) {}

@ApiTags('routing')
@ApiBearerAuth()
@UseGuards(RoutingPlanInScopeGuard)
@Controller('routing-plans/:id/vendors')
export class RoutingPlanVendorsController {
  constructor(private readonly assignments: RoutingPlanVendorsService) {}

  @Post()
  @ApiOperation({
    summary: "Let the plan use a vendor, for every destination (prefix '') or for one of its prefix rules",
  })
  @ZodResponse({ status: 201, type: RoutingPlanVendorDto })
  create(
    @CurrentActor() actor: Actor,
    @Param() { id }: RoutingPlanIdDto,
    @Body() body: CreateRoutingPlanVendorDto,
  ) {
    return this.assignments.create(actor, id, body);
  }

  @Get()
  @ZodResponse({ type: RoutingPlanVendorPageDto })
  list(
    @CurrentActor() actor: Actor,
    @Param() { id }: RoutingPlanIdDto,
    @Query() query: ListRoutingPlanVendorsQueryDto,
  ) {
    return this.assignments.list(actor, id, query);
  }

  @Get(':assignmentId')
  @ZodResponse({ type: RoutingPlanVendorDto })
  get(@CurrentActor() actor: Actor, @Param() { id, assignmentId }: VendorAssignmentParametersDto) {
    return this.assignments.get(actor, id, assignmentId);
  }

  @Patch(':assignmentId')
  @ZodResponse({ type: RoutingPlanVendorDto })
  update(
    @CurrentActor() actor: Actor,
    @Param() { id, assignmentId }: VendorAssignmentParametersDto,
    @Body() body: UpdateRoutingPlanVendorDto,
  ) {
    return this.assignments.update(actor, id, assignmentId, body);
  }

  @Delete(':assignmentId')
  @HttpCode(204)
  async remove(
    @CurrentActor() actor: Actor,
    @Param() { id, assignmentId }: VendorAssignmentParametersDto,
  ): Promise<void> {
    await this.assignments.remove(actor, id, assignmentId);
  }
}
