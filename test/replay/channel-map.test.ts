// `--map`: which party each WAV channel carries.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { parseChannelMap } from '../../src/replay/cli.ts';

describe('parseChannelMap', () => {
  it('maps stereo left/right in either order, by name or index, ignoring case and spaces', () => {
    expect(parseChannelMap('customer=left,agent=right', 2)).toEqual(['customer', 'agent']);
    expect(parseChannelMap('agent=left,customer=right', 2)).toEqual(['agent', 'customer']);
    expect(parseChannelMap('customer=1,agent=0', 2)).toEqual(['agent', 'customer']);
    expect(parseChannelMap(' Agent = LEFT , Customer=Right ,', 2)).toEqual(['agent', 'customer']);
  });

  it('mono: the named party, customer by default (the default stereo map also works on a mono file)', () => {
    expect(parseChannelMap('customer=mono', 1)).toEqual(['customer']);
    expect(parseChannelMap('agent=mono', 1)).toEqual(['agent']);
    expect(parseChannelMap('', 1)).toEqual(['customer']);
    expect(parseChannelMap('customer=left,agent=right', 1)).toEqual(['customer']);
    expect(parseChannelMap('agent=left,customer=right', 1)).toEqual(['agent']);
  });

  it('refuses unknown parties and sides with BAD_REQUEST and a message naming the bad word', () => {
    const fail = (map: string, channels: number) => {
      try { parseChannelMap(map, channels) } catch (err) { expect(err).toBeInstanceOf(AppError); expect((err as AppError).code).toBe('BAD_REQUEST'); return (err as Error).message }
      throw new Error(`"${map}" was accepted`);
    };
    expect(fail('caller=left,agent=right', 2)).toContain('unknown party "caller"');
    expect(fail('customer=middle,agent=right', 2)).toContain('unknown side "middle"');
    expect(fail('customer,agent=right', 2)).toContain('unknown side');
  });

  it('refuses a stereo map that leaves a side out or names one party twice', () => {
    expect(() => parseChannelMap('customer=left', 2)).toThrow(/must name a different party for left and right/);
    expect(() => parseChannelMap('customer=left,customer=right', 2)).toThrow(/different party/);
    expect(() => parseChannelMap('customer=mono', 2)).toThrow(/different party/);
  });
});
