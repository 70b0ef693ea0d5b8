// Injectable time source: live calls use the wall clock, replay and tests a virtual one.
export interface Clock { nowMs(): number }
export const systemClock: Clock = { nowMs: () => Date.now() };
export class ManualClock implements Clock {
  constructor(private ms = 0) {}
  nowMs(): number { return this.ms }
  set(ms: number): void { this.ms = ms }
  advance(ms: number): void { this.ms += ms }
}
