import { BillingType } from '@tollgate/db';
import type Decimal from 'decimal.js';
import { BadRequestError } from '../http/domain-errors';

/** The fields of an account whose combination must make sense, whatever the request changed. */
export interface AccountTerms {
  billingType: BillingType;
  creditLimit: Decimal;
  maxChannels: number | null;
  maxInboundChannels: number | null;
  maxOutboundChannels: number | null;
}

/**
 * A credit limit only means something for postpaid accounts (a prepaid one can never go below zero),
 * and a directional channel limit above the total one could never be reached.
 */
export function assertAccountTerms(terms: AccountTerms): void {
  if (terms.billingType === BillingType.Prepaid && !terms.creditLimit.isZero())
    throw new BadRequestError('a prepaid account has no credit limit: leave it at 0', 'creditLimit');
  for (const field of ['maxInboundChannels', 'maxOutboundChannels'] as const) {
    const limit = terms[field];
    if (limit !== null && terms.maxChannels !== null && limit > terms.maxChannels)
      throw new BadRequestError(`${field} may not exceed maxChannels (${terms.maxChannels})`, field);
  }
}
