// decide(findings, policy): the verdict for one draft. Pure and cheap.
import { ACTION_RANK, type Action, type DetectorType, type Finding, type Sensitivity } from '../types.js';
import type { Policy } from './policy.js';

/** Minimum score a finding needs to count, by the detector's sensitivity. */
export const THRESHOLDS: Readonly<Record<Sensitivity, number>> = { low: 0.75, medium: 0.5, high: 0.3 };

export interface Reason {
  type: DetectorType;
  action: Action;
  /** Indexes into the findings array given to decide(). */
  findings: number[];
}

export interface Decision {
  action: Action;
  /** One reason per detector type that raised the action, strongest first. */
  reasons: Reason[];
}

export function counts(f: Finding, policy: Policy): boolean {
  return f.score >= THRESHOLDS[policy.detectors[f.type].sensitivity];
}

export function decide(findings: readonly Finding[], policy: Policy): Decision {
  const byType = new Map<DetectorType, Reason>();
  findings.forEach((f, i) => {
    if (!counts(f, policy)) return;
    const action = policy.detectors[f.type].action;
    if (action === 'allow') return;
    let r = byType.get(f.type);
    if (!r) byType.set(f.type, (r = { type: f.type, action, findings: [] }));
    r.findings.push(i);
  });
  const reasons = [...byType.values()].sort((a, b) => ACTION_RANK[b.action] - ACTION_RANK[a.action]);
  const action: Action = reasons[0]?.action ?? 'allow';
  return { action, reasons };
}
