import { Module } from '@nestjs/common';
import { InvoicesController } from './invoices.controller';
import { InvoicesService } from './invoices.service';
import { IssueInvoiceService } from './issue-invoice.service';
import { IssueMonthlyInvoicesJob } from './issue-monthly-invoices.job';

/** Invoices: issued per account and calendar month from the ledger and the CDRs, read, and as PDF. */
@Module({
  controllers: [InvoicesController],
  providers: [InvoicesService, IssueInvoiceService, IssueMonthlyInvoicesJob],
})
export class InvoicesModule {}
