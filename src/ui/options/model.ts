// The options page's decisions that need no DOM (unit-tested in Node, test/unit/options-model.test.ts):
// which choices a setting offers (only the base value and stricter ones), whether the organisation
// manages it, and how a choice is stored (only what differs from the base, so a later change of the
// organisation's policy or of the defaults still reaches the user).
import { POLICY_SCHEMA, formatProblemIn, isManagedPath, problemLang, schemaNodeAt, type L10n, type Policy, type PolicyProblem, type SchemaNode } from '../../core/index.js';

export type OptionValue = string | boolean;

/** The value at a dotted path ("detectors.iban.action"). */
export function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A copy of `obj` with `path` set to `value` (undefined: removed; objects left empty are removed too). */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  const out: Record<string, unknown> = { ...obj };
  if (head === undefined) return out;
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else out[head] = value;
    return out;
  }
  const child = setPath(isRecord(obj[head]) ? obj[head] : {}, rest.join('.'), value);
  if (Object.keys(child).length === 0) delete out[head];
  else out[head] = child;
  return out;
}

/**
 * The choices a setting offers the user: its base value (the organisation's or the default) and every
 * stricter one, in the schema's order (loosest first). Settings without a "stricter" rule: all values.
 */
export function allowedValues(path: string, base: Policy): OptionValue[] {
  const node = schemaNodeAt(path);
  const rule = node?.merge;
  if (rule?.kind !== 'stricter') {
    if (node?.type === 'boolean') return [false, true];
    return node?.type === 'string' && node.enum ? [...node.enum] : [];
  }
  const from = rule.order.indexOf(getPath(base, path) as OptionValue);
  return from < 0 ? [...rule.order] : rule.order.slice(from);
}

export interface Field {
  /** What applies now (organisation, defaults and the user's own choice combined). */
  value: unknown;
  /** Set by the organisation: shown read-only. */
  managed: boolean;
  /** What the user may choose (empty when managed). */
  choices: OptionValue[];
}

export function field(path: string, effective: Policy, base: Policy, managed: readonly string[]): Field {
  const isManaged = isManagedPath(managed, path);
  return { value: getPath(effective, path), managed: isManaged, choices: isManaged ? [] : allowedValues(path, base) };
}

/**
 * Whether the control can be changed: not managed, and either a choice between allowed values or a
 * stored value outside them (a looser value kept from an older version): the user can always move it
 * back to an allowed one, never further away.
 */
export function editable(f: Field): boolean {
  if (f.managed) return false;
  return f.choices.length > 1 || (f.choices.length > 0 && !f.choices.includes(f.value as OptionValue));
}

/**
 * The user's options after choosing `value` for `path`: a value equal to the base is not stored (the
 * base applies, also when it changes later); a value looser than the base is refused (unchanged).
 */
export function withChoice(user: Record<string, unknown>, path: string, value: OptionValue, base: Policy): Record<string, unknown> {
  const allowed = allowedValues(path, base);
  if (allowed.length > 0 && !allowed.includes(value)) return user;
  return setPath(user, path, value === getPath(base, path) ? undefined : value);
}

/** The user's options with the list at `path` (clients, allowlist) replaced; an empty list is removed. */
export function withList(user: Record<string, unknown>, path: string, entries: readonly string[]): Record<string, unknown> {
  return setPath(user, path, entries.length > 0 ? [...entries] : undefined);
}

/** Lines of a text box as list entries: trimmed, without empty lines and repeats. */
export function parseLines(text: string, maxLength = 200): string[] {
  return [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && l.length <= maxLength))];
}

/** A schema label in the UI language (German for de-*, else English). */
export function l10n(text: L10n | undefined, lang: string): string {
  if (!text) return '';
  return lang.toLowerCase().startsWith('de') ? text.de : text.en;
}

/** The label of a value of the setting at `path` ("warn" → "warnen"), from the schema. */
export function valueLabel(path: string, value: OptionValue, lang: string): string {
  const node = schemaNodeAt(path);
  const label = node?.type === 'string' ? node.enumLabels?.[String(value)] : undefined;
  return label ? l10n(label, lang) : String(value);
}

/** A policy problem ("path: what is wrong; what happens instead.") in the UI language (German for de-*, else English). */
export function problemText(p: PolicyProblem, lang: string): string {
  return formatProblemIn(p, problemLang(lang));
}

/**
 * The setting a problem's path points at, in words from the schema ("detectors.iban.action" →
 * "Erkennungen › IBAN (Bankverbindung) › Aktion"); list positions are left out (the path shows them).
 * Empty when the path is not in the schema (an unknown key, the whole policy).
 */
export function settingLabel(path: string, lang: string): string {
  if (!path) return '';
  const titles: string[] = [];
  let node: SchemaNode | undefined = POLICY_SCHEMA;
  for (const part of path.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m || node?.type !== 'object' || !Object.hasOwn(node.properties, m[1]!)) return '';
    node = node.properties[m[1]!];
    if (!node) return '';
    titles.push(l10n(node.title, lang));
    if (m[2]) {
      if (node.type !== 'array') return '';
      node = node.items;
    }
  }
  return titles.join(' › ');
}
