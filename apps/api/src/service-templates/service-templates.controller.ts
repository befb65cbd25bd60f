import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  CreateServiceTemplateDto,
  ListServiceTemplatesQueryDto,
  ServiceTemplateDto,
  ServiceTemplatePageDto,
  UpdateServiceTemplateDto,
} from './dto/service-template.dto';
import { ServiceTemplatesService } from './service-templates.service';

class ServiceTemplateIdDto extends createZodDto(idParameter) {}

@ApiTags('services')
@ApiBearerAuth()
@Controller('service-templates')
export class ServiceTemplatesController {
  constructor(private readonly templates: ServiceTemplatesService) {}

  @Post()
  @ZodResponse({ status: 201, type: ServiceTemplateDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateServiceTemplateDto) {
    return this.templates.create(actor, body);
  }

  @Get()
  @ZodResponse({ type: ServiceTemplatePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListServiceTemplatesQueryDto) {
    return this.templates.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: ServiceTemplateDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: ServiceTemplateIdDto) {
    return this.templates.get(actor, id);
  }

  @Patch(':id')
  @ZodResponse({ type: ServiceTemplateDto })
  update(
    @CurrentActor() actor: Actor,
    @Param() { id }: ServiceTemplateIdDto,
    @Body() body: UpdateServiceTemplateDto,
  ) {
    return this.templates.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a service template (409 once services were created from it)' })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: ServiceTemplateIdDto): Promise<void> {
    await this.templates.remove(actor, id);
  }
}
