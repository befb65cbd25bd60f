import styles from './charts.module.css';

export interface ChartSeries {
  name: string;
  /** For drawing only: the API's exact values are in `display`. */
  values: number[];
  /** What is shown for each value (in the data table and the tooltips): exact text, already formatted. */
  display: string[];
  /** A CSS colour class of charts.module.css: one, two or three. */
  tone: 'one' | 'two' | 'three';
}

// Chart units: the SVG scales to its box, so these are proportions, and about as wide as a chart is shown.
const WIDTH = 480;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 32, left: 56 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/**
 * A chart over time drawn as inline SVG on the server: bars for one series, lines for several. The
 * picture is described in one sentence for screen readers, and the figures it draws are in a table
 * below it (exact, as the API gave them), for everyone who needs the numbers rather than the shape.
 */
export function TimeChart({
  id,
  title,
  summary,
  labels,
  series,
  kind,
  formatTick,
}: {
  id: string;
  title: string;
  summary: string;
  /** One label per bucket. */
  labels: string[];
  series: ChartSeries[];
  kind: 'bars' | 'lines';
  formatTick: (value: number) => string;
}) {
  const all = series.flatMap((s) => s.values);
  const ticks = niceTicks(Math.min(0, ...all), Math.max(0, ...all));
  const low = ticks[0] ?? 0;
  const high = ticks.at(-1) ?? 1;
  const y = (value: number) => PAD.top + PLOT_H - ((value - low) / (high - low)) * PLOT_H;
  const slot = PLOT_W / Math.max(1, labels.length);
  const x = (index: number) => PAD.left + slot * index + slot / 2;
  const labelEvery = Math.max(1, Math.ceil(labels.length / 6));
  return (
    <figure className={styles.figure} data-chart={id}>
      <figcaption className={styles.caption}>
        <span className={styles.title}>{title}</span>
        {series.length > 1 ? (
          <span className={styles.legend} aria-hidden="true">
            {series.map((s) => (
              <span key={s.name} className={styles.legendItem}>
                <span className={`${styles.swatch} ${styles[s.tone]}`} />
                {s.name}
              </span>
            ))}
          </span>
        ) : null}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className={styles.svg}
        role="img"
        aria-label={`${title}: ${summary}`}
      >
        {ticks.map((tick) => (
          <g key={tick} className={styles.grid}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text x={PAD.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
              {formatTick(tick)}
            </text>
          </g>
        ))}
        {labels.map((label, index) =>
          index % labelEvery === 0 ? (
            <text key={index} className={styles.axis} x={x(index)} y={HEIGHT - 8} textAnchor="middle">
              {label}
            </text>
          ) : null,
        )}
        {kind === 'bars'
          ? series.map((s, position) =>
              s.values.map((value, index) => {
                const width = Math.max(1, (slot * 0.7) / series.length);
                const left = x(index) - (slot * 0.7) / 2 + width * position;
                const top = Math.min(y(value), y(0));
                return (
                  <rect
                    key={`${s.name}-${index}`}
                    className={styles[s.tone]}
                    x={left}
                    y={top}
                    width={width}
                    height={Math.max(value === 0 ? 0 : 1, Math.abs(y(0) - y(value)))}
                  >
                    <title>{`${labels[index]} · ${s.name}: ${s.display[index]}`}</title>
                  </rect>
                );
              }),
            )
          : series.map((s) => (
              <g key={s.name} className={`${styles.line} ${styles[s.tone]}`}>
                <polyline points={s.values.map((value, index) => `${x(index)},${y(value)}`).join(' ')} />
                {s.values.map((value, index) => (
                  <circle key={index} cx={x(index)} cy={y(value)} r={labels.length > 40 ? 1.5 : 3}>
                    <title>{`${labels[index]} · ${s.name}: ${s.display[index]}`}</title>
                  </circle>
                ))}
              </g>
            ))}
        {low < 0 ? (
          <line className={styles.zero} x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
        ) : null}
      </svg>
      <details className={styles.data}>
        <summary>Figures of this chart</summary>
        <div className={styles.tableWrap}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                {series.map((s) => (
                  <th key={s.name} scope="col" className="num">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, index) => (
                <tr key={index}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.name} className="num">
                      {s.display[index]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Round gridline values covering [low, high]: 1, 2 or 5 times a power of ten apart, about four steps. */
export function niceTicks(low: number, high: number): number[] {
  if (high - low <= 0) return [0, 1];
  const rough = (high - low) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!;
  const first = Math.floor(low / step) * step;
  const ticks: number[] = [];
  for (let value = first; value < high + step / 2; value += step) ticks.push(Number(value.toPrecision(12)));
  if (ticks.at(-1)! < high) ticks.push(Number((ticks.at(-1)! + step).toPrecision(12)));
  return ticks;
}
