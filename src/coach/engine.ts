import { watch, type FSWatcher } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Logger } from '../log.ts';
import { RuleCallCoach } from './call-coach.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { loadRulePack, type RulePack } from './rule-pack.ts';
import type { CallCoach } from './types.ts';

export type { CallCoach, PromptDraft } from './types.ts';
export type { Severity } from '../events.ts';

// The coaching engine: one per process. It holds the active rule pack and the knowledge base and hands each call
// a cheap CallCoach. A reload swaps the pack atomically for calls that start afterwards (a call in progress
// keeps the pack it started with, so its rule state — a disclosure already heard, a silence already reported —
// stays consistent); a pack that fails to read or validate is refused and the previous one stays active.

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_RULE_PACK_PATH = resolve(PROJECT_ROOT, 'rules/default.yaml');
export const DEFAULT_KB_DIR = resolve(PROJECT_ROOT, 'kb');

export interface RuleEngineOptions {
  /** Rule pack file (.yaml/.yml/.json); relative paths resolve from the working directory. */
  rulePackPath?: string;
  /** Folder of Markdown articles for the `knowledge` rule. */
  kbDir?: string;
  log?: Logger;
  /** Called with the pack when it is loaded and after every successful reload (e.g. to update the recognizer's phrase hints). */
  onPack?: (pack: RulePack) => void;
}

export class RuleEngine {
  private pack: RulePack;
  private packPath: string;
  private reloads = 0;

  private constructor(pack: RulePack, path: string, private readonly kb: KnowledgeBase, private readonly log?: Logger,
    private readonly onPack?: (pack: RulePack) => void) {
    this.pack = pack;
    this.packPath = path;
    onPack?.(pack);
  }

  /** Loads and validates the rule pack and indexes the knowledge base; throws AppError('CONFIG_INVALID') on either. */
  static async load(opts: RuleEngineOptions = {}): Promise<RuleEngine> {
    const path = resolve(opts.rulePackPath ?? DEFAULT_RULE_PACK_PATH);
    const [pack, kb] = await Promise.all([loadRulePack(path), KnowledgeBase.load(resolve(opts.kbDir ?? DEFAULT_KB_DIR))]);
    opts.log?.info({ rulePack: pack.name, rules: pack.rules.length, articles: kb.size }, 'coaching rules loaded');
    return new RuleEngine(pack, path, kb, opts.log, opts.onPack);
  }

  /** Re-reads the pack (or another file, which then becomes the pack's path). Throws and keeps the active pack on a bad file. */
  async reload(path?: string): Promise<void> {
    const p = path ? resolve(path) : this.packPath;
    const pack = await loadRulePack(p);
    this.pack = pack;
    this.packPath = p;
    this.reloads++;
    this.onPack?.(pack);
    this.log?.info({ rulePack: pack.name, rules: pack.rules.length, reloads: this.reloads }, 'coaching rules reloaded');
  }

  forCall(callId: string): CallCoach {
    return new RuleCallCoach(callId, this.pack.rules, this.kb, this.log);
  }

  /** The active pack (read-only view, e.g. for an admin endpoint). */
  get rulePack(): Readonly<RulePack> { return this.pack }
  get rulePackPath(): string { return this.packPath }
  get knowledgeBase(): KnowledgeBase { return this.kb }

  /**
   * Reloads the pack when its file changes (editors write in bursts, hence the debounce, ms). A bad edit is
   * logged and refused; the previous pack stays active. Returns a function that stops watching.
   */
  watch(opts: { debounceMs?: number; onReload?: (err: Error | null) => void } = {}): () => void {
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    const fire = () => {
      this.reload().then(() => opts.onReload?.(null), (err: Error) => {
        this.log?.warn({ code: (err as { code?: string }).code, err: err.message }, 'rule pack refused; previous pack stays active');
        opts.onReload?.(err);
      });
    };
    // Watch the folder: an editor that saves by rename replaces the file's inode, which a file watch would lose.
    const dir = resolve(this.packPath, '..');
    const name = this.packPath.slice(dir.length + 1);
    watcher = watch(dir, (_event, file) => {
      if (file !== null && file !== name) return;
      clearTimeout(timer);
      timer = setTimeout(fire, opts.debounceMs ?? 200);
    });
    return () => { clearTimeout(timer); watcher?.close(); watcher = undefined };
  }
}
