// Live hints: sensitive spans in the compose box are marked while the person types, before anything
// is sent. Marks are CSS Custom Highlights (ranges registered with CSS.highlights, painted by a
// ::highlight() rule): nothing is written into the editor, so Lexical and CKEditor have nothing to
// revert and the draft stays exactly as typed (shared/research/sites.md §4.2; anchors.md §3: DOM-based
// highlighting lagged editors, the Highlight API did not).
//
// Cost: one MutationObserver on the focused editor only (its callback just re-arms a timer); the
// analysis runs 150 ms after typing pauses, or every 600 ms during continuous typing, off the input
// event. A run is the same engine call as a send (~1 ms for 1,000 characters); each run's duration is
// kept (numbers only) for the figure in docs/extension.md.
import { analyze, effectiveAction, type DetectorType, type Policy } from '../core/index.js';
import type { SiteAdapter } from '../sites/index.js';
import { editableText } from '../sites/dom.js';
import { siteEnabled } from './logic.js';
import { Indicator } from './hints-indicator.js';

export const HIGHLIGHT_NAMES = { warn: 'sendguard-warn', block: 'sendguard-block' } as const;

const DEBOUNCE_MS = 150;
const MAX_WAIT_MS = 600;
/** Longer drafts are checked when sent, not while typing. */
const MAX_CHARS = 20_000;

const HIGHLIGHT_CSS = `
::highlight(${HIGHLIGHT_NAMES.warn}) {
  background-color: rgba(245, 158, 11, .26);
  text-decoration: underline wavy #d97706; text-decoration-thickness: 1.5px; text-underline-offset: 3px;
}
::highlight(${HIGHLIGHT_NAMES.block}) {
  background-color: rgba(239, 68, 68, .22);
  text-decoration: underline wavy #dc2626; text-decoration-thickness: 1.5px; text-underline-offset: 3px;
}`;

interface Marks {
  warn: Range[];
  block: Range[];
  types: DetectorType[];
  action: 'warn' | 'block' | null;
}

export class LiveHints {
  /** Each hint run: when it started and how long it took, in ms (numbers only, no text). */
  readonly timings: { at: number; ms: number }[] = [];
  private readonly marks = new Map<HTMLElement, Marks>();
  private focused: HTMLElement | null = null;
  private observer: MutationObserver | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPending = 0;
  private sheet: CSSStyleSheet | HTMLStyleElement | null = null;
  private readonly indicator: Indicator;

  constructor(
    private readonly adapter: SiteAdapter,
    private readonly policy: () => Policy,
    private readonly win: Window = window,
  ) {
    this.indicator = new Indicator(win.document);
  }

  install(): void {
    const opts = { capture: true, passive: true } as const;
    this.win.addEventListener('focusin', (e) => this.onFocusIn(e), opts);
    this.win.addEventListener('focusout', (e) => this.onFocusOut(e), opts);
  }

  /** Re-check now (policy changed, a dialog closed). */
  refresh(): void {
    if (this.focused) this.schedule(0);
    else this.paint();
  }

  private onFocusIn(e: FocusEvent): void {
    let el: HTMLElement | null = null;
    try {
      el = this.adapter.editorFromEvent(e)?.el ?? null;
    } catch {
      el = null;
    }
    if (!el || el === this.focused) return;
    this.detach();
    if (!siteEnabled(this.policy(), this.adapter.id)) return;
    this.focused = el;
    // Any change of the editor's DOM — typing, paste, the site clearing it after a send, a draft
    // restored on a chat switch — re-arms the timer; nothing else happens in the callback.
    this.observer = new MutationObserver(() => this.schedule());
    this.observer.observe(el, { childList: true, characterData: true, subtree: true });
    this.indicator.show(el);
    this.schedule(0);
  }

  private onFocusOut(e: FocusEvent): void {
    const next = e.relatedTarget;
    if (!this.focused || (next instanceof Node && this.focused.contains(next))) return;
    // Leaving with a check still pending (e.g. Enter right after typing opens the dialog): mark the
    // final text now, so the draft behind the dialog shows what the dialog is about.
    if (this.timer !== undefined) this.run();
    this.detach();
  }

  private detach(): void {
    this.observer?.disconnect();
    this.observer = null;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firstPending = 0;
    this.focused = null;
    this.indicator.hide();
  }

  private schedule(delay = DEBOUNCE_MS): void {
    const now = performance.now();
    if (!this.firstPending) this.firstPending = now;
    // Continuous typing never pauses: run at least every MAX_WAIT_MS.
    const wait = Math.max(0, Math.min(delay, this.firstPending + MAX_WAIT_MS - now));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), wait);
  }

  private run(): void {
    this.timer = undefined;
    this.firstPending = 0;
    const el = this.focused;
    if (!el) return;
    const t0 = performance.now();
    const marks: Marks = { warn: [], block: [], types: [], action: null };
    const policy = this.policy();
    try {
      if (el.isConnected && siteEnabled(policy, this.adapter.id) && policy.hints?.enabled !== false) {
        const doc = editableText(el);
        if (doc.text.length <= MAX_CHARS && doc.text.trim() !== '') {
          const a = analyze(doc.text, policy);
          for (const r of a.decision.reasons) {
            // As the send would be treated: monitor mode never interrupts, so it shows nothing either.
            const action = effectiveAction(r.action, policy.mode);
            if (action === 'allow') continue;
            if (!marks.types.includes(r.type)) marks.types.push(r.type);
            if (action === 'block' || !marks.action) marks.action = action;
            for (const i of r.findings) {
              const f = a.findings[i];
              const range = f ? doc.range(f.start, f.end) : null;
              if (range) marks[action].push(range);
            }
          }
        }
      }
    } catch {
      // A hint is a courtesy: if anything fails here, show none (the send itself is still checked).
      marks.warn = [];
      marks.block = [];
      marks.types = [];
      marks.action = null;
    }
    this.marks.set(el, marks);
    this.paint();
    this.indicator.update(marks.types, marks.action, policy.hints?.enabled !== false);
    if (this.timings.length >= 2000) this.timings.shift();
    this.timings.push({ at: t0, ms: performance.now() - t0 });
  }

  /** Register all editors' ranges with the highlight registry (editors gone from the page are forgotten). */
  private paint(): void {
    const registry = (this.win as unknown as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
    const Ctor = (this.win as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
    if (!registry || !Ctor) return;
    this.ensureStyle();
    const all = { warn: [] as Range[], block: [] as Range[] };
    for (const [el, m] of this.marks) {
      if (!el.isConnected) {
        this.marks.delete(el);
        continue;
      }
      all.warn.push(...m.warn);
      all.block.push(...m.block);
    }
    for (const kind of ['warn', 'block'] as const) {
      if (all[kind].length) registry.set(HIGHLIGHT_NAMES[kind], new Ctor(...all[kind]));
      else registry.delete(HIGHLIGHT_NAMES[kind]);
    }
  }

  /** The ::highlight() rules live in the page's document (highlights paint the page's own text). */
  private ensureStyle(): void {
    const doc = this.win.document;
    if (this.sheet instanceof CSSStyleSheet) {
      if (!doc.adoptedStyleSheets.includes(this.sheet)) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, this.sheet];
      return;
    }
    if (this.sheet?.isConnected) return;
    try {
      // A constructed sheet needs no <style> element and no 'unsafe-inline' in the page's CSP.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(HIGHLIGHT_CSS);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      this.sheet = sheet;
    } catch {
      const style = doc.createElement('style');
      style.textContent = HIGHLIGHT_CSS;
      (doc.head ?? doc.documentElement).append(style);
      this.sheet = style;
    }
  }
}
