import { Module } from '@nestjs/common';
import { CreditPoolsModule } from '../credit-pools/credit-pools.module';
import { QueuesModule } from '../queues/queues.module';
import { DashboardController } from './dashboard.controller';
import { DashboardFiguresService } from './dashboard-figures.service';
import { DashboardSeriesService } from './dashboard-series.service';
import { SystemStatusService } from './system-status.service';

/** The owner dashboard: panel figures of the caller's subtree and the platform's status. */
@Module({
  imports: [CreditPoolsModule, QueuesModule],
  controllers: [DashboardController],
  providers: [DashboardFiguresService, DashboardSeriesService, SystemStatusService],
})
export class DashboardModule {}
