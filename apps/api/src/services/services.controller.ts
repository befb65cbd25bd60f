import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  CreateServiceDto,
  ListServicesQueryDto,
  ServiceDto,
  ServicePageDto,
  UpdateServiceDto,
} from './dto/service.dto';
import { ServicesService } from './services.service';

class ServiceIdDto extends createZodDto(idParameter) {}

@ApiTags('services')
@ApiBearerAuth()
@Controller('services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Post()
  @ApiOperation({
    summary:
      "Give an account a service, from a template or of a given kind (409 when a trunk's source range overlaps another trunk's)",
  })
  @ZodResponse({ status: 201, type: ServiceDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateServiceDto) {
    return this.services.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: "List services (an end user sees its own account's)" })
  @ZodResponse({ type: ServicePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListServicesQueryDto) {
    return this.services.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: ServiceDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: ServiceIdDto) {
    return this.services.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a service; status terminated ends it for good' })
  @ZodResponse({ type: ServiceDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: ServiceIdDto, @Body() body: UpdateServiceDto) {
    return this.services.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Terminate a service (services are kept, never deleted)' })
  async terminate(@CurrentActor() actor: Actor, @Param() { id }: ServiceIdDto): Promise<void> {
    await this.services.terminate(actor, id);
  }
}
