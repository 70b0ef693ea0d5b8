// Bridge protocols through the real server: a Twilio Media Streams socket (inbound and outbound tracks) and an
// Asterisk AudioSocket TCP connection deliver a call whose speech the desktop/supervisor sees on the right party.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { deinterleave, float32ToPcm16 } from '../../src/audio/pcm.ts';
import { decodeMulaw } from '../../src/audio/g711.ts';
import { resample } from '../../src/audio/resample.ts';
import { startAudioSocketServer } from '../../src/server/audiosocket-server.ts';
import { FakeAnalyzer, FakeCoach } from '../fakes/providers.ts';
import { readWavBytes } from '../helpers/wav-bytes.ts';
import { desktop, startServer, type RunningServer } from './harness.ts';
import { loadTruth, vadSegments } from './truth.ts';

let server: RunningServer;
beforeAll(async () => { server = await startServer({ config: { asr: { engine: 'none' } }, providers: { analyzer: new FakeAnalyzer(), coach: new FakeCoach() } }) });
afterAll(async () => { await server?.close() });

const truth = loadTruth('greeting');
const wav = readWavBytes('fixtures/calls/greeting.wav'); // stereo mu-law 8 kHz: customer left, agent right

function expectSpeechOnBothParties(events: any[]) {
  for (const channel of ['customer', 'agent'] as const) {
    const segs = vadSegments(events, channel);
    const turns = truth.turns.filter((t) => t.channel === channel);
    expect(segs.length).toBeGreaterThan(0);
    for (const t of turns) expect(segs.some(([s, e]) => s < t.end && e > t.start), `${channel} turn at ${t.start}`).toBe(true);
  }
}

describe('Twilio Media Streams', () => {
  it('maps inbound to the customer and outbound to the agent', async () => {
    const d = desktop(server.wsUrl, 'tw-agent');
    await d.opened;
    const ws = new WebSocket(`${server.wsUrl}/v1/twilio`);
    await new Promise((r) => ws.once('open', r));
    const streamSid = 'MZ123';
    ws.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
    ws.send(JSON.stringify({ event: 'start', sequenceNumber: '1', streamSid, start: { streamSid, accountSid: 'AC1', callSid: 'CA-tw-1', tracks: ['inbound', 'outbound'],
      customParameters: { agentId: 'tw-agent', customerId: 'cust-tw' }, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } }));
    const stereo = wav.data;
    let seq = 2;
    for (let off = 0, chunk = 0; off < stereo.length; off += 320, chunk++) {
      const frame = stereo.subarray(off, off + 320);
      const left = new Uint8Array(frame.length / 2), right = new Uint8Array(frame.length / 2);
      for (let i = 0; i < left.length; i++) { left[i] = frame[2 * i]; right[i] = frame[2 * i + 1] }
      for (const [track, bytes] of [['inbound', left], ['outbound', right]] as const) {
        ws.send(JSON.stringify({ event: 'media', sequenceNumber: String(seq++), streamSid, media: { track, chunk: String(chunk), timestamp: String(chunk * 20), payload: Buffer.from(bytes).toString('base64') } }));
      }
      if (chunk % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    ws.send(JSON.stringify({ event: 'stop', sequenceNumber: String(seq), streamSid, stop: { accountSid: 'AC1', callSid: 'CA-tw-1' } }));
    const events = await d.untilEnded('CA-tw-1', 60_000);
    d.close(); ws.close();
    expect(events[0]).toMatchObject({ type: 'call.started', source: 'twilio', customerId: 'cust-tw' });
    expectSpeechOnBothParties(events);
  }, 120_000);
});

describe('Asterisk AudioSocket (TCP)', () => {
  it('streams slin 8 kHz frames of one party, split across TCP writes, to a call', async () => {
    const tcp = await startAudioSocketServer(server.app, '127.0.0.1', 0);
    const port = (tcp.address() as net.AddressInfo).port;
    const sup = new WebSocket(`${server.wsUrl}/v1/supervisor`);
    const events: any[] = [];
    sup.on('message', (m) => events.push(JSON.parse(m.toString())));
    await new Promise((r) => sup.once('open', r));
    const [customer] = deinterleave(decodeMulaw(wav.data), 2);
    const pcm = float32ToPcm16(resample(resample(customer, 8000, 16000), 16000, 8000));
    const sock = net.connect(port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    const uuid = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    const frame = (kind: number, payload: Uint8Array) => Buffer.concat([Buffer.from([kind, payload.length >> 8, payload.length & 0xff]), payload]);
    const stream = [frame(0x01, uuid)];
    for (let off = 0; off < pcm.length; off += 320) stream.push(frame(0x10, pcm.subarray(off, off + 320)));
    stream.push(frame(0x00, new Uint8Array(0)));
    const all = Buffer.concat(stream);
    for (let off = 0; off < all.length; off += 1000) { sock.write(all.subarray(off, off + 1000)); if (off % 50_000 === 0) await new Promise((r) => setImmediate(r)) }
    const callId = '01234567-89ab-cdef-0123-456789abcdef';
    for (let i = 0; i < 300 && !events.some((e) => e.type === 'call.ended' && e.callId === callId); i++) await new Promise((r) => setTimeout(r, 100));
    sock.destroy(); sup.close(); tcp.close();
    const ended = events.find((e) => e.type === 'call.ended' && e.callId === callId);
    expect(events.find((e) => e.type === 'call.started' && e.callId === callId)).toMatchObject({ source: 'audiosocket' });
    expect(ended.summary.durationS).toBeCloseTo(wav.durationS, 0);
    expect(ended.summary.talkRatio.customer).toBeGreaterThan(0.9); // one party on this bridge
  }, 120_000);
});
