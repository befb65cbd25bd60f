import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { AnyPermission, RequirePermission } from '../auth/auth-decorators';
import { Permission } from '../auth/principal';
import { TenantSettingsDto, UpdateOwnSettingsDto } from './dto/tenant-settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @AnyPermission()
  @ApiOperation({
    summary:
      "The caller's tenant settings: account defaults and portal brand (end users see their provider's)",
  })
  @ZodResponse({ type: TenantSettingsDto })
  get(@CurrentActor() actor: Actor) {
    return this.settings.get(actor);
  }

  @Patch()
  @RequirePermission(Permission.Admin)
  @ApiOperation({ summary: "Change the caller's own defaults and brand" })
  @ZodResponse({ type: TenantSettingsDto })
  update(@CurrentActor() actor: Actor, @Body() body: UpdateOwnSettingsDto) {
    return this.settings.update(actor, body);
  }
}
