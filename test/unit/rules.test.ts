// Every rule file carries its own examples (secretlint/gitleaks style): each `match` example must be
// found as the rule's type by the whole engine, each `noMatch` example must not be.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, parsePolicy, DETECTOR_TYPES, isDetectorType } from '../../src/core/index.js';

const root = new URL('../..', import.meta.url).pathname;
const clients = (JSON.parse(readFileSync(join(root, 'test/data/corpus/clients.json'), 'utf8')) as { clients: string[] }).clients;
const policy = parsePolicy({ clients, detectors: Object.fromEntries(DETECTOR_TYPES.map((t) => [t, { action: 'warn' }])) }).policy;

interface RuleFile {
  id?: string;
  type?: string;
  source?: string;
  license?: string;
  examples?: { match?: string[]; noMatch?: string[] };
}

const files = readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.json'));

describe('rule files', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    const rule = JSON.parse(readFileSync(join(root, 'rules', file), 'utf8')) as RuleFile;
    describe(file, () => {
      it('names its source and licence', () => {
        expect(typeof rule.source).toBe('string');
        expect(rule.source!.length).toBeGreaterThan(5);
        expect(typeof rule.license).toBe('string');
      });
      if (!rule.examples || !isDetectorType(rule.type)) return;
      const type = rule.type;
      for (const text of rule.examples.match ?? []) {
        it(`finds ${type} in ${JSON.stringify(text).slice(0, 80)}`, () => {
          const types = analyze(text, policy).findings.map((f) => f.type);
          expect(types).toContain(type);
        });
      }
      for (const text of rule.examples.noMatch ?? []) {
        it(`finds no ${type} in ${JSON.stringify(text).slice(0, 80)}`, () => {
          const types = analyze(text, policy).findings.map((f) => f.type);
          expect(types).not.toContain(type);
        });
      }
    });
  }
});
