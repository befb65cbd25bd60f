import { Module } from '@nestjs/common';
import { CdrReratingQueue } from './cdr-rerating-queue';
import { CdrReratingsController } from './cdr-reratings.controller';
import { CdrReratingsService } from './cdr-reratings.service';
import { StartCdrReratingService } from './start-cdr-rerating.service';

/** Reratings of CDRs: recorded and followed here, run by cdr-worker (docs/cdrs.md). */
@Module({
  controllers: [CdrReratingsController],
  providers: [StartCdrReratingService, CdrReratingsService, CdrReratingQueue],
})
export class CdrReratingsModule {}
