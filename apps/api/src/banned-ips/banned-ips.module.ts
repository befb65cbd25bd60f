import { Module } from '@nestjs/common';
import { BannedIpsController } from './banned-ips.controller';
import { BannedIpsService } from './banned-ips.service';

@Module({ controllers: [BannedIpsController], providers: [BannedIpsService] })
export class BannedIpsModule {}
