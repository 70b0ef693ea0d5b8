// Tiny server-side SVG builders for the self-contained report (no script, no external resources).
export const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface Series { name: string; color: string; points: Array<[number, number]> }
export interface Marker { t: number; label: string; color: string }

/** Line chart of y in [-1, 1] over t in [0, durationS], with vertical markers (prompts). */
export function lineChart(series: Series[], markers: Marker[], durationS: number, w = 860, h = 240): string {
  const padL = 40, padR = 10, padT = 12, padB = 28;
  const x = (t: number) => padL + (t / Math.max(durationS, 1)) * (w - padL - padR);
  const y = (v: number) => padT + ((1 - v) / 2) * (h - padT - padB);
  const grid = [-1, -0.5, 0, 0.5, 1].map((v) => `<line x1="${padL}" x2="${w - padR}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e6ea"/><text x="${padL - 6}" y="${y(v) + 4}" text-anchor="end" font-size="10" fill="#5a6270">${v}</text>`).join('');
  const ticks = Array.from({ length: 7 }, (_, i) => (i * durationS) / 6).map((t) => `<text x="${x(t)}" y="${h - 8}" text-anchor="middle" font-size="10" fill="#5a6270">${fmtTime(t)}</text>`).join('');
  const lines = series.filter((s) => s.points.length).map((s) => {
    const d = s.points.map(([t, v], i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const dots = s.points.map(([t, v]) => `<circle cx="${x(t).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.color}"/>`).join('');
    return `<path class="series" data-series="${esc(s.name)}" d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>${dots}`;
  }).join('');
  const marks = markers.map((m) => `<g class="marker"><line x1="${x(m.t)}" x2="${x(m.t)}" y1="${padT}" y2="${h - padB}" stroke="${m.color}" stroke-dasharray="3,3"/><title>${esc(m.label)} at ${fmtTime(m.t)}</title></g>`).join('');
  const legend = series.map((s, i) => `<rect x="${padL + 10 + i * 110}" y="${padT}" width="10" height="10" fill="${s.color}"/><text x="${padL + 24 + i * 110}" y="${padT + 9}" font-size="11">${esc(s.name)}</text>`).join('');
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-label="sentiment over the call">${grid}${ticks}${marks}${lines}${legend}</svg>`;
}

/** Horizontal stacked bar of named parts (seconds). */
export function stackedBar(parts: Array<{ label: string; value: number; color: string }>, w = 860, h = 34): string {
  const total = parts.reduce((a, p) => a + p.value, 0) || 1;
  let x = 0;
  const rects = parts.map((p) => {
    const width = (p.value / total) * w;
    const r = `<rect class="bar" data-part="${esc(p.label)}" x="${x.toFixed(1)}" y="0" width="${width.toFixed(1)}" height="${h - 12}" fill="${p.color}"><title>${esc(p.label)}: ${p.value.toFixed(1)} s</title></rect>`;
    x += width;
    return r;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="100%">${rects}</svg>`;
}

export function fmtTime(t: number): string {
  const s = Math.max(0, Math.round(t));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
