import type { components, TollgateClient } from '@tollgate/sdk';
import Link from 'next/link';
import { bucketLabel, PERIODS, type PeriodKey, seriesRange } from '../../../lib/dashboard-periods';
import { sumDecimals } from '../../../lib/decimal';
import { formatMoney } from '../../../lib/money';
import { mustRead } from '../../../lib/session';
import { TimeChart } from '../../ui/charts/time-chart';
import { EmptyState } from '../../ui/states';
import { Money } from '../../ui/money';
import styles from './dashboard.module.css';

type Series = components['schemas']['DashboardSeriesDto']['series'][number];

const count = new Intl.NumberFormat('en-GB');
const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 2 });

/**
 * Traffic and money of the chosen period from GET /dashboard/series. The API's decimal strings become
 * numbers only to place bars and points; every figure shown as text (totals, tooltips, the tables) is the
 * API's exact value or an exact sum of them.
 */
export async function SeriesCharts({
  client,
  period,
  area,
}: {
  client: TollgateClient;
  period: PeriodKey;
  area: string;
}) {
  const range = seriesRange(period, new Date());
  const answer = await mustRead(client.GET('/dashboard/series', { params: { query: range } }));
  const labels = answer.buckets.map((bucket) => bucketLabel(bucket, answer.granularity));
  const bucketIndexes = answer.buckets.map((_, index) => index);
  const callsPerBucket = bucketIndexes.map((index) =>
    answer.series.reduce((sum, series) => sum + (series.calls[index] ?? 0), 0),
  );
  const answeredPerBucket = bucketIndexes.map((index) =>
    answer.series.reduce((sum, series) => sum + (series.answeredCalls[index] ?? 0), 0),
  );
  const minutesPerBucket = bucketIndexes.map((index) =>
    sumDecimals(answer.series.map((series) => series.minutes[index] ?? '0')),
  );
  return (
    <section aria-labelledby="traffic-heading" className={styles.panel}>
      <div className={styles.panelHeader}>
        <h2 id="traffic-heading">Traffic and money</h2>
        <nav aria-label="Period" className={styles.periods}>
          {(Object.keys(PERIODS) as PeriodKey[]).map((key) => (
            <Link
              key={key}
              href={key === '30d' ? `/${area}` : `/${area}?period=${key}`}
              aria-current={key === period ? 'true' : undefined}
              className={styles.period}
            >
              {PERIODS[key].label}
            </Link>
          ))}
        </nav>
      </div>
      {answer.series.length === 0 ? (
        <EmptyState title="No calls in this period">
          <p>Calls, minutes and money appear here a few seconds after their CDRs are written.</p>
        </EmptyState>
      ) : (
        <>
          <Totals series={answer.series} />
          <div className={styles.charts}>
            <TimeChart
              id="calls"
              title="Calls"
              summary={`${count.format(sum(callsPerBucket))} calls, ${count.format(sum(answeredPerBucket))} answered, ${PERIODS[period].label.toLowerCase()}`}
              labels={labels}
              kind="bars"
              formatTick={(value) => compact.format(value)}
              series={[
                { name: 'Calls', tone: 'one', values: callsPerBucket, display: callsPerBucket.map(String) },
                {
                  name: 'Answered',
                  tone: 'two',
                  values: answeredPerBucket,
                  display: answeredPerBucket.map(String),
                },
              ]}
            />
            <TimeChart
              id="minutes"
              title="Billed minutes"
              summary={`${sumDecimals(minutesPerBucket)} minutes, ${PERIODS[period].label.toLowerCase()}`}
              labels={labels}
              kind="bars"
              formatTick={(value) => compact.format(value)}
              series={[
                {
                  name: 'Minutes',
                  tone: 'one',
                  values: minutesPerBucket.map(Number),
                  display: minutesPerBucket,
                },
              ]}
            />
            {answer.series.map((series) => (
              <MoneyChart key={series.currency} series={series} labels={labels} period={period} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function MoneyChart({ series, labels, period }: { series: Series; labels: string[]; period: PeriodKey }) {
  const { currency } = series;
  const money = (values: string[]) => values.map((value) => formatMoney(value, currency));
  const tick = new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 2,
  });
  return (
    <TimeChart
      id={`money-${currency}`}
      title={`Revenue, cost and margin (${currency})`}
      summary={`revenue ${formatMoney(sumDecimals(series.revenue), currency)}, cost ${formatMoney(sumDecimals(series.cost), currency)}, margin ${formatMoney(sumDecimals(series.margin), currency)}, ${PERIODS[period].label.toLowerCase()}`}
      labels={labels}
      kind="lines"
      formatTick={(value) => tick.format(value)}
      series={[
        { name: 'Revenue', tone: 'one', values: series.revenue.map(Number), display: money(series.revenue) },
        { name: 'Cost', tone: 'two', values: series.cost.map(Number), display: money(series.cost) },
        { name: 'Margin', tone: 'three', values: series.margin.map(Number), display: money(series.margin) },
      ]}
    />
  );
}

/** The period's totals per currency, exact. */
function Totals({ series }: { series: Series[] }) {
  return (
    <div className={styles.totalsWrap}>
      <table className={styles.totals}>
        <caption className="visually-hidden">Totals of the period</caption>
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col" className="num">
              Calls
            </th>
            <th scope="col" className="num">
              Answered
            </th>
            <th scope="col" className="num">
              Minutes
            </th>
            <th scope="col" className="num">
              Revenue
            </th>
            <th scope="col" className="num">
              Cost
            </th>
            <th scope="col" className="num">
              Margin
            </th>
          </tr>
        </thead>
        <tbody>
          {series.map((row) => (
            <tr key={row.currency} data-currency={row.currency}>
              <th scope="row">{row.currency}</th>
              <td className="num">{count.format(sum(row.calls))}</td>
              <td className="num">{count.format(sum(row.answeredCalls))}</td>
              <td className="num">{sumDecimals(row.minutes)}</td>
              <td className="num" data-total="revenue">
                <Money amount={sumDecimals(row.revenue)} currency={row.currency} />
              </td>
              <td className="num" data-total="cost">
                <Money amount={sumDecimals(row.cost)} currency={row.currency} />
              </td>
              <td className="num" data-total="margin">
                <Money amount={sumDecimals(row.margin)} currency={row.currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {series.some((row) => sum(row.incompleteCalls) > 0) ? (
        <p className={styles.muted}>
          Some calls lack a sale or a cost price (unrated, or a cost in another currency): they count in calls
          and minutes but not in the margin.
        </p>
      ) : null}
    </div>
  );
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
