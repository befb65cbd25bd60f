import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WebhookDelivery, WebhookEndpoint } from '@tollgate/db';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { ForbiddenError } from '../http/domain-errors';
import { paginate, type Page } from '../tenancy/pagination';
import { TenantResources } from '../tenancy/tenant-resources';
import type {
  CreateWebhookDto,
  ListWebhookDeliveriesQueryDto,
  ListWebhooksQueryDto,
  UpdateWebhookDto,
} from './dto/webhook.dto';

export type WebhookView = Omit<WebhookEndpoint, 'signingSecret' | 'tenant'>;

/** 32 random bytes, the size of the HMAC-SHA256 key. */
function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Operators' webhook endpoints. The signing secret is shown when the endpoint is made or the secret is
 * rotated, never again; deliveries are listed per endpoint under the endpoint's scope.
 */
@Injectable()
export class WebhooksService {
  private readonly endpoints;

  constructor(
    resources: TenantResources,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.endpoints = resources.of(WebhookEndpoint, {
      label: 'webhook',
      entityType: 'webhook',
      endUserColumn: null,
      deletion: 'hard',
    });
  }

  async create(actor: Actor, input: CreateWebhookDto): Promise<WebhookView & { signingSecret: string }> {
    staffOnly(actor);
    const signingSecret = newSigningSecret();
    const row = await this.endpoints.create(actor, {
      url: input.url,
      description: input.description ?? null,
      events: input.events,
      enabled: input.enabled ?? true,
      tenantId: input.tenantId,
      signingSecret,
    });
    return { ...toView(row), signingSecret };
  }

  async list(actor: Actor, query: ListWebhooksQueryDto): Promise<Page<WebhookView>> {
    const page = await this.endpoints.list(actor, query, (rows) => {
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    });
    return { ...page, data: page.data.map(toView) };
  }

  async get(actor: Actor, id: string): Promise<WebhookView> {
    return toView(await this.endpoints.get(actor, id));
  }

  async update(actor: Actor, id: string, input: UpdateWebhookDto): Promise<WebhookView> {
    staffOnly(actor);
    return toView(await this.endpoints.update(actor, id, input));
  }

  async rotateSecret(actor: Actor, id: string): Promise<WebhookView & { signingSecret: string }> {
    staffOnly(actor);
    const signingSecret = newSigningSecret();
    return { ...toView(await this.endpoints.update(actor, id, { signingSecret })), signingSecret };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    staffOnly(actor);
    await this.endpoints.remove(actor, id);
  }

  async deliveries(
    actor: Actor,
    endpointId: string,
    query: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDelivery>> {
    await this.endpoints.get(actor, endpointId);
    const rows = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('row')
      .where('row.endpointId = :endpointId', { endpointId });
    if (query.status) rows.andWhere('row.status = :status', { status: query.status });
    return paginate(rows, query);
  }
}

function staffOnly(actor: Actor): void {
  if (actor.scope.isEndUser) throw new ForbiddenError('end users cannot manage webhooks');
}

function toView(row: WebhookEndpoint): WebhookView {
  const { signingSecret: _secret, tenant: _tenant, ...view } = row;
  return view;
}
