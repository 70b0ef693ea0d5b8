import { describe, expect, it } from 'vitest';
import { detectLifeEvents } from '../../src/analysis/life-events.ts';

const names = (t: string) => detectLifeEvents(t).map((e) => e.name);

describe('life events', () => {
  it.each([
    ['my husband passed away last month', 'bereavement'],
    ['my mum past away in march', 'bereavement'],
    ['i lost my dad in june', 'bereavement'],
    ['i need to sort out the account of my late father', 'bereavement'],
    ['my wife is really ill', 'illness'],
    ['she was diagnosed with cancer', 'illness'],
    ["he's been in hospital for two weeks", 'illness'],
    ['we just had a baby', 'new-baby'],
    ['my wife is pregnant', 'new-baby'],
    ['we just moved to leeds', 'moving-house'],
    ["i need to change my address we're moving house", 'moving-house'],
    ['i got laid off last week', 'job-loss'],
    ['i lost my job', 'job-loss'],
    ['i was made redundant', 'job-loss'],
    ["we're getting married in june", 'wedding'],
    ['its for our wedding', 'wedding'],
  ])('%s -> %s', (text, event) => {
    expect(names(text)).toContain(event);
  });

  it('quotes the words that disclosed the event', () => {
    const [e] = detectLifeEvents('hi um i need to cancel my count because my mother passed away');
    expect(e.name).toBe('bereavement');
    expect(e.quote).toContain('my mother passed away');
  });

  it.each([
    'my bill died down', 'the line is dead', 'my phone died', 'the battery died on me', "i'm sick of this",
    "i'm sick and tired of calling", 'i got tired of waiting', 'i lost my card', 'i was expecting a refund',
    'the line was engaged', 'i want to move to a new plan', 'we just moved the money', 'i got carried away',
    'can you pass the message on', 'good morning', 'i want to cancel my account',
  ])('no life event in "%s"', (text) => {
    expect(names(text)).toEqual([]);
  });
});
