// A server-rendered line chart over months: a few series on one scale, each line drawn differently (not by colour alone).

export type Series = {
  label: string;
  /** One value per x label; null leaves a gap. */
  values: Array<number | null>;
  /** Line style: solid, dashed or dotted, so the legend works without colour. */
  style: 'solid' | 'dashed' | 'dotted';
};

const W = 320;
const H = 140;
const PAD = { left: 26, right: 8, top: 8, bottom: 22 };

/**
 * An image with a title and a description carrying every value; the page shows the same figures in a
 * table. The y axis runs from 0 to `max`, labelled at 0, the middle and `max`; the x axis names the
 * first and the last of `xLabels`.
 */
export function LineChart(p: { id: string; title: string; xLabels: string[]; series: Series[]; max: number; legend?: boolean }) {
  const max = Math.max(1, p.max);
  const n = p.xLabels.length;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : (i / (n - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const desc = p.series.map((s) => `${s.label}: ${s.values.map((v, i) => `${p.xLabels[i]} ${v ?? '–'}`).join(', ')}`).join('; ');
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  const path = (values: Array<number | null>) => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) return void (pen = false);
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      pen = true;
    });
    return d.trim();
  };
  return (
    <figure class="line-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${p.id}-title ${p.id}-desc`} class="line-chart-svg">
        <title id={`${p.id}-title`}>{p.title}</title>
        <desc id={`${p.id}-desc`}>{desc}</desc>
        {ticks.map((v) => (
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} class="line-chart-grid" />
            <text x={PAD.left - 4} y={y(v) + 4} class="line-chart-tick" text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        {n > 0 && (
          <g>
            <text x={x(0)} y={H - 6} class="line-chart-tick">
              {p.xLabels[0]}
            </text>
            <text x={x(n - 1)} y={H - 6} class="line-chart-tick" text-anchor="end">
              {p.xLabels[n - 1]}
            </text>
          </g>
        )}
        {p.series.map((s, k) => (
          <g class={`line-chart-series s${k} ${s.style}`}>
            <path d={path(s.values)} class="line-chart-line" />
            {s.values.map((v, i) => (v === null ? null : <circle cx={x(i)} cy={y(v)} r={2} class="line-chart-dot" />))}
          </g>
        ))}
      </svg>
      {p.legend !== false && (
        <figcaption class="line-chart-legend">
          {p.series.map((s, k) => (
            <span class={`line-chart-key s${k} ${s.style}`}>{s.label}</span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
