import type { components } from '@tollgate/sdk';
import Link from 'next/link';
import styles from './dashboard.module.css';

type Figures = components['schemas']['DashboardFiguresDto'];

interface Figure {
  key: string;
  label: string;
  value: number;
  /** The second figure, e.g. "2 active of 8". */
  detail?: string;
  href?: string;
}

/** The SWITCHware panel: what the caller's subtree holds, and the calls up now. */
export function FigurePanel({ figures, area }: { figures: Figures; area: string }) {
  const base = `/${area}`;
  const items: Figure[] = [
    {
      key: 'calls',
      label: 'Calls now',
      value: figures.calls.total,
      href: `${base}/live-calls`,
      detail: `${figures.calls.outbound} outbound · ${figures.calls.inbound} inbound`,
    },
    { key: 'subscribers', label: 'Subscribers', value: figures.subscribers, href: `${base}/accounts` },
    { key: 'lines', label: 'Lines', value: figures.lines, href: `${base}/lines` },
    { key: 'dids', label: 'DIDs', value: figures.dids.total, detail: `${figures.dids.assigned} assigned` },
    { key: 'domains', label: 'Domains', value: figures.domains },
    {
      key: 'servicePlans',
      label: 'Service plans',
      value: figures.servicePlans.total,
      detail: `${figures.servicePlans.active} active`,
    },
    {
      key: 'rateCards',
      label: 'Rate cards',
      value: figures.rateCards.total,
      detail: `${figures.rateCards.active} active`,
    },
    { key: 'vendors', label: 'Vendors', value: figures.vendors },
    {
      key: 'administrators',
      label: 'Administrators',
      value: figures.administrators,
      href: `${base}/administrators`,
    },
    { key: 'bannedIps', label: 'Banned IPs', value: figures.bannedIps, href: `${base}/banned-ips` },
  ];
  return (
    <section aria-labelledby="figures-heading" className={styles.figuresSection}>
      <h2 id="figures-heading" className="visually-hidden">
        Figures
      </h2>
      <dl className={styles.figures}>
        {items.map((item) => (
          <div key={item.key} className={styles.figure} data-figure={item.key}>
            <dt>{item.href ? <Link href={item.href}>{item.label}</Link> : item.label}</dt>
            <dd>
              <span className={styles.figureValue} data-figure-value={item.value}>
                {item.value.toLocaleString('en-GB')}
              </span>
              {item.detail ? <span className={styles.figureDetail}>{item.detail}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      <p className={styles.muted}>
        Read {new Date(figures.at).toLocaleTimeString('en-GB', { timeZone: 'UTC' })} UTC.
      </p>
    </section>
  );
}
