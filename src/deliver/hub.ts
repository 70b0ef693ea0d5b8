import type { AssistEvent, CallStartedEvent, EventSink } from '../events.ts';
import { BoundedEventQueue, OVERFLOW_POLICY, type Transport } from './queue.ts';

// In-process fan-out of call events to agent desktops (their own calls only) and supervisors (every call).
// publish() never waits on a consumer: each socket has its own bounded queue, so a slow desktop cannot slow
// the ingest of audio.
export type Role = 'desktop' | 'supervisor';

export interface Subscription { close(): void; readonly queue: BoundedEventQueue }

interface Subscriber { role: Role; agentId?: string; queue: BoundedEventQueue }

export class DeliveryHub implements EventSink {
  private readonly subscribers = new Set<Subscriber>();
  private readonly calls = new Map<string, CallStartedEvent>();

  constructor(
    private readonly queueLimit = 1000,
    private readonly onDrop: (policy: string) => void = () => {},
  ) {}

  publish(ev: AssistEvent): void {
    let agentId: string | undefined;
    if (ev.type === 'call.started') { this.calls.set(ev.callId, ev); agentId = ev.agentId }
    else if ('callId' in ev && ev.callId) agentId = this.calls.get(ev.callId)?.agentId;
    for (const s of this.subscribers) {
      if (s.role === 'supervisor' ? supervisorWants(ev) : s.agentId === agentId && agentId !== undefined) s.queue.push(ev);
    }
    if (ev.type === 'call.ended') this.calls.delete(ev.callId);
  }

  /** A desktop of `agentId`: receives `call.started` of its calls already running, then their events. */
  subscribe(role: Role, transport: Transport, agentId?: string): Subscription {
    const queue = new BoundedEventQueue(transport, this.queueLimit, () => this.onDrop(OVERFLOW_POLICY));
    const sub: Subscriber = { role, agentId, queue };
    this.subscribers.add(sub);
    for (const started of this.calls.values()) {
      if (role === 'supervisor' || started.agentId === agentId) queue.push(started);
    }
    return { queue, close: () => { this.subscribers.delete(sub); queue.close() } };
  }

  /** The agent of a live call (for access checks on desktop messages such as prompt feedback). */
  agentOf(callId: string): string | undefined { return this.calls.get(callId)?.agentId }
  activeCalls(): CallStartedEvent[] { return [...this.calls.values()] }
}

/** Supervisors watch every call but not word-level streaming noise. */
function supervisorWants(ev: AssistEvent): boolean {
  return ev.type !== 'vad' && !(ev.type === 'transcript' && !ev.final);
}
