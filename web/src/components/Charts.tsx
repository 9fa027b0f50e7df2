/**
 * Small inline SVG charts (no chart library; CSP-safe: presentation by CSS classes, no inline styles).
 * Each chart is an image with a title and a description for assistive technology, and the page always
 * shows the same numbers in a table beside it, so nothing is carried by the picture alone.
 * Components hold no English: every word comes from the caller.
 */

export interface ChartBand {
  /** Value range the band covers (drawn from `from` to `to`). */
  from: number;
  to: number;
  label: string;
  tone: 'green' | 'yellow' | 'red';
}

export interface LinePoint {
  key: string;
  /** Position on the x axis (a day number or an index). */
  x: number;
  xLabel: string;
  y: number;
  yLabel: string;
}

const WIDTH = 680;

function scale(value: number, [d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): number {
  if (d1 === d0) return (r0 + r1) / 2;
  return r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/** A line chart over shaded bands (the SDQ total difficulties 0–13 / 14–16 / 17–40). */
export function BandedLineChart({
  id,
  title,
  description,
  points,
  yMax,
  yTicks,
  bands,
}: {
  id: string;
  title: string;
  description: string;
  points: readonly LinePoint[];
  yMax: number;
  yTicks: readonly number[];
  bands: readonly ChartBand[];
}) {
  const height = 340;
  const margin = { top: 20, right: 200, bottom: 56, left: 48 };
  const plot = { left: margin.left, right: WIDTH - margin.right, top: margin.top, bottom: height - margin.bottom };
  const xs = points.map((p) => p.x);
  const xDomain: [number, number] = [Math.min(...xs), Math.max(...xs)];
  const xPos = (x: number) => scale(x, xDomain, [plot.left + 32, plot.right - 32]);
  const yPos = (y: number) => scale(y, [0, yMax], [plot.bottom, plot.top]);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${xPos(p.x).toFixed(1)} ${yPos(p.y).toFixed(1)}`).join(' ');
  // Label at most ~8 dates along the axis so they do not overlap; every point keeps its value label.
  const every = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure className="clasp-chart">
      <svg className="clasp-chart__svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} focusable="false">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bands.map((band) => (
          <g key={band.label}>
            <rect className={`clasp-chart__band clasp-chart__band--${band.tone}`} x={plot.left} width={plot.right - plot.left} y={yPos(band.to)} height={yPos(band.from) - yPos(band.to)} />
            <text className="clasp-chart__band-label" x={plot.right + 10} y={(yPos(band.from) + yPos(band.to)) / 2} dominantBaseline="middle">
              {band.label}
            </text>
          </g>
        ))}
        {yTicks.map((tick) => (
          <g key={tick}>
            <line className="clasp-chart__grid" x1={plot.left} x2={plot.right} y1={yPos(tick)} y2={yPos(tick)} />
            <text className="clasp-chart__tick" x={plot.left - 8} y={yPos(tick)} textAnchor="end" dominantBaseline="middle">
              {tick}
            </text>
          </g>
        ))}
        <line className="clasp-chart__axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        <line className="clasp-chart__axis" x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} />
        {points.length > 1 ? <path className="clasp-chart__line" d={path} /> : null}
        {points.map((p, i) => (
          <g key={p.key}>
            <circle className="clasp-chart__point" cx={xPos(p.x)} cy={yPos(p.y)} r={6} />
            <text className="clasp-chart__value" x={xPos(p.x)} y={yPos(p.y) - 12} textAnchor="middle">
              {p.yLabel}
            </text>
            {i % every === 0 || i === points.length - 1 ? (
              <text className="clasp-chart__tick" x={xPos(p.x)} y={plot.bottom + 22} textAnchor="middle">
                {p.xLabel}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
    </figure>
  );
}

export interface Bar {
  key: string;
  label: string;
  value: number;
  valueLabel: string;
  /** Drawn darker (the year being looked at). */
  highlight?: boolean;
}

/** A vertical bar chart, with an optional dashed reference line (an England average). */
export function BarChart({
  id,
  title,
  description,
  bars,
  max,
  reference,
}: {
  id: string;
  title: string;
  description: string;
  bars: readonly Bar[];
  max: number;
  reference?: { value: number; label: string } | null;
}) {
  const width = 460;
  const height = 260;
  const margin = { top: 28, right: reference ? 120 : 16, bottom: 44, left: 16 };
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  const slot = (plot.right - plot.left) / Math.max(1, bars.length);
  const barWidth = Math.min(72, slot * 0.6);
  const yPos = (v: number) => scale(Math.min(Math.max(v, 0), max), [0, max], [plot.bottom, plot.top]);
  return (
    <figure className="clasp-chart clasp-chart--bar">
      <svg className="clasp-chart__svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} focusable="false">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line className="clasp-chart__axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        {bars.map((bar, i) => {
          const cx = plot.left + slot * i + slot / 2;
          const top = yPos(bar.value);
          return (
            <g key={bar.key}>
              <rect className={bar.highlight ? 'clasp-chart__bar clasp-chart__bar--highlight' : 'clasp-chart__bar'} x={cx - barWidth / 2} width={barWidth} y={top} height={Math.max(0, plot.bottom - top)} />
              <text className="clasp-chart__value" x={cx} y={top - 8} textAnchor="middle">
                {bar.valueLabel}
              </text>
              <text className="clasp-chart__tick" x={cx} y={plot.bottom + 22} textAnchor="middle">
                {bar.label}
              </text>
            </g>
          );
        })}
        {reference ? (
          <g>
            <line className="clasp-chart__reference" x1={plot.left} x2={plot.right} y1={yPos(reference.value)} y2={yPos(reference.value)} />
            <text className="clasp-chart__reference-label" x={plot.right + 8} y={yPos(reference.value)} dominantBaseline="middle">
              {reference.label}
            </text>
          </g>
        ) : null}
      </svg>
    </figure>
  );
}
