import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import { AssignDidService } from './assign-did.service';
import { ChangeDidRouteService } from './change-did-route.service';
import { DidHistoryService } from './did-history';
import { DidInScopeGuard } from './did-in-scope.guard';
import { DidsService } from './dids.service';
import { DidEventPageDto, ListDidEventsQueryDto } from './dto/did-event.dto';
import {
  ImportDidRangeDto,
  ImportDidRowsDto,
  ImportDidsResultDto,
  MAX_DIDS_PER_IMPORT,
} from './dto/did-import.dto';
import {
  AssignDidDto,
  ChangeDidRouteDto,
  EndDidQuarantineDto,
  ReleaseDidDto,
  ReserveDidDto,
} from './dto/did-lifecycle.dto';
import { CreateDidDto, DidDto, DidPageDto, ListDidsQueryDto, UpdateDidDto } from './dto/did.dto';
import { EndDidQuarantineService } from './end-did-quarantine.service';
import { ImportDidsService } from './import-dids.service';
import { ReleaseDidService } from './release-did.service';
import { ReserveDidService } from './reserve-did.service';

class DidIdDto extends createZodDto(idParameter) {}

@ApiTags('dids')
@ApiBearerAuth()
@Controller('dids')
@UseGuards(DidInScopeGuard)
export class DidsController {
  constructor(
    private readonly dids: DidsService,
    private readonly imports: ImportDidsService,
    private readonly history: DidHistoryService,
    private readonly reservations: ReserveDidService,
    private readonly assignments: AssignDidService,
    private readonly routes: ChangeDidRouteService,
    private readonly releases: ReleaseDidService,
    private readonly quarantines: EndDidQuarantineService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Add one number to the inventory, available (409 when it is already there)' })
  @ZodResponse({ status: 201, type: DidDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateDidDto) {
    return this.dids.create(actor, body);
  }

  @Post('range')
  @ApiOperation({
    summary: `Add every number from "from" to "to" (at most ${MAX_DIDS_PER_IMPORT}) all or nothing: 400 names numbers.<offset> for each one already in the inventory`,
  })
  @ZodResponse({ status: 201, type: ImportDidsResultDto })
  importRange(@CurrentActor() actor: Actor, @Body() body: ImportDidRangeDto) {
    return this.imports.range(actor, body);
  }

  @Post('bulk')
  @ApiOperation({
    summary: `Add up to ${MAX_DIDS_PER_IMPORT} numbers, each with its own fields, all or nothing: 400 names rows.<index>.<field> for every bad row (repeated numbers and numbers already in the inventory included)`,
  })
  @ZodResponse({ status: 201, type: ImportDidsResultDto })
  importRows(@CurrentActor() actor: Actor, @Body() body: ImportDidRowsDto) {
    return this.imports.rows(actor, body);
  }

  @Get()
  @ApiOperation({
    summary:
      "Search the inventory of the caller's subtree by country, number prefix, status, account or vendor (an end user: the numbers assigned to its account)",
  })
  @ZodResponse({ type: DidPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListDidsQueryDto) {
    return this.dids.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: DidDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: DidIdDto) {
    return this.dids.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change prices, vendor or country; the currency only while no account holds the number',
  })
  @ZodResponse({ type: DidDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: DidIdDto, @Body() body: UpdateDidDto) {
    return this.dids.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an available or quarantined number (409 otherwise); its history is kept' })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: DidIdDto): Promise<void> {
    await this.dids.remove(actor, id);
  }

  @Post(':id/reserve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Hold an available number for an account until a time (again for the same account: a new deadline); 409 otherwise',
  })
  @ZodResponse({ type: DidDto })
  reserve(@CurrentActor() actor: Actor, @Param() { id }: DidIdDto, @Body() body: ReserveDidDto) {
    return this.reservations.reserve(actor, id, body);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Give an available number, or one reserved for the account, to the account with its route; posts the sell setup fee to the account's ledger once (a repeated identical request is a retry); 409 otherwise",
  })
  @ZodResponse({ type: DidDto })
  assign(@CurrentActor() actor: Actor, @Param() { id }: DidIdDto, @Body() body: AssignDidDto) {
    return this.assignments.assign(actor, id, body);
  }

  @Put(':id/route')
  @ApiOperation({ summary: "Send an assigned number's inbound calls to another line, trunk or URI" })
  @ZodResponse({ type: DidDto })
  changeRoute(@CurrentActor() actor: Actor, @Param() { id }: DidIdDto, @Body() body: ChangeDidRouteDto) {
    return this.routes.change(actor, id, body);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Take an assigned number back into quarantine for DID_QUARANTINE_DAYS, or end a reservation; 409 otherwise',
  })
  @ZodResponse({ type: DidDto })
  release(@CurrentActor() actor: Actor, @Param() { id }: DidIdDto, @Body() body: ReleaseDidDto) {
    return this.releases.release(actor, id, body);
  }

  @Post(':id/end-quarantine')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a quarantined number available once its quarantine is over; 409 before' })
  @ZodResponse({ type: DidDto })
  endQuarantine(@CurrentActor() actor: Actor, @Param() { id }: DidIdDto, @Body() body: EndDidQuarantineDto) {
    return this.quarantines.end(actor, id, body);
  }

  @Get(':id/events')
  @ApiOperation({
    summary: "The number's history, oldest first: who moved it from which status to which, for which account",
  })
  @ZodResponse({ type: DidEventPageDto })
  events(@CurrentActor() actor: Actor, @Param() { id }: DidIdDto, @Query() query: ListDidEventsQueryDto) {
    return this.history.list(actor, id, query);
  }
}
