import { Module } from '@nestjs/common';
import { CdrQueue } from './cdr-queue';

/** The `cdrs` queue's producer, for the rating API's `end` and the CDR endpoints. */
@Module({ providers: [CdrQueue], exports: [CdrQueue] })
export class CdrQueueModule {}
