// The schema (single source of truth) and parsePolicy on many malformed inputs: wrong types at every
// key, unknown keys, huge lists and strings, junk objects. parsePolicy must never throw, report every
// problem with path + message + fallback, and never end up looser than the defaults.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_ACTIONS,
  DETECTOR_TYPES,
  LIMITS,
  POLICY_SCHEMA,
  defaultPolicy,
  formatProblem,
  managedSchema,
  managedSchemaJson,
  mergeUnits,
  parsePolicy,
  walkSchema,
  type SchemaNode,
} from '../../src/core/index.js';

const root = new URL('../..', import.meta.url).pathname;

// Chrome's policy schema attributes per type (components/policy/core/common/schema.cc); anything
// else is ignored at best, and an invalid schema keeps the extension from loading.
const CHROME_ATTRIBUTES: Record<string, readonly string[]> = {
  array: ['description', 'id', 'items', 'sensitiveValue', 'title', 'type'],
  boolean: ['description', 'id', 'sensitiveValue', 'title', 'type'],
  integer: ['description', 'enum', 'id', 'maximum', 'minimum', 'sensitiveValue', 'title', 'type'],
  number: ['description', 'id', 'sensitiveValue', 'title', 'type'],
  object: ['additionalProperties', 'description', 'id', 'patternProperties', 'properties', 'required', 'sensitiveValue', 'title', 'type'],
  string: ['description', 'enum', 'id', 'pattern', 'sensitiveValue', 'title', 'type'],
};

function checkChromeNode(node: Record<string, unknown>, path: string, problems: string[]): void {
  const type = node['type'];
  if (typeof type !== 'string' || !(type in CHROME_ATTRIBUTES)) {
    problems.push(`${path}: bad type ${String(type)}`);
    return;
  }
  for (const k of Object.keys(node)) if (!CHROME_ATTRIBUTES[type]!.includes(k)) problems.push(`${path}: attribute ${k} not allowed for ${type}`);
  if (typeof node['title'] !== 'string' || !(node['title'] as string).trim()) problems.push(`${path}: no title`);
  if (typeof node['description'] !== 'string' || (node['description'] as string).length < 10) problems.push(`${path}: no description`);
  if ('enum' in node && (!Array.isArray(node['enum']) || (node['enum'] as unknown[]).length === 0)) problems.push(`${path}: empty enum`);
  if (type === 'integer' && !((node['minimum'] as number) <= (node['maximum'] as number))) problems.push(`${path}: bounds`);
  if (type === 'array') checkChromeNode(node['items'] as Record<string, unknown>, `${path}[]`, problems);
  if (type === 'object') {
    for (const [k, v] of Object.entries((node['properties'] ?? {}) as Record<string, Record<string, unknown>>)) checkChromeNode(v, path ? `${path}.${k}` : k, problems);
  }
  if (typeof node['pattern'] === 'string') new RegExp(node['pattern'] as string);
}

describe('managed_schema for Chrome and Edge', () => {
  const schema = managedSchema();

  it('has type object at the top and no additionalProperties/patternProperties there', () => {
    expect(schema['type']).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(schema).not.toHaveProperty('patternProperties');
  });

  it('uses only attributes Chrome knows, and every key has a title, a description and bounds', () => {
    const problems: string[] = [];
    checkChromeNode(schema, '', problems);
    expect(problems).toEqual([]);
  });

  it('documents every detector type (types are an API)', () => {
    const dets = (schema['properties'] as Record<string, { properties: Record<string, unknown> }>)['detectors']!.properties;
    expect(Object.keys(dets)).toEqual([...DETECTOR_TYPES]);
  });

  it('is committed as public/managed_schema.json, byte for byte', () => {
    expect(readFileSync(join(root, 'public/managed_schema.json'), 'utf8')).toBe(managedSchemaJson());
  });

  it('every setting has German and English texts', () => {
    walkSchema((path, node) => {
      for (const l of ['en', 'de'] as const) {
        expect(node.title[l].trim(), `${path} title ${l}`).not.toBe('');
        expect(node.description[l].length, `${path} description ${l}`).toBeGreaterThan(5);
      }
    });
  });

  it('every setting is covered by exactly one precedence rule', () => {
    const units = mergeUnits().map(([p]) => p);
    walkSchema((path) => {
      if (path.includes('[]')) return 'skip';
      const covering = units.filter((u) => path === u || path.startsWith(u + '.'));
      const below = units.filter((u) => u.startsWith(path + '.'));
      expect(covering.length + (below.length > 0 ? 1 : 0), path).toBeGreaterThanOrEqual(1);
      expect(covering.length, path).toBeLessThanOrEqual(1);
    });
  });
});

describe('defaults', () => {
  it('come from the schema and are protective', () => {
    const p = defaultPolicy();
    for (const t of DETECTOR_TYPES) expect(p.detectors[t]).toEqual({ action: DEFAULT_ACTIONS[t], sensitivity: 'medium' });
    expect(p).toMatchObject({
      mode: 'enforce',
      clients: [],
      customRules: [],
      allowlist: [],
      sites: { whatsapp: { enabled: true }, teams: { enabled: true } },
      override: { allowed: true, requireJustification: false, justificationChoices: [] },
      texts: { de: {}, en: {} },
      onError: 'block',
      ocrFailure: 'warn',
      hints: { enabled: true },
      audit: { retentionDays: 90, batchSize: 50 },
    });
    expect(p.clientHashes).toBeUndefined();
    expect(p.version).toBeUndefined();
    expect(p.audit.endpoint).toBeUndefined();
    expect(parsePolicy({}).policy).toEqual(p);
    expect(parsePolicy(undefined).policy).toEqual(p);
  });

  it('the example policy is valid', () => {
    const example = JSON.parse(readFileSync(join(root, 'docs/admin/example-policy.json'), 'utf8'));
    const r = parsePolicy(example);
    expect(r.problems).toEqual([]);
    expect(r.policy.customRules.map((x) => x.id)).toEqual(['project-falcon', 'customer-number']);
  });
});

/** A wrong value of a different type for every kind of schema node. */
function wrongValues(node: SchemaNode): unknown[] {
  switch (node.type) {
    case 'string':
      return [42, true, null, ['x'], { a: 1 }, ...(node.enum ? ['nope', node.enum[0]!.toUpperCase()] : []), 'x'.repeat(node.maxLength + 1)];
    case 'integer':
      return ['90', 1.5, node.minimum - 1, node.maximum + 1, null, true, Number.NaN];
    case 'boolean':
      return ['true', 1, 0, null, 'false'];
    case 'array':
      return ['x', 5, { 0: 'a' }, true];
    case 'object':
      return ['x', 7, [1, 2], true];
  }
}

function setPath(path: string, value: unknown): Record<string, unknown> {
  const parts = path.split('.');
  const out: Record<string, unknown> = {};
  let cur = out;
  for (const k of parts.slice(0, -1)) cur = (cur[k] = {}) as Record<string, unknown>;
  cur[parts[parts.length - 1]!] = value;
  return out;
}

describe('parsePolicy: a wrong value at any key', () => {
  const cases: [string, unknown][] = [];
  walkSchema((path, node) => {
    if (path.includes('[]')) return 'skip';
    for (const v of wrongValues(node)) cases.push([path, v]);
  });

  it(`covers every key (${cases.length} cases)`, () => expect(cases.length).toBeGreaterThan(150));

  for (const [path, value] of cases) {
    it(`${path} = ${JSON.stringify(value)?.slice(0, 30)}`, () => {
      const r = parsePolicy(setPath(path, value));
      expect(r.problems.length, 'reported').toBeGreaterThan(0);
      expect(r.problems.some((p) => p.path === path || p.path.startsWith(path + '.') || p.path.startsWith(path + '['))).toBe(true);
      for (const p of r.problems) {
        expect(p.message.length).toBeGreaterThan(3);
        expect(p.fallback.length).toBeGreaterThan(3);
        expect(formatProblem(p)).toMatch(/^[^:]+: .+; .+\.$/);
      }
      // The invalid part takes its default: nothing got looser (or different) than the defaults.
      expect(r.policy).toEqual(defaultPolicy());
      expect(r.configured).not.toContain(path);
    });
  }
});

describe('parsePolicy: messages an admin understands', () => {
  it('names the path, what is wrong and what happens instead', () => {
    const r = parsePolicy({ detectors: { iban: { action: 'maybe' } } });
    expect(r.problems.map(formatProblem)).toEqual(['detectors.iban.action: must be "allow", "warn" or "block", got "maybe"; the default action "warn" applies.']);
  });

  it('suggests the key that was probably meant', () => {
    expect(parsePolicy({ clientz: [] }).problems[0]!.message).toContain('did you mean "clients"');
    expect(parsePolicy({ Mode: 'monitor' }).problems[0]!.message).toContain('did you mean "mode"');
    expect(parsePolicy({ detectors: { ibna: {} } }).problems[0]!.message).toContain('did you mean "iban"');
    expect(parsePolicy({ override: { allow: false } }).problems[0]).toMatchObject({ path: 'override.allow' });
  });

  it('accepts http only as https', () => {
    for (const url of ['http://intranet.example.com', 'javascript:alert(1)', 'https://user:pw@example.com/', 'https://', 'ftp://x']) {
      const r = parsePolicy({ texts: { guidanceUrl: url }, audit: { endpoint: url } });
      expect(r.problems.map((p) => p.path).sort(), url).toEqual(['audit.endpoint', 'texts.guidanceUrl']);
      expect(r.policy.texts.guidanceUrl).toBeUndefined();
      expect(r.policy.audit.endpoint).toBeUndefined();
    }
    const ok = parsePolicy({ texts: { guidanceUrl: 'https://intranet.example.com/dsgvo' }, audit: { endpoint: '' } });
    expect(ok.problems).toEqual([]);
    expect(ok.policy.texts.guidanceUrl).toBe('https://intranet.example.com/dsgvo');
    expect(ok.policy.audit.endpoint).toBeUndefined();
  });

  it('clientHashes needs its salt', () => {
    const hash = 'full:' + 'a'.repeat(64);
    expect(parsePolicy({ clientHashes: { hashes: [hash] } }).problems[0]).toMatchObject({ path: 'clientHashes.salt', fallback: 'no hashed client names are used' });
    expect(parsePolicy({ clientHashes: { salt: 'short', hashes: [hash] } }).policy.clientHashes).toBeUndefined();
    const r = parsePolicy({ clientHashes: { salt: '12345678', hashes: [hash, 'surname:' + 'b'.repeat(64), 'c'.repeat(64), 'FULL:' + 'a'.repeat(64), 'full:xyz'] } });
    expect(r.policy.clientHashes?.hashes).toHaveLength(3);
    expect(r.problems.map((p) => p.path)).toEqual(['clientHashes.hashes[3]', 'clientHashes.hashes[4]']);
  });

  it('onError can never be "allow"', () => {
    const r = parsePolicy({ onError: 'allow' });
    expect(r.policy.onError).toBe('block');
    expect(r.problems[0]!.message).toContain('"block" or "warn"');
  });
});

describe('parsePolicy: huge and hostile inputs', () => {
  it('caps long lists with a report and keeps the first entries', () => {
    const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
    const r = parsePolicy({
      clients: many(LIMITS.clients + 5, (i) => `Name${i} Nachname${i}`),
      allowlist: many(LIMITS.allowlist + 1, (i) => `term ${i}`),
      override: { justificationChoices: many(50, (i) => `reason ${i}`) },
      clientHashes: { salt: '12345678', hashes: many(LIMITS.clientHashes + 1, (i) => `full:${i.toString(16).padStart(64, '0')}`) },
    });
    expect(r.policy.clients).toHaveLength(LIMITS.clients);
    expect(r.policy.clients[0]).toBe('Name0 Nachname0');
    expect(r.policy.allowlist).toHaveLength(LIMITS.allowlist);
    expect(r.policy.override.justificationChoices).toHaveLength(LIMITS.justificationChoices);
    expect(r.policy.clientHashes?.hashes).toHaveLength(LIMITS.clientHashes);
    expect(r.problems.map((p) => p.path).sort()).toEqual(['allowlist', 'clientHashes.hashes', 'clients', 'override.justificationChoices']);
    for (const p of r.problems) expect(p.fallback).toMatch(/^only the first \d+ are used$/);
  });

  it('a million bad entries stay fast and the report stays readable', () => {
    const t = performance.now();
    const r = parsePolicy({ clients: Array.from({ length: 1_000_000 }, () => 42) });
    expect(performance.now() - t).toBeLessThan(3000);
    expect(r.problems.length).toBeLessThanOrEqual(LIMITS.problems + 1);
    expect(r.problems[r.problems.length - 1]!.message).toMatch(/more problems are not listed/);
    expect(r.policy.clients).toEqual([]);
  });

  it('100 000 unknown keys', () => {
    const input = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const r = parsePolicy(input);
    expect(r.problems.length).toBeLessThanOrEqual(LIMITS.problems + 1);
    expect(r.policy).toEqual(defaultPolicy());
  });

  it('long strings are refused, not truncated into something else', () => {
    const r = parsePolicy({ clients: ['x'.repeat(LIMITS.nameLength + 1), 'Anna Müller'], version: 'v'.repeat(101) });
    expect(r.policy.clients).toEqual(['Anna Müller']);
    expect(r.policy.version).toBeUndefined();
    expect(r.problems.map((p) => p.path)).toEqual(['version', 'clients[0]']);
  });

  it('__proto__, constructor and cyclic objects do no harm', () => {
    const proto = JSON.parse('{"__proto__": {"mode": "monitor"}, "detectors": {"__proto__": {"action": "allow"}, "constructor": {"action": "allow"}}}') as unknown;
    const r = parsePolicy(proto);
    expect(r.policy.mode).toBe('enforce');
    expect(r.policy.detectors.iban.action).toBe('warn');
    expect(r.problems.map((p) => p.path)).toEqual(['__proto__', 'detectors.__proto__', 'detectors.constructor']);
    expect(({} as Record<string, unknown>)['mode']).toBeUndefined();
    const cyclic: Record<string, unknown> = { mode: 'training' };
    cyclic['self'] = cyclic;
    cyclic['detectors'] = { iban: cyclic };
    const c = parsePolicy(cyclic);
    expect(c.policy.mode).toBe('training');
    expect(c.problems.map((p) => p.path)).toContain('self');
  });

  it('never throws on random junk', () => {
    const atoms: unknown[] = [null, 0, -1, 1e308, '', 'block', 'warn', true, [], {}, [[]], { action: 'block' }, 'https://x.example', ['a', 1, null]];
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const keys: string[] = [];
    walkSchema((path) => void keys.push(path.replace(/\[\]/g, '.0')));
    const junk = (depth: number): unknown => {
      if (depth > 3 || rnd() < 0.4) return pick(atoms);
      if (rnd() < 0.3) return Array.from({ length: Math.floor(rnd() * 4) }, () => junk(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 5) }, () => [pick([...Object.keys(POLICY_SCHEMA.properties), 'x', 'action', 'words', 'pattern', 'id']), junk(depth + 1)]));
    };
    for (let i = 0; i < 2000; i++) {
      const input = i % 2 ? junk(0) : setPath(pick(keys), junk(1));
      const r = parsePolicy(input);
      expect(r.policy.onError === 'block' || r.policy.onError === 'warn').toBe(true);
      for (const t of DETECTOR_TYPES) expect(['allow', 'warn', 'block']).toContain(r.policy.detectors[t].action);
      for (const p of r.problems) expect(typeof p.fallback).toBe('string');
    }
  });
});
