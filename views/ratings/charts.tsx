// Server-rendered SVG charts of the stat card: the radar of levels and the per-area level sparkline.
import { formatDate, t } from '../i18n/index.ts';

/** The effective level from a moment on (null: no level any more). */
export type LevelPoint = { at: number; level: number | null };

export type RadarAxis = { name: string; self: number | null; manager: number | null; effective: number | null };

const MAX = 5;
const R = 125;
const CX = 300;
const CY = 165;
const round = (n: number) => Math.round(n * 10) / 10;

/** The point of value `v` (0–5) on axis `i` of `n`. */
function at(i: number, n: number, v: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  return [round(CX + Math.cos(angle) * R * (v / MAX)), round(CY + Math.sin(angle) * R * (v / MAX))];
}

const polygon = (values: Array<number | null>) => values.map((v, i) => at(i, values.length, v ?? 0).join(',')).join(' ');

/**
 * Shortens long area names for axis labels; the full name is in the table and the SVG description.
 * Two lengths are drawn and the stylesheet shows the one that fits the screen (bigger, shorter on phones).
 */
const short = (name: string, max: number) => (name.length > max ? `${name.slice(0, max - 1).trimEnd()}…` : name);

/**
 * Series that differ in more than colour: the effective level is a filled area with a solid edge, the
 * self level a dashed line with round points, manager calibrations square points (only where one exists,
 * since an uncalibrated area has no manager level to draw).
 */
const DASH_SELF = '6 4';
const SQUARE = 8;
export function Radar(p: { axes: RadarAxis[]; title: string }) {
  const n = p.axes.length;
  if (n < 3) return <p class="muted">{t('card.radarTooFew')}</p>;
  const desc = p.axes
    .map((a) => `${a.name}: ${a.effective ?? t('rating.notSet')} (${t('card.radarLegendSelf')} ${a.self ?? '–'}, ${t('card.radarLegendManager')} ${a.manager ?? '–'})`)
    .join('; ');
  return (
    <figure class="radar">
      <svg viewBox="0 0 600 330" role="img" aria-labelledby="radar-title radar-desc" class="radar-svg">
        <title id="radar-title">{p.title}</title>
        <desc id="radar-desc">{desc}</desc>
        {[1, 2, 3, 4, 5].map((l) => (
          <polygon points={polygon(p.axes.map(() => l))} class={l === 4 ? 'radar-ring expert' : 'radar-ring'} />
        ))}
        {p.axes.map((_, i) => {
          const [x, y] = at(i, n, MAX);
          return <line x1={CX} y1={CY} x2={x} y2={y} class="radar-axis" />;
        })}
        {[1, 3, 5].map((l) => {
          const [x, y] = at(0, n, l);
          return (
            <text x={x + 4} y={y + 4} class="radar-tick">
              {l}
            </text>
          );
        })}
        <polygon points={polygon(p.axes.map((a) => a.effective))} class="radar-effective" />
        {p.axes.some((a) => a.self !== null) && <polygon points={polygon(p.axes.map((a) => a.self))} class="radar-self" stroke-dasharray={DASH_SELF} />}
        {p.axes.map((a, i) => a.self !== null && <circle cx={at(i, n, a.self)[0]} cy={at(i, n, a.self)[1]} r={3.5} class="radar-self-point" />)}
        {p.axes.map(
          (a, i) =>
            a.manager !== null && <rect x={at(i, n, a.manager)[0] - SQUARE / 2} y={at(i, n, a.manager)[1] - SQUARE / 2} width={SQUARE} height={SQUARE} class="radar-manager-point" />,
        )}
        {p.axes.map((a, i) => {
          const [x, y] = at(i, n, MAX + 0.45);
          const anchor = Math.abs(x - CX) < 8 ? 'middle' : x > CX ? 'start' : 'end';
          return (
            <>
              <text x={x} y={y + 4} text-anchor={anchor} class="radar-label long">
                <title>{a.name}</title>
                {short(a.name, 26)}
              </text>
              <text x={x} y={y + 5} text-anchor={anchor} class="radar-label short">
                <title>{a.name}</title>
                {short(a.name, 16)}
              </text>
            </>
          );
        })}
      </svg>
      <figcaption>
        <ul class="radar-legend">
          <li>
            <svg width="34" height="14" aria-hidden="true">
              <line x1="2" y1="7" x2="32" y2="7" class="radar-effective-line" />
            </svg>
            {t('card.radarLegendEffective')}
          </li>
          <li>
            <svg width="34" height="14" aria-hidden="true">
              <line x1="2" y1="7" x2="32" y2="7" class="radar-self" stroke-dasharray={DASH_SELF} />
              <circle cx="17" cy="7" r="3.5" class="radar-self-point" />
            </svg>
            {t('card.radarLegendSelf')}
          </li>
          <li>
            <svg width="34" height="14" aria-hidden="true">
              <rect x={17 - SQUARE / 2} y={7 - SQUARE / 2} width={SQUARE} height={SQUARE} class="radar-manager-point" />
            </svg>
            {t('card.radarLegendManager')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

const W = 120;
const H = 30;

/** A step line of the effective level over time, from the first change (or `since`) until now. */
export function Sparkline(p: { points: LevelPoint[]; now: Date; since: number; label: string }) {
  const pts = p.points.filter((x) => x.level !== null) as Array<{ at: number; level: number }>;
  if (pts.length === 0) return <span class="muted">{t('common.none')}</span>;
  const end = p.now.getTime();
  const start = Math.min(p.since, pts[0].at);
  const span = Math.max(1, end - start);
  const x = (ms: number) => round(2 + ((ms - start) / span) * (W - 4));
  const y = (l: number) => round(H - 3 - (l / MAX) * (H - 6));
  let d = `M${x(pts[0].at)},${y(pts[0].level)}`;
  for (let i = 1; i < pts.length; i++) d += ` H${x(pts[i].at)} V${y(pts[i].level)}`;
  d += ` H${x(end)}`;
  const summary = `${p.label}: ${pts.map((q) => `${q.level} (${formatDate(q.at)})`).join(' → ')}`;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={summary} class="spark">
      <title>{summary}</title>
      <line x1="0" y1={y(4)} x2={W} y2={y(4)} class="spark-expert" />
      <path d={d} class="spark-line" />
      {pts.map((q) => (
        <circle cx={x(q.at)} cy={y(q.level)} r="2" class="spark-dot" />
      ))}
    </svg>
  );
}
