import { Global, Module } from '@nestjs/common';
import { TenantResources } from './tenant-resources';

@Global()
@Module({ providers: [TenantResources], exports: [TenantResources] })
export class TenancyModule {}
