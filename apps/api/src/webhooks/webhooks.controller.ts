import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { RequirePermission } from '../auth/auth-decorators';
import { Permission } from '../auth/principal';
import { idParameter } from '../http/field-schemas';
import {
  CreateWebhookDto,
  ListWebhookDeliveriesQueryDto,
  ListWebhooksQueryDto,
  UpdateWebhookDto,
  WebhookDeliveryPageDto,
  WebhookDto,
  WebhookPageDto,
  WebhookWithSecretDto,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

class WebhookIdDto extends createZodDto(idParameter) {}

@ApiTags('webhooks')
@ApiBearerAuth()
@RequirePermission(Permission.Admin)
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary:
      'Register an endpoint for events of a tenant and below; its signing secret is in this answer only',
  })
  @ZodResponse({ status: 201, type: WebhookWithSecretDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateWebhookDto) {
    return this.webhooks.create(actor, body);
  }

  @Get()
  @ZodResponse({ type: WebhookPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListWebhooksQueryDto) {
    return this.webhooks.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: WebhookDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: WebhookIdDto) {
    return this.webhooks.get(actor, id);
  }

  @Patch(':id')
  @ZodResponse({ type: WebhookDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: WebhookIdDto, @Body() body: UpdateWebhookDto) {
    return this.webhooks.update(actor, id, body);
  }

  @Post(':id/rotate-secret')
  @ApiOperation({ summary: 'Replace the signing secret at once; the new one is in this answer only' })
  @ZodResponse({ status: 200, type: WebhookWithSecretDto })
  rotateSecret(@CurrentActor() actor: Actor, @Param() { id }: WebhookIdDto) {
    return this.webhooks.rotateSecret(actor, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: 'What was sent to the endpoint, newest first, with the outcome of the last attempt',
  })
  @ZodResponse({ type: WebhookDeliveryPageDto })
  deliveries(
    @CurrentActor() actor: Actor,
    @Param() { id }: WebhookIdDto,
    @Query() query: ListWebhookDeliveriesQueryDto,
  ) {
    return this.webhooks.deliveries(actor, id, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint and its delivery history' })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: WebhookIdDto): Promise<void> {
    await this.webhooks.remove(actor, id);
  }
}
