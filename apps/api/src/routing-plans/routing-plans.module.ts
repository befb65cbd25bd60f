import { Module } from '@nestjs/common';
import { ResolveRoutingService } from './resolve-routing.service';
import { RoutingPlanInScopeGuard } from './routing-plan-in-scope.guard';
import { RoutingPlanPrefixesController } from './routing-plan-prefixes.controller';
import { RoutingPlanPrefixesService } from './routing-plan-prefixes.service';
import { RoutingPlanVendorsController } from './routing-plan-vendors.controller';
import { RoutingPlanVendorsService } from './routing-plan-vendors.service';
import { RoutingPlansController } from './routing-plans.controller';
import { RoutingPlansService } from './routing-plans.service';

@Module({
  controllers: [RoutingPlansController, RoutingPlanPrefixesController, RoutingPlanVendorsController],
  providers: [
    RoutingPlansService,
    RoutingPlanPrefixesService,
    RoutingPlanVendorsService,
    ResolveRoutingService,
    RoutingPlanInScopeGuard,
  ],
})
export class RoutingPlansModule {}
