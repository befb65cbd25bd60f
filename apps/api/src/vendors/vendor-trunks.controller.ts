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
import { z } from 'zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  CreateVendorTrunkDto,
  ListVendorTrunksQueryDto,
  UpdateVendorTrunkDto,
  VendorTrunkDto,
  VendorTrunkPageDto,
} from './dto/vendor-trunk.dto';
import { VendorInScopeGuard } from './vendor-in-scope.guard';
import { VendorTrunksService } from './vendor-trunks.service';

class VendorIdDto extends createZodDto(idParameter) {}

class VendorTrunkIdDto extends createZodDto(
  idParameter.extend({ trunkId: z.uuid({ error: 'must be a UUID' }) }),
) {}

@ApiTags('vendors')
@ApiBearerAuth()
@UseGuards(VendorInScopeGuard)
@Controller('vendors/:id/trunks')
export class VendorTrunksController {
  constructor(private readonly trunks: VendorTrunksService) {}

  @Post()
  @ApiOperation({ summary: 'Add a gateway to a vendor; the answer carries the SIP URI Kamailio will dial' })
  @ZodResponse({ status: 201, type: VendorTrunkDto })
  create(@CurrentActor() actor: Actor, @Param() { id }: VendorIdDto, @Body() body: CreateVendorTrunkDto) {
    return this.trunks.create(actor, id, body);
  }

  @Get()
  @ZodResponse({ type: VendorTrunkPageDto })
  list(@CurrentActor() actor: Actor, @Param() { id }: VendorIdDto, @Query() query: ListVendorTrunksQueryDto) {
    return this.trunks.list(actor, id, query);
  }

  @Get(':trunkId')
  @ZodResponse({ type: VendorTrunkDto })
  get(@CurrentActor() actor: Actor, @Param() { id, trunkId }: VendorTrunkIdDto) {
    return this.trunks.get(actor, id, trunkId);
  }

  @Patch(':trunkId')
  @ZodResponse({ type: VendorTrunkDto })
  update(
    @CurrentActor() actor: Actor,
    @Param() { id, trunkId }: VendorTrunkIdDto,
    @Body() body: UpdateVendorTrunkDto,
  ) {
    return this.trunks.update(actor, id, trunkId, body);
  }

  @Delete(':trunkId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a trunk (kept for history)' })
  async remove(@CurrentActor() actor: Actor, @Param() { id, trunkId }: VendorTrunkIdDto): Promise<void> {
    await this.trunks.remove(actor, id, trunkId);
  }
}
