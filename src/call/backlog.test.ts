import { describe, expect, it } from 'vitest';
import { AudioBacklog } from './backlog.ts';

const ramp = (from: number, n: number) => Float32Array.from({ length: n }, (_, i) => from + i);

describe('AudioBacklog', () => {
  it('returns the samples at absolute indices across the ring boundary', () => {
    const b = new AudioBacklog(10);
    b.append(ramp(0, 7)); b.append(ramp(7, 6)); // holds 3..12
    expect(b.start).toBe(3);
    expect([...b.slice(5, 12)]).toEqual([5, 6, 7, 8, 9, 10, 11]);
  });
  it('clamps requests to what is still held', () => {
    const b = new AudioBacklog(4);
    b.append(ramp(0, 10));
    expect([...b.slice(0, 100)]).toEqual([6, 7, 8, 9]);
    expect(b.slice(20, 30).length).toBe(0);
  });
});
