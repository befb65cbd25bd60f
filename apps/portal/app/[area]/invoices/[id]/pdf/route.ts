import type { NextRequest } from 'next/server';
import { streamInvoicePdf } from '../../../../../lib/invoice-pdf';

/** An invoice of the staff's tenant subtree as a PDF. */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ area: string; id: string }> },
) {
  const { area, id } = await params;
  return streamInvoicePdf(request, area, id);
}
