'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState, useTransition } from 'react';
import type { LiveBoard, LiveCall } from '../../../lib/live-calls';
import { formatMoney } from '../../../lib/money';
import { EmptyState } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import { killCall } from './actions';
import { TerminateAllButton } from './terminate-all-button';

const POLL_MS = 2000;

/** Live calls, read again every two seconds: running cost, what is reserved, each call's duration. */
export function LiveCallsBoard({ initial, area }: { initial: LiveBoard; area: string }) {
  const [board, setBoard] = useState(initial);
  const [problem, setProblem] = useState('');
  const [now, setNow] = useState(() => Date.now());

  const refresh = useCallback(async () => {
    try {
      const response = await fetch('/live-calls-feed', { cache: 'no-store' });
      if (response.status === 401) {
        window.location.assign('/session-expired');
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      setBoard((await response.json()) as LiveBoard);
      setProblem('');
    } catch {
      setProblem('Live data is not updating: the platform does not answer. Retrying…');
    }
  }, []);

  useEffect(() => {
    const poll = setInterval(refresh, POLL_MS);
    const clock = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearInterval(poll);
      clearInterval(clock);
    };
  }, [refresh]);

  const calls = board.accounts.reduce((sum, account) => sum + account.calls, 0);
  return (
    <>
      <p aria-live="off" style={{ color: 'var(--muted)' }}>
        {calls} call{calls === 1 ? '' : 's'} on {board.accounts.length} account
        {board.accounts.length === 1 ? '' : 's'} · updated{' '}
        {new Date(board.readAt).toLocaleTimeString('en-GB')}
      </p>
      {problem ? (
        <div className={styles.banner} role="status">
          {problem}
        </div>
      ) : null}
      {board.accounts.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title="No calls right now">
            <p>Calls appear here as soon as they are authorized, and leave when they end.</p>
          </EmptyState>
        </div>
      ) : (
        board.accounts.map((account) => (
          <section
            key={account.accountId}
            className={styles.card}
            aria-label={`Live calls of ${account.code}`}
          >
            <div className={styles.pageHeader} style={{ marginBottom: '0.75rem' }}>
              <div>
                <h2>
                  <Link href={`/${area}/accounts/${account.accountId}`}>{account.code}</Link> · {account.name}
                </h2>
                <p>
                  Running cost{' '}
                  <strong data-testid="running-cost">
                    {formatMoney(account.consumed, account.currency)}
                  </strong>{' '}
                  · reserved {formatMoney(account.reserved, account.currency)} · still available{' '}
                  {formatMoney(account.available, account.currency)}
                </p>
              </div>
              <TerminateAllButton accountId={account.accountId} label={account.code} />
            </div>
            <CallsTable
              calls={account.callList}
              accountId={account.accountId}
              currency={account.currency}
              now={now}
              onChange={refresh}
            />
          </section>
        ))
      )}
    </>
  );
}

function CallsTable({
  calls,
  accountId,
  currency,
  now,
  onChange,
}: {
  calls: LiveCall[];
  accountId: string;
  currency: string;
  now: number;
  onChange: () => void;
}) {
  if (calls.length === 0) return null;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Call</th>
            <th scope="col">From → to</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Reserved
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr key={call.callId}>
              <td className="mono" title={call.callId}>
                {call.callId.length > 24 ? `${call.callId.slice(0, 22)}…` : call.callId}
              </td>
              <td>
                {call.callerNumber ?? '—'} → {call.destination ?? '—'}
              </td>
              <td>{call.state === 'active' ? 'answered' : 'ringing'}</td>
              <td className="num">{call.answeredAt ? duration(now - Date.parse(call.answeredAt)) : '—'}</td>
              <td className="num">{formatMoney(call.reserved, currency)}</td>
              <td>
                <KillButton accountId={accountId} callId={call.callId} onDone={onChange} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function KillButton({
  accountId,
  callId,
  onDone,
}: {
  accountId: string;
  callId: string;
  onDone: () => void;
}) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState('');
  return (
    <span className={styles.copyRow}>
      <button
        type="button"
        className={styles.buttonSecondary}
        disabled={pending}
        aria-label={`End call ${callId}`}
        onClick={() =>
          start(async () => {
            setMessage((await killCall(accountId, callId)).message);
            onDone();
          })
        }
      >
        {pending ? 'Ending…' : 'End call'}
      </button>
      <span role="status" className="visually-hidden">
        {message}
      </span>
    </span>
  );
}

function duration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
