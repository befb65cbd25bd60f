import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { RequirePermission } from '../auth/auth-decorators';
import { Permission } from '../auth/principal';
import { idParameter } from '../http/field-schemas';
import { ApiKeysService } from './api-keys.service';
import {
  ApiKeyDto,
  ApiKeyPageDto,
  CreateApiKeyDto,
  CreatedApiKeyDto,
  ListApiKeysQueryDto,
} from './dto/api-key.dto';

class ApiKeyIdDto extends createZodDto(idParameter) {}

@ApiTags('api-keys')
@ApiBearerAuth()
@RequirePermission(Permission.Admin)
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: "Create an integrator's key; the key itself is in this answer only (it is stored as a hash)",
  })
  @ZodResponse({ status: 201, type: CreatedApiKeyDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateApiKeyDto) {
    return this.keys.create(actor, body);
  }

  @Get()
  @ZodResponse({ type: ApiKeyPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListApiKeysQueryDto) {
    return this.keys.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: ApiKeyDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: ApiKeyIdDto) {
    return this.keys.get(actor, id);
  }

  @Post(':id/revoke')
  @ApiOperation({ summary: 'Revoke a key at once (revoking it again changes nothing)' })
  @ZodResponse({ status: 200, type: ApiKeyDto })
  revoke(@CurrentActor() actor: Actor, @Param() { id }: ApiKeyIdDto) {
    return this.keys.revoke(actor, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key; it stays listed, revoked, for the history' })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: ApiKeyIdDto): Promise<void> {
    await this.keys.revoke(actor, id);
  }
}
