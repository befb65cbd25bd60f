import {
  callCommandsStream,
  decodeCallCommand,
  type CallCommand,
  type CreditPools,
} from '@tollgate/credit-pools';
import type { Logger } from '@tollgate/observability';
import type Redis from 'ioredis';
import type { CallTerminator } from '../metering/call-terminator';

const GROUP = 'call-control';

type StreamReply = Array<[stream: string, entries: Array<[id: string, fields: string[]]>]> | null;

/**
 * Carries out the operator's requests (kill one call, terminate an account's calls) that the API appends
 * to the command stream. A consumer group shares them among call control instances, each command done
 * once; a command taken by an instance that died is claimed by another after `claimIdleMs`.
 */
export class CallCommandsConsumer {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly stream: string;

  constructor(
    /** A connection of its own: XREADGROUP blocks it. */
    private readonly redis: Redis,
    private readonly pools: CreditPools,
    private readonly terminator: CallTerminator,
    private readonly logger: Logger,
    private readonly options: { consumer: string; blockMs: number; claimIdleMs: number },
  ) {
    this.stream = callCommandsStream(pools.keyPrefix);
  }

  async start(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.stream, GROUP, '$', 'MKSTREAM');
    } catch (error) {
      if (!(error as Error).message.includes('BUSYGROUP')) throw error;
    }
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.redis.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.claimAbandoned();
        const reply = (await this.redis.xreadgroup(
          'GROUP',
          GROUP,
          this.options.consumer,
          'COUNT',
          '100',
          'BLOCK',
          String(this.options.blockMs),
          'STREAMS',
          this.stream,
          '>',
        )) as StreamReply;
        for (const [, entries] of reply ?? []) await this.handle(entries);
      } catch (error) {
        if (this.stopped) return;
        this.logger.error({ err: error }, 'reading call commands failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async claimAbandoned(): Promise<void> {
    const [, entries] = (await this.redis.xautoclaim(
      this.stream,
      GROUP,
      this.options.consumer,
      this.options.claimIdleMs,
      '0-0',
      'COUNT',
      '100',
    )) as [string, Array<[string, string[]] | null>];
    await this.handle(entries.filter((entry): entry is [string, string[]] => entry !== null));
  }

  private async handle(entries: Array<[string, string[]]>): Promise<void> {
    for (const [id, fields] of entries) {
      const command = decodeCallCommand(fields);
      if (command === undefined) this.logger.warn({ id, fields }, 'skipping an unknown call command');
      else await this.execute(command);
      await this.redis.xack(this.stream, GROUP, id);
    }
  }

  private async execute(command: CallCommand): Promise<void> {
    this.logger.info(command, 'operator request');
    if (command.kind === 'end-call') {
      await this.terminator.end(command.accountId, [command.callId], 'operator-kill');
      return;
    }
    const calls = await this.pools.liveCalls(command.accountId);
    const answered = calls.filter((call) => call.state === 'active').map((call) => call.callId);
    await this.terminator.end(command.accountId, answered, 'operator-terminate-all');
  }
}
