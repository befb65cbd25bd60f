import { Module } from '@nestjs/common';
import { CreditPoolsModule } from '../credit-pools/credit-pools.module';
import { LiveCallsController } from './live-calls.controller';
import { LiveCallsService } from './live-calls.service';

@Module({ imports: [CreditPoolsModule], controllers: [LiveCallsController], providers: [LiveCallsService] })
export class LiveCallsModule {}
