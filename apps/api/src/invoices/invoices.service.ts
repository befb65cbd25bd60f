import { Injectable } from '@nestjs/common';
import { Invoice } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { NotFoundError } from '../http/domain-errors';
import type { Page } from '../tenancy/pagination';
import { TenantResources } from '../tenancy/tenant-resources';
import type { ListInvoicesQueryDto } from './dto/invoice.dto';
import {
  type InvoiceView,
  type InvoiceWithLinesView,
  toInvoiceView,
  toInvoiceWithLinesView,
} from './invoice-view';

/** Issued invoices as the caller may read them: its tenant subtree, or an end user's own account. */
@Injectable()
export class InvoicesService {
  private readonly invoices;

  constructor(resources: TenantResources) {
    this.invoices = resources.of(Invoice, {
      label: 'invoice',
      entityType: 'invoice',
      endUserColumn: 'accountId',
      deletion: 'hard',
    });
  }

  async list(actor: Actor, query: ListInvoicesQueryDto): Promise<Page<InvoiceView>> {
    const sort = query.sort === 'issuedAt' ? 'createdAt' : query.sort;
    const page = await this.invoices.list(actor, { ...query, sort }, (rows) => {
      if (query.accountId) rows.andWhere('row.accountId = :accountId', { accountId: query.accountId });
      if (query.month) rows.andWhere('row.month = :month', { month: query.month });
    });
    return { ...page, data: page.data.map(toInvoiceView) };
  }

  /** One invoice with its lines; 404 outside the caller's scope. */
  async get(actor: Actor, id: string): Promise<InvoiceWithLinesView> {
    const invoice = await this.invoices
      .repository(actor)
      .query()
      .leftJoinAndSelect('row.lines', 'line')
      .andWhere('row.id = :id', { id })
      .getOne();
    if (!invoice) throw new NotFoundError('invoice');
    return toInvoiceWithLinesView(invoice);
  }
}
