import { describe, expect, it } from 'vitest';
import { KnowledgeBase, parseArticle } from '../../src/coach/knowledge-base.ts';
import { CallScript, coachFor, sampleKb } from './script.ts';

const question = (quote: string) => ({ intents: [{ name: 'question', quote, score: 0.9 }] });

describe('knowledge base', () => {
  it('indexes the sample articles', async () => {
    const kb = await sampleKb();
    expect(kb.size).toBeGreaterThanOrEqual(15);
    expect(kb.size).toBeLessThanOrEqual(25);
  });

  it.each([
    ['how do i pay my bill', 'payment-methods'],
    ['my husband passed away how do i transfer the account into my name', 'bereavement'],
    ['how much is the fee if i cancel my contract', 'cancellation-fees'],
    ['does my phone work abroad', 'roaming'],
    ['how do i reset the router', 'router-reset'],
    ['we are moving house can i take my broadband with me', 'moving-house'],
    ['is there an outage in my area', 'outages'],
    ['what happens if i pay late', 'late-payment'],
    ['how do i change my direct debit', 'direct-debit'],
    ['why is my bill so high this month', 'bill-explained'],
  ])('answers "%s" with %s', async (q, id) => {
    const kb = await sampleKb();
    const hit = kb.search(q);
    expect(hit?.article.id).toBe(id);
    expect(hit!.score).toBeGreaterThanOrEqual(15);
  });

  it('has nothing above the minimum score for unrelated questions', async () => {
    const kb = await sampleKb();
    for (const q of ['what is the weather like tomorrow', 'what football team do you support', 'do you sell pizza',
      'can you help me with my car insurance', 'how are you today']) {
      expect(kb.search(q)?.score ?? 0, q).toBeLessThan(15);
    }
  });

  it('reads the title from front matter or the first heading', () => {
    expect(parseArticle('x', '---\ntitle: "A: b"\ntags: [one, two]\n---\nBody text.')).toEqual({ id: 'x', title: 'A: b', tags: ['one', 'two'], body: 'Body text.' });
    expect(parseArticle('y', '# Heading title\n\nSome *body* with a [link](http://x).')).toMatchObject({ title: 'Heading title', body: 'Some body with a link.' });
  });
});

describe('knowledge rule', () => {
  it('turns a customer question into a prompt with the best article title and a snippet', async () => {
    const s = new CallScript();
    const id = s.customer(10, 14, 'hi yes so how do i reset the router it keeps flashing orange', question('how do i reset the router'));
    const prompts = s.run(coachFor(['knowledge'], {}, await sampleKb()), 20);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ rule: 'knowledge', severity: 'info', title: 'Restarting and resetting the router',
      triggerT: 14, evidence: { utteranceId: id, quote: 'how do i reset the router' } });
    expect(prompts[0].body.length).toBeGreaterThan(30);
    expect(prompts[0].body.length).toBeLessThanOrEqual(220);
    const article = (await sampleKb()).search('reset the router')!.article;
    expect(article.body.replace(/\s+/g, ' ')).toContain(prompts[0].body.replace(/…$/, ''));
  });

  it('searches the whole utterance when the question alone is too vague', async () => {
    const s = new CallScript();
    s.customer(10, 16, 'my husband passed away and the account is in his name what do i need to do', question('what do i need to do'));
    const prompts = s.run(coachFor(['knowledge'], {}, await sampleKb()), 20);
    expect(prompts.map((p) => [p.title, p.evidence.quote])).toEqual([
      ['Bereavement: transferring or closing an account after a death', 'what do i need to do']]);
  });

  it('gives nothing for an unrelated question, a statement, or the agent asking', async () => {
    const s = new CallScript();
    s.customer(5, 8, 'what is the weather going to be like tomorrow', question('what is the weather going to be like tomorrow'));
    s.customer(8.5, 9.5, 'i have been with you for years and i just want to know what is going on with my account',
      question('what is going on with my account'));
    s.customer(10, 14, 'i reset the router yesterday');  // not a question
    const a = s.say('agent', 15, 17, 'how do i pay my bill');
    s.analyse(a, question('how do i pay my bill'));
    expect(s.run(coachFor(['knowledge'], {}, await sampleKb()), 20)).toEqual([]);
  });

  it('suggests an article once per call and respects its cooldown', async () => {
    const s = new CallScript();
    s.customer(10, 13, 'how do i pay my bill', question('how do i pay my bill'));
    s.customer(15, 18, 'can i get a refund', question('can i get a refund'));         // 15 s cooldown
    s.customer(40, 43, 'so how do i pay the bill', question('so how do i pay the bill')); // same article
    s.customer(60, 63, 'and what about roaming in spain', question('what about roaming in spain'));
    const prompts = s.run(coachFor(['knowledge'], {}, await sampleKb()), 70);
    expect(prompts.map((p) => p.title)).toEqual(['Ways to pay a bill', 'Using your mobile abroad (roaming)']);
  });

  it('measures its cooldown on the questions\' call times, not on when their transcripts arrived', async () => {
    // Two questions 16 s apart (ends 13 and 29): outside the 15 s cooldown however late each final arrives, as
    // in a live call (slow finals) and its faster-than-real-time replay (prompt finals) of the same audio.
    for (const [first, second] of [[0.3, 0.3], [3, 0.3], [0.3, 3]]) {
      const s = new CallScript();
      s.analyse(s.say('customer', 10, 13, 'how do i pay my bill', { finalDelayS: first }), question('how do i pay my bill'));
      s.analyse(s.say('customer', 26, 29, 'does my phone work abroad', { finalDelayS: second }), question('does my phone work abroad'));
      const prompts = s.run(coachFor(['knowledge'], {}, await sampleKb()), 40);
      expect(prompts.map((p) => p.title), `final delays ${first} s and ${second} s`)
        .toEqual(['Ways to pay a bill', 'Using your mobile abroad (roaming)']);
    }
  });

  it('without a knowledge base stays quiet', () => {
    const s = new CallScript();
    s.customer(10, 13, 'how do i pay my bill', question('how do i pay my bill'));
    expect(s.run(coachFor(['knowledge'], {}, new KnowledgeBase([])), 20)).toEqual([]);
  });
});
