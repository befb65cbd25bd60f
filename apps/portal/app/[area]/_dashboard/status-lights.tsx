'use client';

import { useEffect, useState } from 'react';
import styles from './dashboard.module.css';
import type { SystemStatus } from './system-status';

const POLL_MS = 5000;

type Light = 'up' | 'late' | 'down' | 'unknown';

const LIGHT_WORDS: Record<Light, string> = {
  up: 'up',
  late: 'late',
  down: 'down',
  unknown: 'not configured',
};

/** The platform's health, read again every five seconds: one light per part, each with its word. */
export function StatusLights({ initial }: { initial: SystemStatus | null }) {
  const [status, setStatus] = useState(initial);
  const [problem, setProblem] = useState(initial ? '' : 'The platform did not report its health.');

  useEffect(() => {
    const poll = setInterval(async () => {
      try {
        const response = await fetch('/dashboard-status-feed', { cache: 'no-store' });
        if (response.status === 401) {
          window.location.assign('/session-expired');
          return;
        }
        if (!response.ok) throw new Error(String(response.status));
        setStatus((await response.json()) as SystemStatus);
        setProblem('');
      } catch {
        setProblem('The status is not updating: the platform does not answer. Retrying…');
      }
    }, POLL_MS);
    return () => clearInterval(poll);
  }, []);

  return (
    <section className={styles.panel} aria-labelledby="system-status-heading" data-testid="system-status">
      <div className={styles.panelHeader}>
        <h2 id="system-status-heading">System status</h2>
        {status ? (
          <span className={styles.muted}>
            checked {new Date(status.at).toLocaleTimeString('en-GB', { timeZone: 'UTC' })} UTC · every 5 s
          </span>
        ) : null}
      </div>
      {problem ? (
        <p className={styles.warning} role="status">
          {problem}
        </p>
      ) : null}
      {status ? (
        <>
          <ul className={styles.lights}>
            <StatusLight
              name="PostgreSQL"
              light={status.postgres.status}
              detail={detail(status.postgres.latencyMs, status.postgres.error)}
            />
            <StatusLight
              name="Redis"
              light={status.redis.status}
              detail={detail(status.redis.latencyMs, status.redis.error)}
            />
            <StatusLight
              name="Kamailio RPC"
              light={status.kamailio.status}
              detail={
                status.kamailio.status === 'unknown'
                  ? 'no KAMAILIO_RPC_URL'
                  : detail(status.kamailio.latencyMs, status.kamailio.error, status.kamailio.version)
              }
            />
            {status.workers.length === 0 ? (
              <StatusLight name="Workers" light="down" detail="none is running" />
            ) : (
              status.workers.map((worker) => (
                <StatusLight
                  key={`${worker.kind}:${worker.instance}`}
                  name={`${worker.kind} ${worker.instance}`}
                  light={worker.status}
                  detail={`last heartbeat ${worker.secondsSinceHeartbeat} s ago`}
                />
              ))
            )}
          </ul>
          <QueueTable queues={status.queues} />
        </>
      ) : null}
    </section>
  );
}

function StatusLight({ name, light, detail }: { name: string; light: Light; detail: string }) {
  return (
    <li className={styles.light} data-light={light}>
      <span className={`${styles.dot} ${styles[light]}`} aria-hidden="true" />
      <span>
        <strong>{name}</strong> <span className={styles.lightWord}>{LIGHT_WORDS[light]}</span>
        <span className={styles.lightDetail}>{detail}</span>
      </span>
    </li>
  );
}

function detail(latencyMs: number | null, error: string | null, version?: string | null): string {
  if (error) return error;
  return [version, latencyMs === null ? null : `${latencyMs} ms`].filter(Boolean).join(' · ');
}

function QueueTable({ queues }: { queues: SystemStatus['queues'] }) {
  if (queues.length === 0)
    return <p className={styles.muted}>Queue depths are unknown: Redis did not answer.</p>;
  return (
    <div className={styles.queueWrap}>
      <table className={styles.queues}>
        <caption>Queues</caption>
        <thead>
          <tr>
            <th scope="col">Queue</th>
            <th scope="col" className="num">
              Waiting
            </th>
            <th scope="col" className="num">
              Active
            </th>
            <th scope="col" className="num">
              Delayed
            </th>
            <th scope="col" className="num">
              Failed
            </th>
            <th scope="col" className="num">
              Oldest wait
            </th>
          </tr>
        </thead>
        <tbody>
          {queues.map((queue) => (
            <tr key={queue.name}>
              <th scope="row" className="mono">
                {queue.name}
              </th>
              <td className="num">{queue.waiting}</td>
              <td className="num">{queue.active}</td>
              <td className="num">{queue.delayed}</td>
              <td className={queue.failed > 0 ? `num ${styles.bad}` : 'num'}>{queue.failed}</td>
              <td className="num">
                {queue.oldestWaitingSeconds === null ? '—' : `${queue.oldestWaitingSeconds} s`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
