import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  CreateVendorDto,
  ListVendorsQueryDto,
  UpdateVendorDto,
  VendorDto,
  VendorPageDto,
} from './dto/vendor.dto';
import { VendorsService } from './vendors.service';

class VendorIdDto extends createZodDto(idParameter) {}

@ApiTags('vendors')
@ApiBearerAuth()
@Controller('vendors')
export class VendorsController {
  constructor(private readonly vendors: VendorsService) {}

  @Post()
  @ApiOperation({
    summary:
      'Create a vendor (409 when the name is taken; buyRateCardId must be a buy card of its tenant and currency)',
  })
  @ZodResponse({ status: 201, type: VendorDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateVendorDto) {
    return this.vendors.create(actor, body);
  }

  @Get()
  @ZodResponse({ type: VendorPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListVendorsQueryDto) {
    return this.vendors.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: VendorDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: VendorIdDto) {
    return this.vendors.get(actor, id);
  }

  @Patch(':id')
  @ZodResponse({ type: VendorDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: VendorIdDto, @Body() body: UpdateVendorDto) {
    return this.vendors.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a vendor and its trunks (kept for history)' })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: VendorIdDto): Promise<void> {
    await this.vendors.remove(actor, id);
  }
}
