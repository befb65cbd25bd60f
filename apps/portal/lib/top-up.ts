import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from './api-errors';

/** What a top-up form shows after a submission. */
export interface TopUpState {
  errors?: FormErrors;
  values?: { amount: string; reference: string; description: string };
  /** The amount credited, as the API answered it. */
  credited?: string;
  /** The key of the form's next submission: the same after a refusal (nothing was written), a new one after a credit. */
  nextKey?: string;
}

/** The body of `POST /accounts/{id}/top-ups` and `POST /resellers/{id}/top-ups`. */
export interface TopUpBody {
  amount: string;
  idempotencyKey: string;
  reference?: string;
  description?: string;
}

interface TopUpAnswer {
  data?: { amount: string };
  error?: unknown;
  response: Response;
}

/**
 * Credits the payment a top-up form describes, with `post` (the account's or the reseller's route). The
 * idempotency key comes with the form when it is drawn, so a double click or a resubmitted form credits
 * once (the API answers a replay with the first entry and changes nothing).
 */
export async function postTopUp(
  form: FormData,
  post: (body: TopUpBody) => Promise<TopUpAnswer>,
): Promise<TopUpState> {
  const key = String(form.get('idempotencyKey') ?? '');
  const values = {
    amount: String(form.get('amount') ?? '').trim(),
    reference: String(form.get('reference') ?? '').trim(),
    description: String(form.get('description') ?? '').trim(),
  };
  const { data, error, response } = await post({
    amount: values.amount,
    idempotencyKey: key,
    ...(values.reference ? { reference: values.reference } : {}),
    ...(values.description ? { description: values.description } : {}),
  });
  if (response.status === 401) redirect('/session-expired');
  if (!data) {
    const errors = formErrorsOf(error, response.status);
    if (response.status === 403)
      errors.message = 'Your login may not post money: ask a billing or admin user.';
    return { errors, values, nextKey: key };
  }
  return { credited: data.amount, nextKey: randomUUID() };
}
