import type { RateCardState } from '../../../lib/rate-card-state';
import { StatusBadge } from '../../ui/status-badge';
import { formatInstant } from './format';

/** Active (rates in force), scheduled (rates start later) or without rates; and a change to come. */
export function CardState({ state }: { state: RateCardState | null }) {
  if (!state) return <span>—</span>;
  if (state.state === 'empty') return <StatusBadge status="no_rates" />;
  return (
    <>
      <StatusBadge status={state.state} />
      {state.nextChangeAt ? (
        <span style={{ color: 'var(--muted)' }}> changes from {formatInstant(state.nextChangeAt)}</span>
      ) : null}
    </>
  );
}
