import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../errors.ts';

// The local knowledge base: a folder of Markdown articles (optional YAML front matter with `title` and `tags`),
// indexed once at start with MiniSearch (BM25+). A question becomes the best article's title and the snippet of
// its body that shares the most words with the question. Terms are lower-cased, stop words dropped and plurals
// and -ing/-ed endings folded so "payments" finds "payment" and "moving" finds "move".

export interface Article { id: string; title: string; tags: string[]; body: string }
export interface KbHit { article: Article; score: number; snippet: string }

const STOP_WORDS = new Set(('a about am an and any are as at be been being but by can could did do does doing for from '
  + 'get got had has have having he her here hi hello his how i if im in into is it its ive just know let like me '
  + 'my need no not now of oh ok okay on or our please so some that the their them then there they this to uh um '
  + 'up us very was we well were what when where which who why will with would yeah yes you your youre want '
  + 'wanted wondering wonder tell thanks thank hey could should sorry much many one also again really support team '
  + 'help today time thing things something someone anything way sure right go going said say').split(' '));

/** Folds a word to a crude stem shared by the index and the query. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export function processTerm(term: string): string | null {
  const t = term.toLowerCase().replace(/['’]/g, '');
  if (t.length < 2 || STOP_WORDS.has(t) || /^\d+$/.test(t)) return null;
  return stem(t);
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Parses one article: front matter (title, tags), else the first `# ` heading as the title. */
export function parseArticle(id: string, markdown: string): Article {
  let text = markdown;
  let meta: { title?: unknown; tags?: unknown } = {};
  const fm = FRONT_MATTER.exec(text);
  if (fm) {
    try {
      meta = (parseYaml(fm[1]) ?? {}) as typeof meta;
    } catch (err) {
      throw new AppError('CONFIG_INVALID', `knowledge base article ${id}: front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
    text = text.slice(fm[0].length);
  }
  const heading = /^#\s+(.+)$/m.exec(text);
  const title = typeof meta.title === 'string' ? meta.title : heading?.[1]?.trim() ?? id;
  if (heading && heading[1].trim() === title) text = text.replace(heading[0], '');
  const tags = Array.isArray(meta.tags) ? meta.tags.map(String) : [];
  // Plain text for search and snippets: no heading marks, emphasis, links or list bullets.
  const body = text.replace(/^#+\s*/gm, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '')
    .replace(/^\s*[-+]\s+/gm, '').replace(/\n{2,}/g, '\n').trim();
  return { id, title, tags, body };
}

export interface SearchOptions { snippetChars: number }

export class KnowledgeBase {
  private readonly index: MiniSearch<Article>;
  private readonly byId = new Map<string, Article>();

  constructor(articles: Article[]) {
    this.index = new MiniSearch<Article>({
      fields: ['title', 'tags', 'body'],
      extractField: (doc, field) => (field === 'tags' ? doc.tags.join(' ') : (doc as unknown as Record<string, string>)[field]),
      processTerm,
      searchOptions: {
        boost: { title: 2.5, tags: 2, body: 1 },
        // ASR misspells long words; short ones fuzz into other words.
        fuzzy: (term) => (term.length >= 6 ? 1 : false),
        weights: { fuzzy: 0.4, prefix: 0.3 },
        combineWith: 'OR',
      },
    });
    for (const a of articles) this.byId.set(a.id, a);
    this.index.addAll(articles);
  }

  /** Reads every `*.md` file of `dir` (not recursive); article ids are the file names without `.md`. */
  static async load(dir: string): Promise<KnowledgeBase> {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md').sort();
    } catch (err) {
      throw new AppError('CONFIG_INVALID', `knowledge base folder ${dir} cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, { cause: err });
    }
    const articles = await Promise.all(names.map(async (n) => parseArticle(n.slice(0, -3), await readFile(join(dir, n), 'utf8'))));
    return new KnowledgeBase(articles);
  }

  get size(): number { return this.byId.size }

  /** The best article for `query` (any score; the caller applies its minimum), or null when nothing matches. */
  search(query: string, opts: SearchOptions = { snippetChars: 220 }): KbHit | null {
    const best = this.index.search(query)[0];
    if (!best) return null;
    const article = this.byId.get(String(best.id))!;
    return { article, score: best.score, snippet: snippetFor(article.body, query, opts.snippetChars) };
  }
}

/** The sentence sharing the most terms with the query, with the sentences after it, cut to `maxChars`. */
export function snippetFor(body: string, query: string, maxChars: number): string {
  const terms = (s: string) => new Set(s.split(/[^\p{L}\p{N}']+/u).map(processTerm).filter((t): t is string => !!t));
  const q = terms(query);
  const sentences = body.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
  let bestI = 0, bestN = -1;
  sentences.forEach((s, i) => {
    let n = 0;
    for (const t of terms(s)) if (q.has(t)) n++;
    if (n > bestN) { bestN = n; bestI = i }
  });
  let out = '';
  for (let i = bestI; i < sentences.length; i++) {
    const next = out ? `${out} ${sentences[i]}` : sentences[i];
    if (next.length > maxChars) {
      if (!out) out = `${next.slice(0, maxChars - 1).replace(/\s+\S*$/, '')}…`;
      break;
    }
    out = next;
  }
  return out;
}
