// The send guard's decisions that need no DOM: does this key send, and what does an analysis mean
// for the send at hand? Pure, unit-tested in Node (test/unit/guard-logic.test.ts).
import { overrideOffer, type Analysis, type Finding, type Policy, type Reason } from '../core/index.js';
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
  | { kind: 'allow' }
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
/** The verdict when the check itself could not run (guard bug, failed image check): hold per onError. */
export function failureVerdict(policy: Policy): Extract<Verdict, { kind: 'hold' }> {
  return hold(policy, policy.onError, [], [], true) as Extract<Verdict, { kind: 'hold' }>;
}

export function verdict(draft: Draft, policy: Policy, run: (text: string) => Analysis): Verdict {
  // Nothing typed: nothing to check. Images and files are reported for OCR (issue 5), not held now.
  if (draft.text.trim() === '') return { kind: 'allow' };
  let analysis: Analysis;
  try {
    analysis = run(draft.text);
  } catch {
    return failureVerdict(policy);
  }
  const { action, reasons } = analysis.decision;
  if (analysis.error) {
    // The engine reports its own failure with the policy's onError (possibly relaxed by the mode);
    // "allow" there means the policy chose to let unchecked messages through (monitor mode).
    return action === 'allow' ? { kind: 'allow' } : hold(policy, action, analysis.findings, reasons, true);
  }
  if (action === 'allow') return { kind: 'allow' };
  return hold(policy, action, analysis.findings, reasons, false);
}
