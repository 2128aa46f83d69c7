// DOM helpers shared by the adapters. No site knowledge here: only how rich-text editors in general
// render text (blocks, <br>, filler characters) and how to walk from an event to an element.

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'FIGURE', 'SECTION',
]);

/** Invisible characters editors insert for caret placement (CKEditor's inline filler is 7 × U+2060). */
const FILLERS = /[\u200B\u2060\uFEFF]/g;
const FILLER = /[\u200B\u2060\uFEFF]/;

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** Elements on the event's path, innermost first (crosses open shadow roots). */
export function pathElements(event: Event): Element[] {
  const path = typeof event.composedPath === 'function' ? event.composedPath() : [];
  const out: Element[] = [];
  for (const n of path) if (n instanceof Element) out.push(n);
  if (out.length === 0 && event.target instanceof Element) {
    for (let e: Element | null = event.target; e; e = e.parentElement) out.push(e);
  }
  return out;
}

/** The editing host containing el (the outermost contenteditable element), or null. */
export function editingHost(el: Element | null): HTMLElement | null {
  let host: HTMLElement | null = null;
  for (let e = el; e; e = e.parentElement) {
    if (e instanceof HTMLElement && e.isContentEditable) host = e;
    else if (host) break;
  }
  return host;
}

/** The editing host an event happened in. */
export function editingHostOfEvent(event: Event): HTMLElement | null {
  const first = pathElements(event)[0] ?? null;
  return editingHost(first);
}

/** Button-like elements (button or role=button) on the event's path, innermost first. */
export function buttonsOfEvent(event: Event): HTMLElement[] {
  return pathElements(event).filter(
    (el): el is HTMLElement => el instanceof HTMLElement && (el.tagName === 'BUTTON' || el.getAttribute('role') === 'button'),
  );
}

/**
 * The send button an event happened on: the innermost button-like element that isSend accepts.
 * A voice button on the path wins over everything (it must never be blocked).
 */
export function sendButtonOnPath(
  event: Event,
  isSend: (el: HTMLElement) => boolean,
  isVoice: (el: HTMLElement) => boolean,
): HTMLElement | null {
  for (const b of buttonsOfEvent(event)) {
    if (isVoice(b)) return null;
    if (isSend(b)) return b;
  }
  return null;
}

/**
 * "Send" as a word in the label languages public code has shown (en, de, pt/es, fr, it, nl, pl, tr):
 * the last fallback for a send button whose icon and data attributes changed. A whole word, so
 * "Resend" or "Sendung" do not count; "Send message", "Nachricht senden", "Senden (Strg+Enter)" do.
 */
const SEND_WORD = /(^|[\s(])(send|senden|enviar|envoyer|invia|verzenden|versturen|wyślij|gönder)($|[\s(.…:])/i;

/** Whether an element's accessible label (aria-label, else title) says "send" in a known language. */
export function hasSendLabel(el: Element): boolean {
  const label = el.getAttribute('aria-label') ?? el.getAttribute('title') ?? '';
  return SEND_WORD.test(label.trim());
}

/** First element matching any of the layered selectors (most specific first). */
export function queryFirst(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const s of selectors) {
    const el = root.querySelector(s);
    if (el) return el;
  }
  return null;
}

export function matchesAny(el: Element, selectors: readonly string[]): boolean {
  return selectors.some((s) => el.matches(s));
}

export function closestAny(el: Element, selectors: readonly string[]): Element | null {
  for (const s of selectors) {
    const c = el.closest(s);
    if (c) return c;
  }
  return null;
}

/** Editing hosts in scope that match any of the selectors and pass accept (deduplicated, in selector order). */
export function editorsMatching(scope: ParentNode, selectors: readonly string[], accept: (el: HTMLElement) => boolean): HTMLElement[] {
  const seen = new Set<HTMLElement>();
  for (const sel of selectors) {
    for (const el of scope.querySelectorAll(sel)) {
      const host = editingHost(el);
      if (host && accept(host)) seen.add(host);
    }
  }
  return [...seen];
}

/**
 * The editor a button belongs to: climb from the button until an ancestor contains candidate editors.
 * One candidate: that one. Several (e.g. a pane holding two boxes): the focused one, else the first.
 */
export function nearestEditor(from: Element, candidates: (scope: Element) => HTMLElement[]): HTMLElement | null {
  for (let a = from.parentElement; a; a = a.parentElement) {
    const found = candidates(a);
    if (found.length === 0) continue;
    if (found.length === 1) return found[0]!;
    const active = from.ownerDocument.activeElement;
    return found.find((e) => active !== null && e.contains(active)) ?? found[0]!;
  }
  return null;
}

function isEmojiImage(img: Element): string | null {
  const plain = img.getAttribute('data-plain-text');
  if (plain) return plain;
  const alt = img.getAttribute('alt') ?? '';
  return alt.length > 0 && alt.length <= 8 && EMOJI.test(alt) ? alt : null;
}

/** A piece of an editor's plain text; `node` when it comes from a text node (for mapping back to the DOM). */
interface Piece {
  text: string;
  node?: Text;
  /** Offsets in node of each character of text, when fillers were left out (else character i is at i). */
  at?: number[];
}

/**
 * The plain text an editing host shows, as pieces: blocks and <br> become "\n"; CKEditor's filler <br>
 * and zero-width fillers vanish; a <br> that only keeps an empty line open (at the end of a block)
 * adds nothing; emoji images give their character; other images (attachments) give no text.
 * Placeholders are CSS (::before from data-placeholder / aria-placeholder) or live outside the host,
 * so they never appear here.
 */
function editablePieces(root: Element): Piece[] {
  const blocks: Piece[][] = [];
  let cur: Piece[] | null = null;
  let endsWithBr = false;
  const append = (p: Piece, br = false) => {
    (cur ??= []).push(p);
    endsWithBr = br;
  };
  const flush = () => {
    if (cur !== null) blocks.push(endsWithBr ? cur.slice(0, -1) : cur);
    cur = null;
    endsWithBr = false;
  };
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const raw = node.nodeValue ?? '';
      const text = raw.replace(FILLERS, '');
      // Source formatting between blocks is not content.
      if (cur === null && text.includes('\n') && text.trim() === '') return;
      if (!text) return;
      if (text.length === raw.length) {
        append({ text, node: node as Text });
        return;
      }
      const at: number[] = [];
      for (let i = 0; i < raw.length; i++) if (!FILLER.test(raw[i]!)) at.push(i);
      append({ text, node: node as Text, at });
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    if (el.getAttribute('aria-hidden') === 'true') return;
    const tag = el.tagName;
    if (tag === 'BR') {
      if (!el.hasAttribute('data-cke-filler')) append({ text: '\n' }, true);
      return;
    }
    if (tag === 'IMG') {
      const e = isEmojiImage(el);
      if (e) append({ text: e });
      return;
    }
    if (tag === 'STYLE' || tag === 'SCRIPT' || tag === 'TEMPLATE') return;
    if (!BLOCK_TAGS.has(tag)) {
      for (let c = el.firstChild; c; c = c.nextSibling) visit(c);
      return;
    }
    flush();
    const before = blocks.length;
    for (let c = el.firstChild; c; c = c.nextSibling) visit(c);
    flush();
    // An empty paragraph is an empty line.
    if (blocks.length === before) blocks.push([]);
  };
  for (let c = root.firstChild; c; c = c.nextSibling) visit(c);
  flush();
  return blocks.flatMap((b, i) => (i > 0 ? [{ text: '\n' }, ...b] : b));
}

/** The plain text an editing host shows (see editablePieces). */
export function readEditableText(root: Element): string {
  return editablePieces(root).map((p) => p.text).join('');
}

export interface EditableText {
  /** Exactly readEditableText(root). */
  text: string;
  /**
   * A DOM range over text[start, end) (UTF-16 offsets), from its first to its last character that
   * comes from a text node; null when there is none. Only valid until the editor re-renders.
   */
  range(start: number, end: number): Range | null;
}

/** The editor's plain text with a way back from text offsets to the DOM (live hints, redaction). */
export function editableText(root: Element): EditableText {
  const pieces = editablePieces(root);
  const starts: number[] = [];
  let n = 0;
  for (const p of pieces) {
    starts.push(n);
    n += p.text.length;
  }
  const point = (i: number, edge: 'start' | 'end'): [Text, number] | null => {
    // The text-node character at or after (start) / before (end) offset i.
    const order = edge === 'start' ? pieces.keys() : [...pieces.keys()].reverse();
    for (const k of order) {
      const p = pieces[k]!;
      const s = starts[k]!;
      if (!p.node) continue;
      if (edge === 'start' && s + p.text.length > i) {
        const c = Math.max(0, i - s);
        return [p.node, p.at ? p.at[c]! : c];
      }
      if (edge === 'end' && s < i) {
        const c = Math.min(p.text.length, i - s) - 1;
        return [p.node, (p.at ? p.at[c]! : c) + 1];
      }
    }
    return null;
  };
  return {
    text: pieces.map((p) => p.text).join(''),
    range(start, end) {
      const a = point(start, 'start');
      const b = point(end, 'end');
      if (!a || !b) return null;
      const r = root.ownerDocument.createRange();
      r.setStart(a[0], a[1]);
      r.setEnd(b[0], b[1]);
      return r.collapsed ? null : r;
    },
  };
}

/** Distinct images inside an element that are attachments (not emoji); a preview and its thumbnail count once. */
export function countAttachmentImages(root: Element, exclude?: Element): number {
  const sources = new Set<string>();
  for (const img of root.querySelectorAll('img')) {
    if (exclude?.contains(img) || isEmojiImage(img)) continue;
    sources.add(img.getAttribute('src') ?? `#${sources.size}`);
  }
  return sources.size;
}

/**
 * The attachment images under `root` (not emoji, not inside `exclude`), one per distinct source, for
 * OCR (issue 5): the same images countAttachmentImages counts.
 */
export function attachmentImageElements(root: Element, exclude?: Element): HTMLImageElement[] {
  const seen = new Set<string>();
  const out: HTMLImageElement[] = [];
  for (const img of root.querySelectorAll('img')) {
    if (exclude?.contains(img) || isEmojiImage(img)) continue;
    const src = img.getAttribute('src') ?? '';
    if (!src || seen.has(src)) continue;
    seen.add(src);
    out.push(img);
  }
  return out;
}

/** Put the caret at the end of an editing host without touching its content. */
export function caretToEnd(el: HTMLElement): void {
  el.focus({ preventScroll: false });
  const sel = el.ownerDocument.getSelection();
  if (!sel) return;
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  range.collapse(false);
  sel.removeAllRanges();
  sel.addRange(range);
}
