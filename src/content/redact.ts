// "Mask and send", in the page: each value is replaced through the editor's own input path, then the
// editor's text is read back, and only a draft that is exactly the planned one may be sent.
//
// Why not write the DOM: Lexical (WhatsApp) and CKEditor 5 (Teams) own their model and revert foreign
// DOM writes — the text would look masked and the original would be sent (shared/research/sites.md
// §1.6, §2.7, §4.2). What both accept is input they model themselves:
//   1. a beforeinput "insertReplacementText" over the value's range (Lexical's path, Briskine), then
//   2. a synthetic paste over the selected value (CKEditor's path; works on Lexical too).
// Each is tried only while the text is still the original, and each result is verified. Editors apply
// the selection asynchronously (CKEditor ~350 ms), so the adapter's settle time is waited for first.
import type { Editor, SiteAdapter } from '../sites/index.js';
import { editableText, readEditableText } from '../sites/dom.js';
import { applyReplacements, type MaskPlan } from './redact-plan.js';

const FRAME_FALLBACK_MS = 16;
/** How long an editor may take to apply an input before we look again. */
const APPLY_TIMEOUT_MS = 600;

function nextFrame(win: Window): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    if (typeof win.requestAnimationFrame === 'function') win.requestAnimationFrame(() => done());
    else setTimeout(done, FRAME_FALLBACK_MS);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function settle(win: Window, ms: number): Promise<void> {
  await nextFrame(win);
  await nextFrame(win);
  if (ms > 0) await sleep(ms);
}

/** Wait until the editor's text is no longer `before` (or time is up); returns the text then. */
async function changed(el: HTMLElement, before: string, win: Window): Promise<string> {
  const until = performance.now() + APPLY_TIMEOUT_MS;
  for (;;) {
    await nextFrame(win);
    const now = readEditableText(el);
    if (now !== before || performance.now() > until) return now;
  }
}

type Method = (el: HTMLElement, range: Range, value: string) => void;

const METHODS: readonly Method[] = [
  (el, range, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    el.dispatchEvent(new InputEvent('beforeinput', {
      inputType: 'insertReplacementText', data: value, dataTransfer: data, targetRanges: [new StaticRange(range)],
      bubbles: true, cancelable: true, composed: true,
    }));
  },
  (el, _range, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
  },
];

/** Replace text[start, end) by `value` and verify; true when the editor now holds `after`. */
async function replaceOne(el: HTMLElement, start: number, end: number, value: string, before: string, after: string, settleMs: number): Promise<boolean> {
  const win = el.ownerDocument.defaultView ?? window;
  for (const method of METHODS) {
    const doc = editableText(el);
    if (doc.text === after) return true;
    if (doc.text !== before) return false;
    const range = doc.range(start, end);
    if (!range) return false;
    el.focus({ preventScroll: true });
    const sel = el.ownerDocument.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range.cloneRange());
    await settle(win, settleMs);
    method(el, range, value);
    const now = await changed(el, before, win);
    if (now === after) return true;
    // Anything but "nothing happened" is a state we did not plan for: stop, let the person look.
    if (now !== before) return false;
  }
  return false;
}

/**
 * Carry out `plan` on the editor whose text is `original`, last value first (earlier offsets stay
 * valid). Resolves true only when the editor's text is exactly plan.text afterwards.
 */
export async function applyMask(adapter: SiteAdapter, editor: Editor, original: string, plan: MaskPlan): Promise<boolean> {
  const el = editor.el;
  if (adapter.readDraft(editor) !== original) return false;
  const settleMs = adapter.inputSettleMs ?? 0;
  const reps = plan.replacements;
  for (let i = reps.length - 1; i >= 0; i--) {
    const r = reps[i]!;
    const before = applyReplacements(original, reps, i + 1);
    const after = applyReplacements(original, reps, i);
    if (!(await replaceOne(el, r.start, r.end, r.masked, before, after, settleMs))) return false;
  }
  // Put the caret back at the end, as the person left it.
  const sel = el.ownerDocument.getSelection();
  if (sel) {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    sel.removeAllRanges();
    sel.addRange(range);
  }
  return adapter.readDraft(editor) === plan.text;
}
