import { Module } from '@nestjs/common';
import { VendorInScopeGuard } from './vendor-in-scope.guard';
import { VendorTrunksController } from './vendor-trunks.controller';
import { VendorTrunksService } from './vendor-trunks.service';
import { VendorsController } from './vendors.controller';
import { VendorsService } from './vendors.service';

/** Carriers (vendors) and their gateways (trunks). */
@Module({
  controllers: [VendorsController, VendorTrunksController],
  providers: [VendorsService, VendorTrunksService, VendorInScopeGuard],
})
export class VendorsModule {}
