// "Mask and send" — which values to mask and whether masking is enough. Pure (unit-tested in Node);
// src/content/redact.ts carries the plan out in the page's editor.
//
// Masking is offered only when the masked message passes the same check a send gets: the policy
// decides, not the dialog. A bank account or card number masked to "DE89 •••• … 00" is no longer one;
// a health term cannot be masked into something harmless, so a message with one is never offered it.
import type { Analysis, DetectorType, Finding, Policy, Reason } from '../core/index.js';
import { displayValue } from '../ui/format.js';
import { verdict } from './logic.js';

/** Types whose value can be replaced by its masked form (numbers and addresses, not words). */
export const MASKABLE: ReadonlySet<DetectorType> = new Set<DetectorType>(['iban', 'credit_card', 'de_tax_id', 'de_kvnr', 'phone', 'email']);

export interface Replacement {
  /** UTF-16 offsets in the draft. */
  start: number;
  end: number;
  masked: string;
}

export interface MaskPlan {
  /** In text order, non-overlapping. */
  replacements: Replacement[];
  /** The draft with every replacement made: what will be sent. */
  text: string;
}

/** The draft with replacements[from..] made (replacements in text order). */
export function applyReplacements(text: string, replacements: readonly Replacement[], from = 0): string {
  let out = text;
  for (let i = replacements.length - 1; i >= from; i--) {
    const r = replacements[i]!;
    out = out.slice(0, r.start) + r.masked + out.slice(r.end);
  }
  return out;
}

/**
 * The plan for a held draft: mask every finding behind the verdict that can be masked. Null when
 * there is none, or when the masked draft would still be held.
 */
export function maskPlan(text: string, findings: readonly Finding[], reasons: readonly Reason[], policy: Policy, run: (text: string) => Analysis): MaskPlan | null {
  const flagged = new Set(reasons.flatMap((r) => r.findings));
  const targets = [...flagged]
    .map((i) => findings[i])
    .filter((f): f is Finding => f !== undefined && MASKABLE.has(f.type) && text.slice(f.start, f.end) === f.text)
    .sort((a, b) => a.start - b.start);
  const replacements: Replacement[] = [];
  for (const f of targets) {
    const prev = replacements[replacements.length - 1];
    if (prev && f.start < prev.end) continue;
    const masked = displayValue(f.type, f.text);
    if (masked === f.text) return null;
    replacements.push({ start: f.start, end: f.end, masked });
  }
  if (replacements.length === 0) return null;
  const masked = applyReplacements(text, replacements);
  return verdict({ text: masked, images: 0, files: 0 }, policy, run).kind === 'allow' ? { replacements, text: masked } : null;
}
