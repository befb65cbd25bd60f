import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import { DomainsService } from './domains.service';
import {
  CreateDomainDto,
  DomainDto,
  DomainPageDto,
  ListDomainsQueryDto,
  UpdateDomainDto,
} from './dto/domain.dto';

class DomainIdDto extends createZodDto(idParameter) {}

@ApiTags('domains')
@ApiBearerAuth()
@Controller('domains')
export class DomainsController {
  constructor(private readonly domains: DomainsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a SIP domain (409 when the name is taken anywhere on the platform)' })
  @ZodResponse({ status: 201, type: DomainDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateDomainDto) {
    return this.domains.create(actor, body);
  }

  @Get()
  @ZodResponse({ type: DomainPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListDomainsQueryDto) {
    return this.domains.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: DomainDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: DomainIdDto) {
    return this.domains.get(actor, id);
  }

  @Patch(':id')
  @ZodResponse({ type: DomainDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: DomainIdDto, @Body() body: UpdateDomainDto) {
    return this.domains.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param() { id }: DomainIdDto): Promise<void> {
    await this.domains.remove(actor, id);
  }
}
