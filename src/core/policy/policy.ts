// The policy: the JSON object admins deploy (managed storage) and the CLI reads (--policy).
// parsePolicy never throws and never weakens protection silently: every problem is reported and
// the affected part falls back to the default.
import { ACTIONS, DETECTOR_TYPES, isDetectorType, type Action, type DetectorType, type Sensitivity } from '../types.js';

export interface DetectorPolicy {
  action: Action;
  sensitivity: Sensitivity;
}

export interface Policy {
  detectors: Record<DetectorType, DetectorPolicy>;
  /** Client names as the admin wrote them. */
  clients: string[];
  /** Terms that are never flagged (compared case-insensitively against a finding's text). */
  allowlist: string[];
  /** What happens when detection itself fails (an exception in a recognizer). */
  onError: 'block' | 'warn';
}

export const DEFAULT_ACTIONS: Readonly<Record<DetectorType, Action>> = {
  iban: 'warn',
  health: 'warn',
  client_name: 'block',
  credit_card: 'block',
  de_tax_id: 'warn',
  de_kvnr: 'warn',
  email: 'allow',
  phone: 'allow',
  person_name: 'allow',
};

export function defaultPolicy(): Policy {
  const detectors = {} as Record<DetectorType, DetectorPolicy>;
  for (const t of DETECTOR_TYPES) detectors[t] = { action: DEFAULT_ACTIONS[t], sensitivity: 'medium' };
  return { detectors, clients: [], allowlist: [], onError: 'block' };
}

export interface PolicyProblem {
  /** JSON path of the problem, e.g. "detectors.iban.action". */
  path: string;
  /** What is wrong, in plain words. */
  message: string;
  /** What happens instead. */
  fallback: string;
}

export interface ParsedPolicy {
  policy: Policy;
  problems: PolicyProblem[];
}

const SENSITIVITIES: readonly Sensitivity[] = ['low', 'medium', 'high'];
const MAX_CLIENTS = 20000;
const MAX_NAME_LENGTH = 200;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'string') return `"${x.length > 40 ? x.slice(0, 40) + '…' : x}"`;
  return typeof x === 'object' ? 'an object' : `${typeof x} ${String(x)}`;
}

function stringList(
  value: unknown,
  path: string,
  problems: PolicyProblem[],
  max: number,
): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push({ path, message: `must be a list of strings, got ${describe(value)}`, fallback: 'the list is treated as empty' });
    return [];
  }
  const out: string[] = [];
  value.forEach((v, i) => {
    if (typeof v !== 'string' || v.trim() === '') {
      problems.push({ path: `${path}[${i}]`, message: `must be a non-empty string, got ${describe(v)}`, fallback: 'this entry is ignored' });
    } else if (v.length > MAX_NAME_LENGTH) {
      problems.push({ path: `${path}[${i}]`, message: `is longer than ${MAX_NAME_LENGTH} characters`, fallback: 'this entry is ignored' });
    } else out.push(v.trim());
  });
  if (out.length > max) {
    problems.push({ path, message: `has ${out.length} entries, more than the supported ${max}`, fallback: `only the first ${max} are used` });
    return out.slice(0, max);
  }
  return out;
}

/** Parse and validate a policy object (already JSON-decoded). Never throws. */
export function parsePolicy(input: unknown): ParsedPolicy {
  const policy = defaultPolicy();
  const problems: PolicyProblem[] = [];
  if (input === undefined || input === null) return { policy, problems };
  if (!isObject(input)) {
    problems.push({ path: '', message: `the policy must be a JSON object, got ${describe(input)}`, fallback: 'the default policy applies' });
    return { policy, problems };
  }
  for (const key of Object.keys(input)) {
    if (!['detectors', 'clients', 'allowlist', 'onError'].includes(key)) {
      problems.push({ path: key, message: 'is not a known policy setting', fallback: 'it is ignored' });
    }
  }
  const dets = input['detectors'];
  if (dets !== undefined) {
    if (!isObject(dets)) {
      problems.push({ path: 'detectors', message: `must be an object, got ${describe(dets)}`, fallback: 'all detectors use their default actions' });
    } else {
      for (const [type, conf] of Object.entries(dets)) {
        if (!isDetectorType(type)) {
          problems.push({ path: `detectors.${type}`, message: `"${type}" is not a known detector type (known: ${DETECTOR_TYPES.join(', ')})`, fallback: 'it is ignored' });
          continue;
        }
        if (!isObject(conf)) {
          problems.push({ path: `detectors.${type}`, message: `must be an object like {"action": "warn"}, got ${describe(conf)}`, fallback: `the default action "${DEFAULT_ACTIONS[type]}" applies` });
          continue;
        }
        for (const k of Object.keys(conf)) {
          if (k !== 'action' && k !== 'sensitivity') problems.push({ path: `detectors.${type}.${k}`, message: 'is not a known detector setting', fallback: 'it is ignored' });
        }
        const action = conf['action'];
        if (action !== undefined) {
          if (typeof action === 'string' && (ACTIONS as readonly string[]).includes(action)) policy.detectors[type].action = action as Action;
          else problems.push({ path: `detectors.${type}.action`, message: `must be "allow", "warn" or "block", got ${describe(action)}`, fallback: `the default action "${DEFAULT_ACTIONS[type]}" applies` });
        }
        const sens = conf['sensitivity'];
        if (sens !== undefined) {
          if (typeof sens === 'string' && (SENSITIVITIES as readonly string[]).includes(sens)) policy.detectors[type].sensitivity = sens as Sensitivity;
          else problems.push({ path: `detectors.${type}.sensitivity`, message: `must be "low", "medium" or "high", got ${describe(sens)}`, fallback: 'sensitivity "medium" applies' });
        }
      }
    }
  }
  policy.clients = stringList(input['clients'], 'clients', problems, MAX_CLIENTS);
  policy.allowlist = stringList(input['allowlist'], 'allowlist', problems, MAX_CLIENTS);
  const onError = input['onError'];
  if (onError !== undefined) {
    if (onError === 'block' || onError === 'warn') policy.onError = onError;
    else problems.push({ path: 'onError', message: `must be "block" or "warn", got ${describe(onError)}`, fallback: '"block" applies' });
  }
  return { policy, problems };
}

export function formatProblem(p: PolicyProblem): string {
  return `${p.path || '(policy)'}: ${p.message}; ${p.fallback}.`;
}
