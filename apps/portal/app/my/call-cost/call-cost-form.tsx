'use client';

import { useActionState } from 'react';
import { formatMoney } from '../../../lib/money';
import { Field, FormBanner } from '../../ui/form-controls';
import { SubmitButton } from '../../ui/submit-button';
import styles from '../../ui/ui.module.css';
import { type CallCostState, quoteCall } from './actions';

export function CallCostForm() {
  const [state, action] = useActionState<CallCostState, FormData>(quoteCall, {});
  const errors = state.errors?.fields ?? {};
  const quote = state.quote;
  return (
    <div className={styles.twoColumns}>
      <form action={action} className={styles.card} noValidate>
        <FormBanner errors={state.errors} />
        <Field
          name="destination"
          label="Number to call"
          inputMode="tel"
          placeholder="+44 20 7946 0000"
          defaultValue={state.values?.destination}
          error={errors.destination}
          required
        />
        <div className={styles.formGrid}>
          <Field
            name="minutes"
            label="Minutes"
            inputMode="numeric"
            defaultValue={state.values?.minutes ?? '5'}
          />
          <Field
            name="seconds"
            label="Seconds"
            inputMode="numeric"
            defaultValue={state.values?.seconds ?? '0'}
            error={errors.durationSeconds}
          />
        </div>
        <SubmitButton pending="Pricing…">What will it cost?</SubmitButton>
      </form>
      <section className={styles.card} aria-live="polite" aria-labelledby="quote-heading">
        <h2 id="quote-heading">Price</h2>
        {quote ? (
          <>
            <p style={{ fontSize: '2rem', fontWeight: 700, margin: '0 0 0.5rem' }} data-testid="quote-total">
              {formatMoney(quote.total, quote.currency, 6)}
            </p>
            <dl className={styles.details}>
              <dt>Destination</dt>
              <dd>
                +{quote.destination} ({quote.rate.destination ?? `prefix ${quote.rate.prefix}`})
              </dd>
              <dt>Rate</dt>
              <dd>{formatMoney(quote.rate.pricePerMinute, quote.currency, 6)} per minute</dd>
              <dt>Billing</dt>
              <dd>
                first {quote.rate.firstInterval} s, then per {quote.rate.nextInterval} s ·{' '}
                {quote.billedSeconds} s billed
              </dd>
              {quote.connectFee !== '0' ? (
                <>
                  <dt>Connect fee</dt>
                  <dd>{formatMoney(quote.connectFee, quote.currency, 6)}</dd>
                </>
              ) : null}
            </dl>
          </>
        ) : (
          <p style={{ color: 'var(--muted)' }}>Enter a number and a duration to see the price of the call.</p>
        )}
      </section>
    </div>
  );
}
