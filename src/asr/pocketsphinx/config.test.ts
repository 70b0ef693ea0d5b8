import { describe, expect, it } from 'vitest';
import { searchFor, type EngineFile } from './config.ts';

const file: EngineFile = {
  debianModelDir: '/usr/share/pocketsphinx/model/en-us', lm: 'mixed', domainLm: 'x.lm.bin', mixWeight: 0.3, extraDict: 'extra.dict',
  search: { beam: '1e-48', maxwpf: 20 },
  profiles: { fast: { maxwpf: 5, maxhmmpf: 3000, topn: 2 } },
};

describe('pocketsphinx search profiles', () => {
  it('accurate is engine.json\'s search block as is', () => {
    expect(searchFor(file, 'accurate')).toEqual({ beam: '1e-48', maxwpf: 20 });
  });
  it('fast lays its settings over the search block', () => {
    expect(searchFor(file, 'fast')).toEqual({ beam: '1e-48', maxwpf: 5, maxhmmpf: 3000, topn: 2 });
  });
  it('a missing profile is a clear ENGINE_UNAVAILABLE, not a silent default', () => {
    expect(() => searchFor({ ...file, profiles: undefined }, 'fast')).toThrow(expect.objectContaining({ code: 'ENGINE_UNAVAILABLE' }));
  });
});
