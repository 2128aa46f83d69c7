// The engine: run recognizers → link context across types → resolve overlaps → allow-list → threshold → decide.
// Pure TypeScript; runs unchanged in Node (CLI, tests), the content script and extension pages.
import { DETECTOR_TYPES, type AnalysisContext, type DetectorType, type Finding, type Recognizer, type Sensitivity } from './types.js';
import { lowerSameLength } from './text.js';
import { counts, decide, type Decision } from './policy/decide.js';
import type { Policy } from './policy/policy.js';
import { RECOGNIZERS } from './recognizers/index.js';

export interface AnalyzeOptions {
  /** The text came from OCR: match tolerantly. */
  ocr?: boolean;
}

export interface Analysis {
  /** Findings that count under the policy (above threshold, not allow-listed), sorted by start. */
  findings: Finding[];
  decision: Decision;
  /** Set when a recognizer threw: the decision then follows policy.onError. */
  error?: { recognizer: string; message: string };
}

/** Types whose finding, when it overlaps another type's, wins (checksums first). */
const TYPE_PRIORITY: Record<DetectorType, number> = {
  iban: 9, credit_card: 9, de_tax_id: 9, de_kvnr: 9, email: 8, client_name: 7, health: 5, phone: 4, person_name: 1,
};

/** A health finding this close (characters) to a person reference is about that person: Art. 9 proper. */
const PERSON_LINK_WINDOW = 120;
const PERSON_LINK_BOOST = 0.2;

function strength(f: Finding): number {
  return (f.explanation.validator?.result === 'valid' ? 100 : 0) + TYPE_PRIORITY[f.type] * 2 + f.score;
}

function overlaps(a: Finding, b: Finding): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Keep, of any overlapping findings, the stronger one (same type: the longer, then higher score). */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => strength(b) - strength(a) || (b.end - b.start) - (a.end - a.start));
  const kept: Finding[] = [];
  for (const f of sorted) {
    if (kept.some((k) => overlaps(k, f))) continue;
    kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

function linkPersons(findings: Finding[]): void {
  const persons = findings.filter((f) => f.type === 'client_name' || f.type === 'person_name');
  if (persons.length === 0) return;
  for (const f of findings) {
    if (f.type !== 'health') continue;
    const near = persons.find((p) => Math.max(p.start - f.end, f.start - p.end, 0) <= PERSON_LINK_WINDOW);
    if (!near) continue;
    f.score = Math.min(1, f.score + PERSON_LINK_BOOST);
    f.explanation = {
      ...f.explanation,
      notes: [...(f.explanation.notes ?? []), `near a person reference (${near.type}): score raised by ${PERSON_LINK_BOOST}`],
    };
  }
}

export function buildContext(text: string, policy: Policy, options: AnalyzeOptions = {}): AnalysisContext {
  const sensitivity = {} as Record<DetectorType, Sensitivity>;
  for (const t of DETECTOR_TYPES) sensitivity[t] = policy.detectors[t].sensitivity;
  return {
    text,
    lower: lowerSameLength(text),
    clients: policy.clients.map((name) => ({ name })),
    ocr: options.ocr === true,
    sensitivity,
  };
}

/** All raw findings of all recognizers, before policy thresholds (for tests and the eval). */
export function recognize(ctx: AnalysisContext, recognizers: readonly Recognizer[] = RECOGNIZERS): Finding[] {
  const out: Finding[] = [];
  for (const r of recognizers) {
    if (!r.prefilter(ctx)) continue;
    for (const f of r.analyze(ctx)) out.push(f);
  }
  return out;
}

function allowListed(f: Finding, allow: readonly string[]): boolean {
  if (allow.length === 0) return false;
  const t = f.text.toLowerCase().replace(/\s+/g, ' ').trim();
  return allow.some((a) => a.toLowerCase().replace(/\s+/g, ' ').trim() === t);
}

export function analyze(text: string, policy: Policy, options: AnalyzeOptions = {}): Analysis {
  try {
    const ctx = buildContext(text, policy, options);
    const raw = recognize(ctx);
    linkPersons(raw);
    const source = options.ocr ? 'image' : 'text';
    const findings = resolveOverlaps(raw)
      .filter((f) => !allowListed(f, policy.allowlist))
      .filter((f) => counts(f, policy))
      .map((f) => ({ ...f, source }) as Finding);
    return { findings, decision: decide(findings, policy) };
  } catch (e) {
    // Fail closed (or as the policy says): never let a detection error send a message unchecked.
    const message = e instanceof Error ? e.message : String(e);
    return {
      findings: [],
      decision: { action: policy.onError, reasons: [] },
      error: { recognizer: 'engine', message },
    };
  }
}
