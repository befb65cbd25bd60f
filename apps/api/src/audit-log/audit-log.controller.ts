import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { RequirePermission } from '../auth/auth-decorators';
import { Permission } from '../auth/principal';
import { idParameter } from '../http/field-schemas';
import { AuditLogService } from './audit-log.service';
import { AuditLogEntryDto, AuditLogEntryPageDto, ListAuditLogQueryDto } from './dto/audit-log-entry.dto';

class AuditLogEntryIdDto extends createZodDto(idParameter) {}

@ApiTags('audit-log')
@ApiBearerAuth()
@RequirePermission(Permission.Admin)
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @ApiOperation({ summary: "Who changed what, when and from where in the caller's subtree, newest first" })
  @ZodResponse({ type: AuditLogEntryPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListAuditLogQueryDto) {
    return this.auditLog.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: AuditLogEntryDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: AuditLogEntryIdDto) {
    return this.auditLog.get(actor, id);
  }
}
