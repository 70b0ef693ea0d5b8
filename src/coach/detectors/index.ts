import type { KnowledgeBase } from '../knowledge-base.ts';
import type { RuleConfig } from '../rule-pack.ts';
import type { Detector } from '../types.ts';
import { agentMonologue, deadAir, overtalk } from './conversation.ts';
import { disclosureMissing } from './disclosure.ts';
import { empathyMissed, empathyMoment } from './empathy.ts';
import { knowledge } from './knowledge.ts';
import { customerAnger, escalationRisk, negativeTrend } from './mood.ts';
import { agentPace, phraseSaid, piiSpoken } from './speech.ts';

/** A fresh detector (with its own per-call state) for one rule of the pack. */
export function createDetector(rule: RuleConfig, kb: KnowledgeBase | null): Detector {
  switch (rule.type) {
    case 'escalation-risk': return escalationRisk(rule);
    case 'customer-anger': return customerAnger(rule);
    case 'negative-trend': return negativeTrend(rule);
    case 'empathy-moment': return empathyMoment(rule);
    case 'empathy-missed': return empathyMissed(rule);
    case 'dead-air': return deadAir(rule);
    case 'overtalk': return overtalk(rule);
    case 'agent-pace': return agentPace(rule);
    case 'agent-monologue': return agentMonologue(rule);
    case 'disclosure-missing': return disclosureMissing(rule);
    case 'pii-spoken': return piiSpoken(rule);
    case 'knowledge': return knowledge(rule, kb);
    case 'phrase': return phraseSaid(rule);
  }
}
