import type { AnalysisEvent, AssistEvent, CallEndedEvent, CallStartedEvent, MetricsEvent, PromptEvent, TranscriptEvent } from '../events.ts';
import { esc, fmtTime, lineChart, stackedBar } from './svg.ts';

// A call report: one self-contained HTML file (inline CSS and SVG, no script, no external URL) that opens
// offline. Built from the call's events only, so a live call's stored record and a replay give the same report.

export interface CallDigest {
  callId: string; agentId: string; customerId?: string; durationS: number;
  talkS: { agent: number; customer: number }; silenceS: number; overtalkS: number; agentWpm: number;
  sentiment: { customerStart: number | null; customerEnd: number | null };
  prompts: Record<string, number>; utterances: number;
}

export function digest(events: AssistEvent[]): CallDigest {
  const started = events.find((e): e is CallStartedEvent => e.type === 'call.started');
  const ended = events.find((e): e is CallEndedEvent => e.type === 'call.ended');
  const lastMetrics = events.filter((e): e is MetricsEvent => e.type === 'metrics').at(-1);
  const durationS = ended?.t ?? lastMetrics?.t ?? 0;
  const ratio = ended?.summary.talkRatio ?? lastMetrics?.talkRatio ?? { agent: 0, customer: 0 };
  const silenceS = ended?.summary.silenceS ?? lastMetrics?.silenceS ?? 0;
  const overtalkS = ended?.summary.overtalkS ?? lastMetrics?.overtalkS ?? 0;
  const talk = Math.max(0, durationS - silenceS + overtalkS);
  const prompts: Record<string, number> = {};
  for (const p of events.filter((e): e is PromptEvent => e.type === 'prompt')) prompts[p.rule] = (prompts[p.rule] ?? 0) + 1;
  const cust = events.filter((e): e is AnalysisEvent => e.type === 'analysis' && e.channel === 'customer').map((a) => a.sentiment.score);
  const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000 : null);
  return {
    callId: started?.callId ?? ended?.callId ?? 'unknown', agentId: started?.agentId ?? '', customerId: started?.customerId, durationS,
    talkS: { agent: ratio.agent * talk, customer: ratio.customer * talk }, silenceS, overtalkS,
    agentWpm: lastMetrics?.agentWpm ?? 0,
    // the call's own summary when it has one, so the report and the stored record agree
    sentiment: { customerStart: ended?.summary.sentiment.customerStart ?? mean(cust.slice(0, 3)), customerEnd: ended?.summary.sentiment.customerEnd ?? mean(cust.slice(-3)) },
    prompts, utterances: events.filter((e) => e.type === 'transcript' && e.final).length,
  };
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2330;max-width:960px}h1{font-size:20px}h2{font-size:15px;margin-top:28px;text-transform:uppercase;letter-spacing:.04em;color:#5a6270}
table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #e3e6ea;text-align:left}.t{color:#8d95a1;font-size:12px;white-space:nowrap}
.agent .who{color:#0f62fe}.customer .who{color:#8a3ffc}.who{font-weight:600}.prompt{color:#da1e28}.legend span{margin-right:14px}`;

export function renderCallReport(events: AssistEvent[]): string {
  const d = digest(events);
  const analyses = new Map(events.filter((e): e is AnalysisEvent => e.type === 'analysis').map((a) => [a.utteranceId, a]));
  const finals = events.filter((e): e is TranscriptEvent => e.type === 'transcript' && e.final).sort((a, b) => a.start - b.start);
  const prompts = events.filter((e): e is PromptEvent => e.type === 'prompt');
  const series = (['customer', 'agent'] as const).map((ch) => ({
    name: ch, color: ch === 'customer' ? '#8a3ffc' : '#0f62fe',
    points: finals.filter((f) => f.channel === ch && analyses.has(f.utteranceId)).map((f) => [f.end, analyses.get(f.utteranceId)!.sentiment.score] as [number, number]),
  }));
  const chart = lineChart(series, prompts.map((p) => ({ t: p.t, label: `${p.rule}: ${p.title}`, color: p.severity === 'urgent' ? '#da1e28' : '#f1c21b' })), d.durationS);
  const bar = stackedBar([
    { label: 'agent', value: Math.max(0, d.talkS.agent - d.overtalkS / 2), color: '#0f62fe' },
    { label: 'customer', value: Math.max(0, d.talkS.customer - d.overtalkS / 2), color: '#8a3ffc' },
    { label: 'overtalk', value: d.overtalkS, color: '#da1e28' },
    { label: 'silence', value: d.silenceS, color: '#c6c6c6' },
  ]);
  const rows = finals.map((f) => {
    const a = analyses.get(f.utteranceId);
    return `<tr class="line ${f.channel}"><td class="t">${fmtTime(f.start)}</td><td class="who">${f.channel}</td><td class="text">${esc(f.text)}</td><td class="t">${a ? `${esc(a.emotion.label)} ${a.sentiment.score.toFixed(2)}` : ''}</td></tr>`;
  }).join('');
  const promptRows = prompts.map((p) => `<tr><td class="t">${fmtTime(p.t)}</td><td class="prompt">${esc(p.rule)}</td><td>${esc(p.title)}</td><td>${esc(p.evidence.quote ?? '')}</td><td class="t">${p.latencyMs} ms</td></tr>`).join('');
  const metric = (k: string, v: string) => `<tr><th>${k}</th><td>${v}</td></tr>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Call ${esc(d.callId)}</title><style>${CSS}</style></head><body>
<h1>Call ${esc(d.callId)}</h1>
<table class="metrics">${metric('Agent', esc(d.agentId))}${d.customerId ? metric('Customer', esc(d.customerId)) : ''}${metric('Duration', fmtTime(d.durationS))}
${metric('Talk (agent / customer)', `${d.talkS.agent.toFixed(1)} s / ${d.talkS.customer.toFixed(1)} s`)}${metric('Silence', `${d.silenceS.toFixed(1)} s`)}${metric('Overtalk', `${d.overtalkS.toFixed(1)} s`)}
${metric('Agent pace', `${Math.round(d.agentWpm)} wpm`)}${metric('Customer sentiment start / end', `${d.sentiment.customerStart ?? '–'} / ${d.sentiment.customerEnd ?? '–'}`)}</table>
<h2>Sentiment over the call</h2>${chart}
<h2>Talk, overtalk and silence</h2><div class="legend"><span style="color:#0f62fe">■ agent</span><span style="color:#8a3ffc">■ customer</span><span style="color:#da1e28">■ overtalk</span><span style="color:#8d95a1">■ silence</span></div>${bar}
<h2>Prompts</h2>${prompts.length ? `<table>${promptRows}</table>` : '<p>No prompts fired.</p>'}
<h2>Transcript</h2><table class="transcript">${rows}</table>
</body></html>`;
}
