import type { PortingRequest } from '@tollgate/db';
import type { z } from 'zod';
import type { portingRequestSchema } from './dto/porting-request.dto';

export type PortingRequestView = z.output<typeof portingRequestSchema>;

export function toPortingRequestView(request: PortingRequest): PortingRequestView {
  return {
    id: request.id,
    tenantId: request.tenantId,
    accountId: request.accountId,
    direction: request.direction,
    status: request.status,
    numbers: request.numbers,
    country: request.country,
    losingCarrier: request.losingCarrier,
    gainingCarrier: request.gainingCarrier,
    requestedDate: request.requestedDate,
    scheduledAt: request.scheduledAt,
    submittedAt: request.submittedAt,
    closedAt: request.closedAt,
    notes: request.notes,
    rejectionReason: request.rejectionReason,
    createdByUserId: request.createdByUserId,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
  };
}
