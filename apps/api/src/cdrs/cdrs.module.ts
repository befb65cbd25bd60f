import { Module } from '@nestjs/common';
import { CdrQueueModule } from './cdr-queue.module';
import { CdrExportsController, CdrsController } from './cdrs.controller';
import { ExportCdrsService } from './export-cdrs.service';
import { GetCdrService } from './get-cdr.service';
import { ListCdrsService } from './list-cdrs.service';
import { ListDeadLettersService } from './list-dead-letters.service';

@Module({
  imports: [CdrQueueModule],
  controllers: [CdrsController, CdrExportsController],
  providers: [ListCdrsService, GetCdrService, ExportCdrsService, ListDeadLettersService],
})
export class CdrsModule {}
