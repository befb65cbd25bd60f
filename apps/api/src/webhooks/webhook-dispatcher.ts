import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CALL_SHUTDOWN_QUEUE,
  callShutdownJobId,
  readCallShutdownEvent,
  type CallShutdownEvent,
} from '@tollgate/credit-pools';
import { WebhookDeliveryStatus, WebhookEventType } from '@tollgate/db';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { signWebhook } from './webhook-signature';

export const WEBHOOK_DELIVERIES_QUEUE = 'webhook-deliveries';

/** The body of every POST: the event, as integrators receive it. */
interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  data: object;
}

/**
 * Sends events to the webhook endpoints. A `call-shutdown` job (queued by call control) becomes one
 * delivery row per endpoint that subscribes, in the account's tenant or above it; each delivery is a
 * BullMQ job retried with exponential backoff until the endpoint answers 2xx or the attempts run out.
 * Rows and job ids are keyed by endpoint and event, so a replayed event is delivered once.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly connections: Redis[] = [];
  private readonly workers: Worker[] = [];
  private deliveries: Queue | undefined;
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(
    @Inject(API_ENVIRONMENT) private readonly env: ApiEnvironment,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    const prefix = this.env.QUEUE_PREFIX;
    this.deliveries = new Queue(WEBHOOK_DELIVERIES_QUEUE, {
      connection: this.connection(),
      prefix,
      defaultJobOptions: {
        attempts: this.env.WEBHOOK_MAX_ATTEMPTS,
        backoff: { type: 'exponential', delay: this.env.WEBHOOK_RETRY_BASE_MS },
        removeOnComplete: { age: 86_400 },
        removeOnFail: { age: 7 * 86_400 },
      },
    });
    this.workers.push(
      new Worker(CALL_SHUTDOWN_QUEUE, (job) => this.fanOutCallShutdown(job), {
        connection: this.connection(),
        prefix,
      }),
      new Worker(WEBHOOK_DELIVERIES_QUEUE, (job) => this.deliver(job), {
        connection: this.connection(),
        prefix,
        concurrency: 16,
      }),
    );
    for (const worker of this.workers) {
      worker.on('error', (error) => this.logger.error(`queue ${worker.name}: ${error.message}`));
      worker.on('failed', (job, error) =>
        this.logger.warn(
          `queue ${worker.name}: job ${job?.id} attempt ${job?.attemptsMade} failed: ${error.message}`,
        ),
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await this.deliveries?.close();
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => undefined)));
  }

  private connection(): Redis {
    // BullMQ's blocking commands need a connection of their own that never gives up on a request.
    const connection = new Redis(this.env.REDIS_URL, {
      maxRetriesPerRequest: null,
      connectionName: 'tollgate-api-queues',
    });
    this.connections.push(connection);
    return connection;
  }

  private async fanOutCallShutdown(job: Job): Promise<void> {
    const event = readCallShutdownEvent(job.data);
    if (event === undefined) throw new UnrecoverableError('not a call-shutdown event this version knows');
    const eventKey = callShutdownJobId(event);
    const payload: WebhookEvent = {
      id: eventKey,
      type: WebhookEventType.CallShutdown,
      createdAt: event.requestedAt,
      data: callShutdownData(event),
    };
    // Every subscribed endpoint of the account's tenant or a tenant above it; none when the account is
    // unknown here (another platform's event on a shared Redis).
    await this.dataSource.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_type, event_key, payload)
       SELECT e.tenant_id, e.id, $2, $3, $4
         FROM accounts a
         JOIN tenants t ON t.id = a.tenant_id
         JOIN webhook_endpoints e ON position('/' || e.tenant_id::text || '/' IN t.path) > 0
        WHERE a.id = $1 AND e.enabled AND $2 = ANY (e.events)
       ON CONFLICT (endpoint_id, event_key) DO NOTHING`,
      [event.accountId, WebhookEventType.CallShutdown, eventKey, JSON.stringify(payload)],
    );
    // Pending ones of this event, those of an earlier try of this job included: their job ids are theirs.
    const pending: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM webhook_deliveries WHERE event_key = $1 AND status = $2`,
      [eventKey, WebhookDeliveryStatus.Pending],
    );
    await Promise.all(
      pending.map(({ id }) =>
        this.deliveries!.add(WEBHOOK_DELIVERIES_QUEUE, { deliveryId: id }, { jobId: id }),
      ),
    );
  }

  private async deliver(job: Job<{ deliveryId: string }>): Promise<void> {
    const [delivery] = (await this.dataSource.query(
      `SELECT d.status, d.payload, e.url, e.signing_secret AS "signingSecret", e.enabled
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1`,
      [job.data.deliveryId],
    )) as Array<{ status: string; payload: object; url: string; signingSecret: string; enabled: boolean }>;
    if (delivery === undefined || delivery.status !== WebhookDeliveryStatus.Pending) return;
    if (!delivery.enabled) {
      await this.record(job.data.deliveryId, WebhookDeliveryStatus.Failed, null, 'the endpoint was disabled');
      return;
    }
    const body = JSON.stringify(delivery.payload);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let statusCode: number | null = null;
    let failure: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tollgate-Webhooks',
          'tollgate-event': (delivery.payload as WebhookEvent).type,
          'tollgate-delivery': job.data.deliveryId,
          'tollgate-signature': signWebhook(delivery.signingSecret, body, new Date()),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.env.WEBHOOK_TIMEOUT_MS),
      });
      statusCode = response.status;
      await response.body?.cancel();
      if (!response.ok) failure = `the endpoint answered HTTP ${response.status}`;
    } catch (error) {
      failure = describeFailure(error, this.env.WEBHOOK_TIMEOUT_MS);
    }
    if (failure === null) {
      await this.record(job.data.deliveryId, WebhookDeliveryStatus.Delivered, statusCode, null);
      return;
    }
    const status = lastAttempt ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
    await this.record(job.data.deliveryId, status, statusCode, failure);
    throw new Error(failure);
  }

  private async record(
    deliveryId: string,
    status: WebhookDeliveryStatus,
    statusCode: number | null,
    error: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET status = $2, attempts = attempts + 1, last_status_code = $3, last_error = $4,
              delivered_at = CASE WHEN $5 THEN now() ELSE delivered_at END
        WHERE id = $1`,
      [deliveryId, status, statusCode, error, status === WebhookDeliveryStatus.Delivered],
    );
  }
}

function callShutdownData(event: CallShutdownEvent): object {
  return {
    reason: event.reason,
    accountId: event.accountId,
    callId: event.callId,
    requestedAt: event.requestedAt,
  };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}
