import { describe, expect, it } from 'vitest';
import { adapterFor, STREAM_PATHS } from './index.ts';

describe('adapterFor', () => {
  it('maps each audio endpoint to a new adapter of its protocol', () => {
    expect(STREAM_PATHS).toEqual(['/v1/stream', '/v1/twilio', '/v1/audiohook', '/v1/vonage', '/v1/audiofork']);
    expect(STREAM_PATHS.map((p) => adapterFor(p).source)).toEqual(['raw', 'twilio', 'audiohook', 'vonage', 'audiofork']);
    expect(adapterFor('/v1/twilio?token=x').source).toBe('twilio');
    expect(adapterFor('/v1/stream')).not.toBe(adapterFor('/v1/stream'));
    expect(() => adapterFor('/v1/nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
