import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  CreateResellerDto,
  ListResellersQueryDto,
  ResellerDto,
  ResellerPageDto,
  UpdateResellerDto,
} from './dto/reseller.dto';
import { ResellersService } from './resellers.service';

class ResellerIdDto extends createZodDto(idParameter) {}

@ApiTags('resellers')
@ApiBearerAuth()
@Controller('resellers')
export class ResellersController {
  constructor(private readonly resellers: ResellersService) {}

  @Post()
  @ApiOperation({ summary: "Create a reseller below the caller's tenant (or below one of its resellers)" })
  @ZodResponse({ status: 201, type: ResellerDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateResellerDto) {
    return this.resellers.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: "List the resellers of the caller's subtree" })
  @ZodResponse({ type: ResellerPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListResellersQueryDto) {
    return this.resellers.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: ResellerDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: ResellerIdDto) {
    return this.resellers.get(actor, id);
  }

  @Patch(':id')
  @ZodResponse({ type: ResellerDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: ResellerIdDto, @Body() body: UpdateResellerDto) {
    return this.resellers.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a reseller without sub-resellers (kept for history)' })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: ResellerIdDto): Promise<void> {
    await this.resellers.remove(actor, id);
  }
}
