import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { DashboardFiguresService } from './dashboard-figures.service';
import { DashboardSeriesService } from './dashboard-series.service';
import {
  DashboardFiguresDto,
  DashboardSeriesDto,
  DashboardSeriesQueryDto,
  SystemStatusDto,
} from './dto/dashboard.dto';
import { SystemStatusService } from './system-status.service';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly figures: DashboardFiguresService,
    private readonly system: SystemStatusService,
    private readonly timeSeries: DashboardSeriesService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "The panel figures of the caller's subtree: domains, plans, administrators, banned IPs, subscribers, lines, DIDs, vendors, rate cards, and the calls up now (staff only)",
  })
  @ZodResponse({ type: DashboardFiguresDto })
  get(@CurrentActor() actor: Actor) {
    return this.figures.figures(actor);
  }

  @Get('series')
  @ApiOperation({
    summary:
      'Calls, minutes, revenue, cost and margin per hour or UTC day for charts, at the level of the caller (or a reseller below it): one array per figure, one value per bucket (staff only)',
  })
  @ZodResponse({ type: DashboardSeriesDto })
  series(@CurrentActor() actor: Actor, @Query() query: DashboardSeriesQueryDto) {
    return this.timeSeries.series(actor, query);
  }

  @Get('status')
  @ApiOperation({
    summary:
      "The platform's health (owner only): PostgreSQL, Redis, Kamailio's JSON-RPC, and every worker's last heartbeat",
  })
  @ZodResponse({ type: SystemStatusDto })
  status(@CurrentActor() actor: Actor) {
    return this.system.status(actor);
  }
}
