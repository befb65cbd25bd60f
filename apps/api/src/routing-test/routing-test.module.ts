import { Module } from '@nestjs/common';
import { RoutingTestController } from './routing-test.controller';
import { TestRoutingService } from './test-routing.service';

@Module({ controllers: [RoutingTestController], providers: [TestRoutingService] })
export class RoutingTestModule {}
