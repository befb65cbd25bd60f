import { Module } from '@nestjs/common';
import { CreditPoolsModule } from '../credit-pools/credit-pools.module';
import { DashboardController } from './dashboard.controller';
import { DashboardFiguresService } from './dashboard-figures.service';
import { SystemStatusService } from './system-status.service';

/** The owner dashboard: panel figures of the caller's subtree and the platform's status. */
@Module({
  imports: [CreditPoolsModule],
  controllers: [DashboardController],
  providers: [DashboardFiguresService, SystemStatusService],
})
export class DashboardModule {}
