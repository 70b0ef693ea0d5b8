import { describe, expect, it } from 'vitest';
import { detectIntents } from '../../src/analysis/intents.ts';

const names = (t: string) => detectIntents(t).map((i) => i.name);
const quoteOf = (t: string, name: string) => detectIntents(t).find((i) => i.name === name)?.quote;

describe('escalation intents', () => {
  it('finds a supervisor request in clean and ASR-noisy text, with its quote', () => {
    expect(names('I want to speak to your supervisor right now.')).toContain('escalation.supervisor');
    expect(names('can i speak to your super visor please')).toContain('escalation.supervisor');
    expect(names('id like to talk with a manger')).toContain('escalation.supervisor');
    expect(names('put me through to someone in charge')).toContain('escalation.supervisor');
    expect(quoteOf('honestly just let me speak to a supervisor', 'escalation.supervisor')).toContain('speak to a supervisor');
  });
  it('finds cancellation threats, including "cancel my count" for "cancel my account"', () => {
    expect(names('i want to cancel my count')).toContain('escalation.cancel');
    expect(names('I want to cancel my account')).toContain('escalation.cancel');
    expect(names("i'm switching to another provider")).toContain('escalation.cancel');
    expect(names('i want to cancel')).toContain('escalation.cancel');
  });
  it('finds complaints and repeat contact', () => {
    expect(names("i'm going to make a formal complaint")).toContain('escalation.complaint');
    expect(names("i'd like to make a complain")).toContain('escalation.complaint');
    expect(names("i want my money back or i'm leaving")).toContain('escalation.cancel');
    expect(names('this is absolutely ridiculous')).toContain('escalation.complaint');
    expect(names("this is the third time i'm calling about this")).toContain('escalation.repeat-contact');
    expect(names('i called last week and nobody got back to me')).toContain('escalation.repeat-contact');
    expect(names("i've already explained this twice")).toContain('escalation.repeat-contact');
  });
  it('does not fire on negations, routine requests or the agent\'s own manager', () => {
    expect(names("i don't want to cancel anything")).not.toContain('escalation.cancel');
    expect(names('i need to cancel my card it was stolen')).not.toContain('escalation.cancel');
    expect(names("i'd like to leave a message")).not.toContain('escalation.cancel');
    expect(names('my manager told me to call')).not.toContain('escalation.supervisor');
    expect(names('thanks that is all sorted now have a nice day')).toEqual([]);
  });
});

describe('questions', () => {
  it('detects questions without punctuation from wh-words and question phrases', () => {
    expect(detectIntents('how do i reset my password')).toEqual([
      expect.objectContaining({ name: 'question', quote: 'how do i reset my password' }),
    ]);
    expect(quoteOf('okay so is there a way to pay online', 'question')).toBe('is there a way to pay online');
    expect(quoteOf('um can you tell me when my refund will arrive', 'question')).toBe('can you tell me when my refund will arrive');
    expect(names("what's my balance")).toContain('question');
    expect(names('where is my parcel')).toContain('question');
    expect(names('do i need to bring id')).toContain('question');
  });
  it('uses a question mark when ASR gives one and skips small talk', () => {
    expect(detectIntents('Can you hear me? My router keeps dropping, any idea why?').filter((i) => i.name === 'question'))
      .toEqual([expect.objectContaining({ quote: 'My router keeps dropping, any idea why' })]);
    expect(names('how are you today')).toEqual([]);
  });
  it('does not take statements for questions', () => {
    expect(names('what i want is a refund')).not.toContain('question');
    expect(names('i paid the bill yesterday')).not.toContain('question');
    expect(names('that is why i called')).not.toContain('question');
  });
});
