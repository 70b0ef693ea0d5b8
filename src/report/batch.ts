import type { CallDigest } from './call-report.ts';
import { esc, fmtTime } from './svg.ts';

// Batch summary of a replayed folder: one row per call, as CSV (for spreadsheets) and HTML.

const RULES = ['escalation-risk', 'customer-anger', 'negative-trend', 'empathy-moment', 'empathy-missed', 'dead-air', 'overtalk',
  'agent-pace', 'agent-monologue', 'disclosure-missing', 'pii-spoken', 'knowledge'];

const COLUMNS = ['file', 'callId', 'durationS', 'sentimentStart', 'sentimentEnd', 'silenceS', 'overtalkS', 'talkRatioAgent', 'prompts', ...RULES.map((r) => `prompts.${r}`)];

function row(file: string, d: CallDigest): Array<string | number> {
  const talk = d.talkS.agent + d.talkS.customer;
  const total = Object.values(d.prompts).reduce((a, b) => a + b, 0);
  return [file, d.callId, d.durationS.toFixed(1), d.sentiment.customerStart ?? '', d.sentiment.customerEnd ?? '', d.silenceS.toFixed(1),
    d.overtalkS.toFixed(1), talk > 0 ? (d.talkS.agent / talk).toFixed(3) : '', total, ...RULES.map((r) => d.prompts[r] ?? 0)];
}

const csvCell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

export function batchCsv(calls: Array<{ file: string; digest: CallDigest }>): string {
  return [COLUMNS.join(','), ...calls.map((c) => row(c.file, c.digest).map(csvCell).join(','))].join('\n') + '\n';
}

export function batchHtml(calls: Array<{ file: string; digest: CallDigest; report?: string }>): string {
  const head = ['file', 'duration', 'sentiment start', 'sentiment end', 'silence (s)', 'overtalk (s)', 'agent talk', 'prompts by rule'];
  const body = calls.map(({ file, digest: d, report }) => {
    const talk = d.talkS.agent + d.talkS.customer;
    const byRule = Object.entries(d.prompts).map(([r, n]) => `${esc(r)} ${n}`).join(', ') || '–';
    const name = report ? `<a href="${esc(report)}">${esc(file)}</a>` : esc(file);
    return `<tr><td>${name}</td><td>${fmtTime(d.durationS)}</td><td>${d.sentiment.customerStart ?? '–'}</td><td>${d.sentiment.customerEnd ?? '–'}</td><td>${d.silenceS.toFixed(1)}</td><td>${d.overtalkS.toFixed(1)}</td><td>${talk ? Math.round((100 * d.talkS.agent) / talk) + '%' : '–'}</td><td>${byRule}</td></tr>`;
  }).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Replay batch summary</title><style>body{font:14px system-ui,sans-serif;margin:24px}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}</style></head>
<body><h1>Replay batch summary (${calls.length} calls)</h1><table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${body}</table></body></html>`;
}
