import { Module } from '@nestjs/common';
import { PlatformQueues } from './platform-queues';

/** The platform's BullMQ queues as operators see them: depths for the status page, the queue board. */
@Module({
  providers: [PlatformQueues],
  exports: [PlatformQueues],
})
export class QueuesModule {}
