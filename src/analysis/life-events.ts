import type { LifeEvent } from '../events.ts';
import { PhraseMatcher, type PhraseRule } from './phrase-matcher.ts';
import { quoteAround, tokenize } from './text-tokens.ts';

// Life events a customer discloses ("my husband passed away last month"), with the words that said it. Death and
// illness words are also everyday idioms on a phone line ("the line is dead", "my bill died down", "I'm sick of
// this"), so those words only count next to a person or in a fixed phrase, and the idioms are vetoed explicitly.

export const LIFE_EVENTS = ['bereavement', 'illness', 'new-baby', 'moving-house', 'job-loss', 'wedding'] as const;

const KIN = 'mother|mom|mum|mommy|mummy|father|dad|daddy|husband|wife|partner|son|daughter|child|baby|brother|sister|'
  + 'grandmother|grandma|granny|nan|nana|grandfather|grandpa|grandad|granddad|aunt|auntie|uncle|cousin|nephew|niece|'
  + 'fiance|fiancee|boyfriend|girlfriend|parents|mother_in_law|father_in_law|friend|best_friend|stepfather|stepmother|'
  + 'stepdad|stepmum|stepmom|family_member|papa|mama|gran|grandparents|grandson|granddaughter|stepson|stepdaughter|twin|dog|cat|horse|pet';
const OWNER = 'my|our|his|her|their|the';
const PERSON_SUBJ = "i|i've|ive|i'm|im|he|she|he's|she's|hes|shes|we|we've|they|my_wife|my_husband|my_partner";

const RULES: PhraseRule[] = [
  { label: 'bereavement', pattern: `${OWNER} ${KIN} has|had|just|recently|sadly|unfortunately? =passed_away|=past_away|=passed_a_way|=died|=passed|=died_recently|=is_dead|=was_killed|=killed|=has_died`, notAfter: ['the', 'a', 'an', 'my', 'his', 'her', 'it', 'out', 'on', 'down', 'over', 'by', 'through', 'me', 'him'] },
  { label: 'bereavement', pattern: 'passed_away|=past_away|passed_a_way|passing_away|=deceased|bereavement|bereaved|widow|widowed|widower' },
  { label: 'bereavement', pattern: `lost|losing my|our ${KIN}`, notAfter: ["'s", 'card', 'phone', 'job', 'number'] },
  { label: 'bereavement', pattern: `death|loss of my|our ${KIN}` },
  { label: 'bereavement', pattern: 'death_certificate|funeral|funerals|the_estate|executor|executrix|probate|condolences|memorial_service' },
  { label: 'bereavement', pattern: `${OWNER} late ${KIN}` },
  { label: 'bereavement', pattern: 'he|she|they sadly|recently|just? =died|=passed_away|=past_away', weight: 0.7 },

  { label: 'illness', pattern: 'diagnosed|diagnosis with? cancer|tumor|tumour|leukemia|leukaemia|diabetes|dementia|alzheimer*|parkinson*|copd|covid|a_heart|a_condition|an_illness|terminal' },
  { label: 'illness', pattern: 'been|was|got|just diagnosed' },
  { label: 'illness', pattern: '=cancer|chemo|chemotherapy|radiotherapy|dialysis|a_stroke|heart_attack|terminally_ill|terminal_illness|seriously_ill|hospice' },
  { label: 'illness', pattern: `${PERSON_SUBJ} been|is|am|was|are|were|has_been|have_been? really|very|seriously|quite|so|terribly? =ill|unwell|=sick|poorly|hospitalised|hospitalized`, notAfter: ['of', 'and', 'to'] },
  { label: 'illness', pattern: `in|into|out_of|from|to the? hospital|intensive_care|icu|emergency_room|rehab`, notBefore: ['work', 'works', 'working', 'job'] },
  { label: 'illness', pattern: 'an|my|his|her major|emergency? operation|surgery' },
  { label: 'illness', pattern: 'having|had|have|need|needs|recovering_from surgery|an_operation|treatment|chemo' },
  { label: 'illness', pattern: 'sick_leave|sick_pay|long_term_sick|long_term_illness|off_sick|signed_off|disability_benefit|mental_health|nervous_breakdown|carer_for' },

  { label: 'new-baby', pattern: 'had|having|expecting|just_had|welcomed a|our|my? new? baby|babies|twins', notAfter: ['sitter', 'monitor'] },
  { label: 'new-baby', pattern: 'had|welcomed|just_had a|our new? baby_boy|baby_girl|son|daughter|boy|girl' },
  { label: 'new-baby', pattern: 'new_baby|newborn|new_born|=pregnant|pregnancy|maternity|paternity|parental_leave|gave_birth|baby_shower' },
  { label: 'new-baby', pattern: 'baby|son|daughter|twins was|were =born' },
  { label: 'new-baby', pattern: 'just became|become|becoming a new? =mum|=mom|=dad|=father|=mother|=parent|=parents' },

  { label: 'moving-house', pattern: 'moving|moved|move|relocating|relocated|relocate house|home|out|abroad|away|overseas|flat|apartment|in_together|in_with|up_north|down_south|across_the_country|to_a_new_house|to_a_new_home|to_a_new_flat|to_a_new_apartment|to_a_new_place|to_a_new_city|to_a_new_area|to_a_new_address' },
  { label: 'moving-house', pattern: 'just|recently|we|we_just moved|relocated', notAfter: ['on', 'the', 'my', 'it', 'money', 'funds', 'forward', 'ahead', 'over'] },
  { label: 'moving-house', pattern: "i'm|im|we're|i|we|just|recently|am|are|were moving|moved|relocating|relocated to|into|across", weight: 0.8 },
  { label: 'moving-house', pattern: 'new address|house|home|flat|apartment|place', notBefore: ['a', 'your'] },
  { label: 'moving-house', pattern: 'change|changing|update|updating of|my|the address', weight: 0.6 },
  { label: 'moving-house', pattern: 'buying|bought|sold|selling|selling_our|buying_our a|our|my? house|home|flat|first_home|first_house' },
  { label: 'moving-house', pattern: 'removal_company|removals|removal_van|moving_day|moving_company|completion_date' },

  { label: 'job-loss', pattern: 'lost|losing my|our|his|her job|jobs|work|income|employment|position' },
  { label: 'job-loss', pattern: 'got|been|was|were|being|get|getting|just laid|let off|go' },
  { label: 'job-loss', pattern: 'laid|let me|us off|go' },
  { label: 'job-loss', pattern: 'made|being|been|was redundant|unemployed' },
  { label: 'job-loss', pattern: 'redundancy|redundancies|unemployed|unemployment|jobless|out_of_work|out_of_a_job|between_jobs|furloughed|furlough|jobseeker*|job_seeker*', notAfter: ['rate', 'rates', 'figures'] },
  { label: 'job-loss', pattern: 'got|been|was|were|just_got|just_been =fired|=sacked|=let_go|=laid_off' },
  { label: 'job-loss', pattern: 'company|employer|firm went|has|have? =bust|=bankrupt|=under|=closed|=shut_down|=into_administration|=into_liquidation', weight: 0.8 },

  { label: 'wedding', pattern: 'getting|got|just_got|recently_got|be|being =married|=hitched' },
  { label: 'wedding', pattern: "getting|got|just_got|we're|i'm|im|we_are|just =engaged", notAfter: ['in', 'with', 'on'] },
  { label: 'wedding', pattern: 'wedding|weddings|honeymoon|newlywed|newlyweds|newly_married|marriage_certificate|married_name|maiden_name|my_fiance|my_fiancee|our_wedding|just_married' },
];

// Idioms that look like a life event on a phone line; a hit that overlaps one of these is dropped.
const VETOES = new PhraseMatcher([
  { label: 'x', pattern: 'line|phone|battery|call|signal|connection|screen|laptop|computer|tv|router|car|engine|bill|price|it|noise|market|card|account is|was|has|went|just|gone? dead|died|=died_down|dying|=dead_quiet' },
  { label: 'x', pattern: 'died|dying =down|=off|=out' },
  { label: 'x', pattern: 'sick|ill of|and|to|about' },
  { label: 'x', pattern: 'sick_and_tired|sick_to_death|bored_to_death|scared_to_death|to_death|dead_line|deadline|dead_air|dead_end' },
  { label: 'x', pattern: 'line|number|phone is|was =engaged' },
  { label: 'x', pattern: 'lost|losing my|the|your? patience|temper|mind|card|phone|wallet|password|connection|signal|place|way|train_of_thought' },
  { label: 'x', pattern: 'baby|babies steps|step|monitor|sitter|formula|food|wipes' },
  { label: 'x', pattern: 'new home|house phone|page|screen|number|broadband|internet|line', weight: 0.9 },
  { label: 'x', pattern: 'moving|moved|move|switching on|forward|ahead|money|funds|the_money|it' },
  { label: 'x', pattern: 'moving|moved|move|moves|relocating|relocated|switching|switch to|into|onto|across a|an|the|another|your|my? new|different|cheaper|better|other|same? plan|tariff|package|provider|bank|network|supplier|company|deal|contract|department|team|role|job|position|account|card|phone|sim|broadband|fibre|fiber|option|payment|paperless|direct_debit|queue|system|app|website|online|industry|topic|subject|issue|question|point' },
  { label: 'x', pattern: 'operation|operations|surgery hours|manager|team|centre|center' },
]);

const matcher = new PhraseMatcher(RULES);

export interface LifeEventOptions {
  /** Hits scoring below this are dropped (0..1). */
  minScore: number;
}
export const DEFAULT_LIFE_EVENT_OPTIONS: LifeEventOptions = { minScore: 0.5 };

/** Life events disclosed in `text`: the best hit per event, with its quote. */
export function detectLifeEvents(text: string, opts: Partial<LifeEventOptions> = {}): LifeEvent[] {
  const o = { ...DEFAULT_LIFE_EVENT_OPTIONS, ...opts };
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  const vetoes = VETOES.match(tokens);
  const out: LifeEvent[] = [];
  const seen = new Set<string>();
  for (const hit of matcher.match(tokens)) {
    if (hit.score < o.minScore || seen.has(hit.label)) continue;
    if (vetoes.some((v) => v.startTok < hit.endTok && hit.startTok < v.endTok)) continue;
    seen.add(hit.label);
    out.push({ name: hit.label, quote: quoteAround(text, tokens, hit.startTok, hit.endTok), score: Math.round(hit.score * 100) / 100 });
  }
  return out;
}

