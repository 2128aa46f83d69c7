// The send guard's decisions that need no DOM: does this key send, and what does an analysis mean
// for the send at hand? Pure, unit-tested in Node (test/unit/guard-logic.test.ts).
import { ACTION_RANK, effectiveAction, overrideOffer, type Analysis, type Finding, type Mode, type Policy, type Reason, type SiteId } from '../core/index.js';
import type { EnterMode } from '../sites/types.js';

export interface KeyInfo {
  key: string;
  code?: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing: boolean;
  keyCode: number;
}

/** An Enter that commits an IME composition (keyCode 229 is what Chromium reports while composing). */
export function isImeKey(k: KeyInfo): boolean {
  return k.isComposing || k.keyCode === 229;
}

export function isEnter(k: KeyInfo): boolean {
  return k.key === 'Enter' || k.code === 'Enter' || k.code === 'NumpadEnter';
}

/**
 * Does this keydown send the draft, in an editor whose plain Enter behaves as `mode` says?
 * - never while an IME composes;
 * - Ctrl/Cmd+Enter always sends (both sites; Teams' expanded box sends only so);
 * - Shift+Enter is a line break;
 * - plain Enter (also with Alt) sends unless the editor makes it a paragraph.
 */
export function keySends(k: KeyInfo, mode: EnterMode): boolean {
  if (!isEnter(k) || isImeKey(k)) return false;
  if (k.ctrlKey || k.metaKey) return true;
  if (k.shiftKey) return false;
  return mode === 'enter-sends';
}

export interface Draft {
  text: string;
  images: number;
  files: number;
}

export type Verdict =
  /** `monitored`: monitor mode let it through; what enforce mode would have done (for the audit log, issue 6). */
  | { kind: 'allow'; monitored?: { action: 'warn' | 'block'; reasons: Reason[] } }
  /** Hold the send and show the dialog. "Send anyway" only where the policy offers it (never on block). */
  | { kind: 'hold'; action: 'warn' | 'block'; findings: Finding[]; reasons: Reason[]; failed: boolean; sendAnyway: boolean };

function hold(policy: Policy, action: string, findings: Finding[], reasons: Reason[], failed: boolean): Verdict {
  // Anything but an explicit warn holds as a block: an unexpected value must not open a way to send.
  const a = action === 'warn' ? 'warn' : 'block';
  const sendAnyway = overrideOffer({ action: a, reasons }, policy)?.sendAnyway === true;
  return { kind: 'hold', action: a, findings, reasons, failed, sendAnyway };
}

/**
 * What the send guard does with a draft. `run` is the engine call; a throw or an engine error holds
 * the message as the policy's onError says (fail closed: never an unchecked send by accident).
 */
/**
 * The hold when the check itself could not run (guard bug, failed image check): policy.onError as the
 * mode makes it (training: a warning that can always be sent anyway).
 */
export function failureVerdict(policy: Policy): Extract<Verdict, { kind: 'hold' }> {
  const action = effectiveAction(policy.onError, policy.mode);
  return hold(policy, action === 'allow' ? policy.onError : action, [], [], true) as Extract<Verdict, { kind: 'hold' }>;
}

/** What a failed check means for the send: as failureVerdict, except that monitor mode never interrupts. */
export function onFailure(policy: Policy): Verdict {
  return effectiveAction(policy.onError, policy.mode) === 'allow' ? { kind: 'allow' } : failureVerdict(policy);
}

/** False when the policy switches SendGuard off on this site (the organisation's or the user's choice). */
export function siteEnabled(policy: Policy, site: SiteId): boolean {
  return policy.sites?.[site]?.enabled !== false;
}

export function verdict(draft: Draft, policy: Policy, run: (text: string) => Analysis): Verdict {
  // Nothing typed: nothing to check. Images and files are reported for OCR (issue 5), not held now.
  if (draft.text.trim() === '') return { kind: 'allow' };
  let analysis: Analysis;
  try {
    analysis = run(draft.text);
  } catch {
    return onFailure(policy);
  }
  const { action, reasons } = analysis.decision;
  if (analysis.error) {
    // The engine reports its own failure with the policy's onError (possibly relaxed by the mode);
    // "allow" there means the policy chose to let unchecked messages through (monitor mode).
    return action === 'allow' ? { kind: 'allow' } : hold(policy, action, analysis.findings, reasons, true);
  }
  if (action === 'allow') {
    const would = analysis.decision.policyAction;
    return would === 'warn' || would === 'block' ? { kind: 'allow', monitored: { action: would, reasons } } : { kind: 'allow' };
  }
  return hold(policy, action, analysis.findings, reasons, false);
}

/** What the dialog shows beyond the findings, from the policy (issue 4). */
export interface DialogExtras {
  /** The organisation's texts in the UI language: title replaces the dialog's title, body is an extra paragraph. */
  org: { title?: string; body?: string; guidanceUrl?: string };
  /** Messages of the custom rules that matched, in the UI language (the other language if only that one exists). */
  ruleMessages: string[];
  /** Set when "Send anyway" needs a reason: the organisation's choices (a typed reason is always possible). */
  justification?: { choices: string[] };
  mode: Mode;
}

export function dialogExtras(v: Extract<Verdict, { kind: 'hold' }>, policy: Policy, uiLanguage: string): DialogExtras {
  const de = uiLanguage.toLowerCase().startsWith('de');
  const texts = (de ? policy.texts?.de : policy.texts?.en) ?? {};
  const org: DialogExtras['org'] = {};
  if (texts.title?.trim()) org.title = texts.title.trim();
  if (texts.body?.trim()) org.body = texts.body.trim();
  if (policy.texts?.guidanceUrl) org.guidanceUrl = policy.texts.guidanceUrl;
  const ruleMessages = [...new Set(v.reasons.flatMap((r) => {
    const m = r.message;
    const text = m ? (de ? (m.de ?? m.en) : (m.en ?? m.de)) : undefined;
    return text?.trim() ? [text.trim()] : [];
  }))];
  const offer = v.sendAnyway ? overrideOffer({ action: v.action, reasons: v.reasons }, policy) : undefined;
  return {
    org,
    ruleMessages,
    ...(offer?.requireJustification ? { justification: { choices: offer.justificationChoices } } : {}),
    mode: policy.mode,
  };
}

/** Between the caption and each image's text in the combined text (no recognizer matches across it). */
export const IMAGE_TEXT_SEPARATOR = '\n\n';

export interface ImageOutcome {
  verdict: Verdict;
  /** Caption + image texts as analysed: the findings' offsets point into it (for the dialog's excerpts). */
  text: string;
  /** Images that could not be read. */
  failed: number;
}

/**
 * Caption and image texts judged together (issue 5): one analysis of the caption followed by the
 * images' OCR text (`run(text, ocrFrom)` analyses with OCR tolerance from `ocrFrom` on), so a name in
 * the caption and a diagnosis in the picture count together. Images that could not be read add the
 * policy's `ocrFailure` (`failure()` is ocrFailureAnalysis): alone they hold the send as "could not be
 * checked"; next to findings the stricter action wins and the dialog shows the findings.
 */
export function imageVerdict(
  caption: string,
  texts: readonly string[],
  failures: readonly string[],
  policy: Policy,
  run: (text: string, ocrFrom: number) => Analysis,
  failure: (reason: string) => Analysis,
): ImageOutcome {
  const readable = texts.filter((t) => t.trim() !== '');
  const prefix = caption && readable.length ? caption + IMAGE_TEXT_SEPARATOR : caption;
  const text = prefix + readable.join(IMAGE_TEXT_SEPARATOR);
  const ocrFrom = readable.length ? prefix.length : text.length;
  const v = verdict({ text, images: 0, files: 0 }, policy, (t) => run(t, ocrFrom));
  if (failures.length === 0) return { verdict: v, text, failed: 0 };
  const f = verdict({ text: 'image', images: 0, files: 0 }, policy, () => failure(failures[0]!));
  if (f.kind === 'allow') return { verdict: v, text, failed: failures.length };
  if (v.kind === 'allow' || v.failed) return { verdict: f, text, failed: failures.length };
  // Findings and an unreadable image: show the findings, with the stricter of both actions.
  const action = ACTION_RANK[f.action] > ACTION_RANK[v.action] ? f.action : v.action;
  return { verdict: hold(policy, action, v.findings, v.reasons, false), text, failed: failures.length };
}
