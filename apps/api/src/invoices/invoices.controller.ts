import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { RequirePermission } from '../auth/auth-decorators';
import { Permission } from '../auth/principal';
import { idParameter } from '../http/field-schemas';
import {
  InvoicePageDto,
  InvoiceWithLinesDto,
  IssueInvoiceDto,
  ListInvoicesQueryDto,
} from './dto/invoice.dto';
import { InvoicesService } from './invoices.service';
import { IssueInvoiceService } from './issue-invoice.service';
import { renderInvoicePdf } from './render-invoice-pdf';

class InvoiceIdDto extends createZodDto(idParameter) {}

@ApiTags('invoices')
@ApiBearerAuth()
@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly issuer: IssueInvoiceService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Issued invoices in the caller's tenant subtree (an end user: their account's), newest first by default",
  })
  @ZodResponse({ type: InvoicePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListInvoicesQueryDto) {
    return this.invoices.list(actor, query);
  }

  @Post()
  @RequirePermission(Permission.Billing)
  @ApiOperation({
    summary:
      'Issue the invoice of an account for a calendar month of its time zone that has ended (400 on month otherwise); idempotent: the same account and month return the invoice already issued',
  })
  @ApiCreatedResponse({ type: InvoiceWithLinesDto, description: 'issued' })
  @ApiOkResponse({ type: InvoiceWithLinesDto, description: 'already issued: returned unchanged' })
  async issue(
    @CurrentActor() actor: Actor,
    @Body() body: IssueInvoiceDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { invoice, replayed } = await this.issuer.issue(actor, body.accountId, body.month);
    void reply.status(replayed ? 200 : 201).send(InvoiceWithLinesDto.schema.encode(invoice));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One invoice with its lines' })
  @ZodResponse({ type: InvoiceWithLinesDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: InvoiceIdDto) {
    return this.invoices.get(actor, id);
  }

  @Get(':id/pdf')
  @ApiOperation({ summary: 'The invoice as a PDF, streamed, with the issuer brand from its tenant settings' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentActor() actor: Actor, @Param() { id }: InvoiceIdDto) {
    const invoice = await this.invoices.get(actor, id);
    return new StreamableFile(renderInvoicePdf(invoice), {
      type: 'application/pdf',
      disposition: `attachment; filename="${invoice.number}.pdf"`,
    });
  }
}
