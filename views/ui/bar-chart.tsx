// A server-rendered horizontal bar chart: one labelled bar per row, its value printed beside it, readable at 360 px.

export type Bar = {
  label: string;
  value: number;
  /** What is printed beside the bar and read out (e.g. "7 / 9 (78%)"). */
  text: string;
  /** Drawn darker; the label must say why too (colour is never the only sign). */
  mark?: boolean;
};

const W = 320;
const ROW = 32;
const BAR_H = 11;
/** The longest bar; the value is printed in the rest of the width. */
const BAR_W = 230;
const short = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/**
 * Labels sit above their bars rather than beside them, so long area names keep the bar's full width
 * on a phone. The chart is an image with a title and a description that carries every number; the page
 * shows the same figures in a table.
 */
export function BarChart(p: { id: string; title: string; bars: Bar[]; max: number }) {
  const max = Math.max(1, p.max);
  const height = p.bars.length * ROW + 4;
  const desc = p.bars.map((b) => `${b.label}: ${b.text}`).join('; ');
  return (
    <figure class="bar-chart">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-labelledby={`${p.id}-title ${p.id}-desc`} class="bar-chart-svg">
        <title id={`${p.id}-title`}>{p.title}</title>
        <desc id={`${p.id}-desc`}>{desc}</desc>
        {p.bars.map((b, i) => {
          const y = i * ROW;
          const width = Math.round((b.value / max) * BAR_W);
          return (
            <g>
              <text x={0} y={y + 12} class="bar-chart-label">
                {short(b.label, 44)}
              </text>
              <rect x={0} y={y + 16} width={BAR_W} height={BAR_H} rx={3} class="bar-chart-track" />
              <rect x={0} y={y + 16} width={width} height={BAR_H} rx={3} class={b.mark ? 'bar-chart-bar mark' : 'bar-chart-bar'} />
              <text x={BAR_W + 8} y={y + 26} class="bar-chart-value">
                {b.text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
