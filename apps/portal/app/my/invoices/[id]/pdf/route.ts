import type { NextRequest } from 'next/server';
import { streamInvoicePdf } from '../../../../../lib/invoice-pdf';

/** The end user's own invoice as a PDF. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return streamInvoicePdf(request, 'my', (await params).id);
}
