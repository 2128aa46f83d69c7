// decide(findings, policy): the verdict for one draft. Pure and cheap.
import { ACTION_RANK, type Action, type DetectorType, type Finding, type Sensitivity } from '../types.js';
import { customRuleAction, effectiveAction, type CustomRule, type Policy } from './policy.js';

/** Minimum score a finding needs to count, by the detector's sensitivity. */
export const THRESHOLDS: Readonly<Record<Sensitivity, number>> = { low: 0.75, medium: 0.5, high: 0.3 };

export interface Reason {
  type: DetectorType;
  action: Action;
  /** Indexes into the findings array given to decide(). */
  findings: number[];
  /** For custom rules (type "custom"): the rule id "custom.<id>"; one reason per rule. */
  rule?: string;
  /** For custom rules: the rule's message for the user, as the admin wrote it. */
  message?: { de?: string; en?: string };
}

export interface Decision {
  /** What happens now, after the policy's mode (monitor → allow, training → at most warn). */
  action: Action;
  /** One reason per detector type (per rule for custom rules) that raised the action, strongest first. */
  reasons: Reason[];
  /**
   * Set only when the mode changed the outcome: what the detectors' settings call for (what enforce
   * mode would do). Monitor and training record this in the audit log.
   */
  policyAction?: Action;
}

export function counts(f: Finding, policy: Policy): boolean {
  return f.score >= THRESHOLDS[policy.detectors[f.type].sensitivity];
}

const rulesById = new WeakMap<Policy, Map<string, CustomRule>>();

function customRule(policy: Policy, ruleId: string): CustomRule | undefined {
  let m = rulesById.get(policy);
  if (!m) {
    m = new Map((policy.customRules ?? []).map((r) => [`custom.${r.id}`, r]));
    rulesById.set(policy, m);
  }
  return m.get(ruleId);
}

/** The configured action for a finding: its detector's, or for a custom finding its rule's. */
export function actionFor(f: Finding, policy: Policy): Action {
  if (f.type !== 'custom') return policy.detectors[f.type].action;
  const rule = customRule(policy, f.rule);
  return rule ? customRuleAction(rule, policy) : policy.detectors.custom.action;
}

/** Apply the policy's mode to a verdict (keeping what enforce would have done in policyAction). */
export function applyMode(action: Action, reasons: Reason[], policy: Pick<Policy, 'mode'>): Decision {
  const effective = effectiveAction(action, policy.mode);
  return effective === action ? { action, reasons } : { action: effective, reasons, policyAction: action };
}

export function decide(findings: readonly Finding[], policy: Policy): Decision {
  const groups = new Map<string, Reason>();
  findings.forEach((f, i) => {
    if (!counts(f, policy)) return;
    const action = actionFor(f, policy);
    if (action === 'allow') return;
    const key = f.type === 'custom' ? f.rule : f.type;
    let r = groups.get(key);
    if (!r) {
      r = { type: f.type, action, findings: [] };
      if (f.type === 'custom') {
        r.rule = f.rule;
        const message = customRule(policy, f.rule)?.message;
        if (message && (message.de || message.en)) r.message = message;
      }
      groups.set(key, r);
    }
    r.findings.push(i);
  });
  const reasons = [...groups.values()].sort((a, b) => ACTION_RANK[b.action] - ACTION_RANK[a.action]);
  return applyMode(reasons[0]?.action ?? 'allow', reasons, policy);
}

export interface OverrideOffer {
  /** Whether "Send anyway" is offered. Never for a block. */
  sendAnyway: boolean;
  requireJustification: boolean;
  /** Reasons to pick from (a free-text field is always offered too). */
  justificationChoices: string[];
}

/**
 * What the warning dialog offers for a decision; undefined when there is no dialog (allow).
 * Training mode always offers "Send anyway" (it explains, it never stops anyone).
 */
export function overrideOffer(decision: Decision, policy: Policy): OverrideOffer | undefined {
  if (decision.action === 'allow') return undefined;
  const sendAnyway = decision.action === 'warn' && (policy.override.allowed || policy.mode === 'training');
  return {
    sendAnyway,
    requireJustification: sendAnyway && policy.override.requireJustification,
    justificationChoices: sendAnyway ? [...policy.override.justificationChoices] : [],
  };
}
