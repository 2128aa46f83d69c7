// The admin templates are generated from the schema and the example policy; this test regenerates
// them in memory and compares with the committed files, so they cannot drift. It also reads each
// format back (registry, plist, JSON) and checks it carries exactly the example policy.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAdminTemplates, repoTemplateOptions } from '../../scripts/admin-templates.js';
import { SENDGUARD_EXTENSION_ID } from '../../src/cli/common.js';
import { POLICY_SCHEMA, parsePolicy, unwrapPolicyFile, walkSchema, type SchemaNode } from '../../src/core/index.js';

const root = new URL('../..', import.meta.url).pathname;
const options = repoTemplateOptions(root);
const files = generateAdminTemplates(options);
const example = options.example;
const id = options.extensionId;

const text = (path: string) => readFileSync(join(root, path), 'utf8');

describe('committed templates are up to date', () => {
  for (const [path, content] of files) {
    it(path, () => {
      const want = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
      const got = readFileSync(join(root, path));
      expect(got.equals(want), `${path} differs from what the schema generates: run npx tsx scripts/gen-admin-templates.ts`).toBe(true);
    });
  }

  it('use the extension id of docs/extension-id.txt, which the CLI knows too', () => {
    expect(id).toBe(text('docs/extension-id.txt').trim());
    expect(SENDGUARD_EXTENSION_ID).toBe(id);
  });

  it('the example policy is valid and uses every top-level key', () => {
    expect(parsePolicy(example).problems).toEqual([]);
    expect(Object.keys(example).sort()).toEqual(Object.keys(POLICY_SCHEMA.properties).sort());
  });
});

// --- Registry, read back the way Chromium's registry_dict.cc does ----------------------------------

type RegTree = { values: Map<string, string | number>; keys: Map<string, RegTree> };
const newTree = (): RegTree => ({ values: new Map(), keys: new Map() });

function parseReg(content: string, prefix: string): RegTree {
  const tree = newTree();
  let cur: RegTree | undefined;
  for (const line of content.split('\r\n')) {
    const key = /^\[(-?)(.*)\]$/.exec(line);
    if (key) {
      cur = undefined;
      if (key[1] || !key[2]!.startsWith(prefix)) continue;
      cur = tree;
      for (const part of key[2]!.slice(prefix.length).split('\\').filter(Boolean)) {
        if (!cur.keys.has(part)) cur.keys.set(part, newTree());
        cur = cur.keys.get(part)!;
      }
      continue;
    }
    const v = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/.exec(line);
    if (v && cur) cur.values.set(v[1]!, v[2] !== undefined ? v[2].replace(/\\(.)/g, '$1') : parseInt(v[3]!, 16));
  }
  return tree;
}

function regToJson(t: RegTree | string | number, node: SchemaNode): unknown {
  if (typeof t !== 'object') {
    if (node.type === 'boolean') return t === 1;
    return t;
  }
  if (node.type === 'array') {
    const entries = [...t.values.entries(), ...[...t.keys.entries()]].filter(([k]) => /^\d+$/.test(k)).sort((a, b) => Number(a[0]) - Number(b[0]));
    return entries.map(([, v]) => regToJson(v, node.items));
  }
  if (node.type !== 'object') throw new Error('unexpected');
  const out: Record<string, unknown> = {};
  for (const [k, v] of [...t.values.entries(), ...t.keys.entries()]) {
    const child = node.properties[k];
    if (!child) throw new Error(`unknown registry name ${k}`);
    out[k] = regToJson(v, child);
  }
  return out;
}

describe('Windows', () => {
  for (const [browser, rootKey] of [['chrome', 'SOFTWARE\\Policies\\Google\\Chrome'], ['edge', 'SOFTWARE\\Policies\\Microsoft\\Edge']] as const) {
    const bytes = files.get(`docs/admin/templates/windows/sendguard-${browser}.reg`) as Uint8Array;
    const content = Buffer.from(bytes).subarray(2).toString('utf16le');

    it(`${browser}.reg is UTF-16 LE with a BOM, as regedit expects`, () => {
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
      expect(content.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    });

    it(`${browser}.reg holds exactly the example policy, in Chromium's registry conventions`, () => {
      const policyKey = `HKEY_LOCAL_MACHINE\\${rootKey}\\3rdparty\\extensions\\${id}\\policy`;
      expect(content).toContain(`[-${policyKey}]`);
      expect(regToJson(parseReg(content, policyKey), POLICY_SCHEMA)).toEqual(example);
      const install = parseReg(content, `HKEY_LOCAL_MACHINE\\${rootKey}\\ExtensionSettings\\${id}`);
      expect(install.values.get('installation_mode')).toBe('force_installed');
      expect(install.values.get('update_url')).toBe(options.updateUrl);
    });

    const admx = files.get(`docs/admin/templates/windows/admx/sendguard-${browser}.admx`) as string;

    it(`${browser}.admx is well-formed and writes every policy key below the right registry key`, () => {
      expect(wellFormed(admx)).toBe(true);
      const keyRoot = `${rootKey}\\3rdparty\\extensions\\${id}\\policy`;
      const written = new Set<string>();
      for (const m of admx.matchAll(/<policy name="[^"]+"[^>]*key="([^"]+)"(?: valueName="([^"]+)")?[^>]*>([\s\S]*?)<\/policy>/g)) {
        const key = m[1]!.replace(/&amp;/g, '&');
        if (!key.startsWith(keyRoot)) continue;
        const sub = key.slice(keyRoot.length).split('\\').filter(Boolean).join('.');
        const at = (name: string) => (sub ? `${sub}.${name}` : name);
        if (m[2]) written.add(at(m[2]));
        for (const e of m[3]!.matchAll(/<(?:enum|text|decimal|boolean) id="[^"]+" valueName="([^"]+)"/g)) written.add(at(e[1]!));
        for (const l of m[3]!.matchAll(/<list id="[^"]+" key="([^"]+)"/g)) written.add(l[1]!.slice(keyRoot.length).split('\\').filter(Boolean).join('.'));
      }
      const expected: string[] = [];
      walkSchema((path, node) => {
        if (path.includes('[]')) return 'skip';
        if (node.type === 'array') {
          expected.push(path);
          return 'skip';
        }
        if (node.type !== 'object') expected.push(path);
      });
      expect([...written].sort()).toEqual(expected.sort());
    });

    for (const lang of ['en-US', 'de-DE']) {
      it(`${browser} ${lang}.adml defines every string and presentation the ADMX uses`, () => {
        const adml = files.get(`docs/admin/templates/windows/admx/${lang}/sendguard-${browser}.adml`) as string;
        expect(wellFormed(adml)).toBe(true);
        const strings = new Set([...adml.matchAll(/<string id="([^"]+)">/g)].map((m) => m[1]));
        const presentations = new Map([...adml.matchAll(/<presentation id="([^"]+)">([\s\S]*?)<\/presentation>/g)].map((m) => [m[1]!, m[2]!]));
        for (const m of admx.matchAll(/\$\(string\.([^)]+)\)/g)) expect(strings.has(m[1]), m[1]).toBe(true);
        for (const m of admx.matchAll(/<policy name="([^"]+)"[^>]*presentation="\$\(presentation\.([^)]+)\)"[^>]*>([\s\S]*?)<\/policy>/g)) {
          const pres = presentations.get(m[2]!);
          expect(pres, m[2]).toBeDefined();
          const ids = [...m[3]!.matchAll(/<(?:enum|text|decimal|boolean|list) id="([^"]+)"/g)].map((x) => x[1]).sort();
          const refs = [...pres!.matchAll(/refId="([^"]+)"/g)].map((x) => x[1]).sort();
          expect(refs, m[1]).toEqual(ids);
        }
      });
    }
  }

  it('the PowerShell script writes the same values as the .reg file, for Chrome and Edge', () => {
    const bytes = files.get('docs/admin/templates/intune/Set-SendGuardPolicy.ps1') as Uint8Array;
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xef, 0xbb, 0xbf]);
    const ps = Buffer.from(bytes).subarray(3).toString('utf8');
    expect(ps).toContain(`$ExtensionId = '${id}'`);
    expect(ps).toContain("'HKLM:\\SOFTWARE\\Policies\\Google\\Chrome'");
    expect(ps).toContain("'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Edge'");
    const tree = newTree();
    for (const m of ps.matchAll(/^ {2}Set-PolicyValue (?:"\$policy((?:\\[^"\\]+)*)"|\$policy) '((?:[^']|'')*)' (String|DWord) (?:'((?:[^']|'')*)'|(\d+))\r?$/gm)) {
      let cur = tree;
      for (const part of (m[1] ?? '').split('\\').filter(Boolean)) {
        if (!cur.keys.has(part)) cur.keys.set(part, newTree());
        cur = cur.keys.get(part)!;
      }
      cur.values.set(m[2]!.replace(/''/g, "'"), m[4] !== undefined ? m[4].replace(/''/g, "'") : Number(m[5]));
    }
    expect(regToJson(tree, POLICY_SCHEMA)).toEqual(example);
  });
});

// --- XML and plist -----------------------------------------------------------------------------------

function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '').replace(/<!DOCTYPE[^>]*>/g, '').matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0 && !/&(?!amp;|lt;|gt;|quot;|apos;|#)/.test(xml);
}

function parsePlist(xml: string): unknown {
  const tokens = [...xml.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)(dict|array|key|string|integer|true|false)(\/?)>([^<]*)/g)];
  let i = 0;
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const value = (): unknown => {
    const t = tokens[i++]!;
    const [, , tag, selfClosing, body] = t;
    if (tag === 'true') return true;
    if (tag === 'false') return false;
    if (tag === 'string') return i++, unescape(body!);
    if (tag === 'integer') return i++, Number(body);
    if (tag === 'array') {
      if (selfClosing) return [];
      const out: unknown[] = [];
      while (tokens[i]![1] !== '/') out.push(value());
      i++;
      return out;
    }
    if (tag === 'dict') {
      if (selfClosing) return {};
      const out: Record<string, unknown> = {};
      while (tokens[i]![1] !== '/') {
        const k = unescape(tokens[i]![4]!);
        i += 2;
        out[k] = value();
      }
      i++;
      return out;
    }
    throw new Error(`unexpected ${tag}`);
  };
  return value();
}

describe('macOS', () => {
  for (const [browser, domain] of [['chrome', 'com.google.Chrome'], ['edge', 'com.microsoft.Edge']] as const) {
    it(`${browser}.mobileconfig: the policy payload holds exactly the example policy, plus the force-install`, () => {
      const xml = files.get(`docs/admin/templates/macos/sendguard-${browser}.mobileconfig`) as string;
      expect(wellFormed(xml)).toBe(true);
      const profile = parsePlist(xml) as { PayloadType: string; PayloadContent: Record<string, unknown>[] };
      expect(profile.PayloadType).toBe('Configuration');
      const [policy, install] = profile.PayloadContent;
      expect(policy!['PayloadType']).toBe(`${domain}.extensions.${id}`);
      const keys = Object.fromEntries(Object.entries(policy!).filter(([k]) => !k.startsWith('Payload')));
      expect(keys).toEqual(example);
      expect(install!['PayloadType']).toBe(domain);
      expect(install!['ExtensionSettings']).toEqual({ [id]: { installation_mode: 'force_installed', update_url: options.updateUrl } });
      const uuids = [profile, ...profile.PayloadContent].map((p) => (p as Record<string, unknown>)['PayloadUUID']);
      for (const u of uuids) expect(u).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      expect(new Set(uuids).size).toBe(3);
    });
  }
});

describe('Linux and Firefox', () => {
  it('linux/sendguard.json: ExtensionSettings and 3rdparty.extensions.<id>', () => {
    const json = JSON.parse(files.get('docs/admin/templates/linux/sendguard.json') as string);
    expect(json.ExtensionSettings[id].installation_mode).toBe('force_installed');
    const u = unwrapPolicyFile(json, { knownIds: [id] });
    expect(u).toEqual({ ok: true, policy: example, format: 'chrome', extensionId: id });
  });

  it('firefox/policies.json: ExtensionSettings and 3rdparty.Extensions.<id>', () => {
    const json = JSON.parse(files.get('docs/admin/templates/firefox/policies.json') as string);
    const fid = options.firefoxId;
    expect(json.policies.ExtensionSettings[fid]).toMatchObject({ installation_mode: 'force_installed' });
    expect(json.policies.ExtensionSettings[fid].install_url).toMatch(/^https:\/\//);
    expect(unwrapPolicyFile(json)).toEqual({ ok: true, policy: example, format: 'firefox', extensionId: fid });
  });
});

describe('docs/admin', () => {
  for (const f of ['docs/admin/README.md', 'docs/admin/README.de.md']) {
    it(`${f} documents every policy key`, () => {
      const md = text(f);
      walkSchema((path) => {
        if (path.endsWith('[]')) return;
        const shown = path.replace(/^detectors\.[a-z_]+/, 'detectors.<type>');
        expect(md, path).toContain(`\`${shown}\``);
      });
      for (const topic of ['ExtensionSettings', 'ExtensionInstallForcelist', '/etc/opt/chrome/policies/managed', '/etc/chromium/policies/managed', '3rdparty', 'chrome://policy', '.mobileconfig', 'ADMX', 'Intune', 'policies.json', id]) {
        expect(md, topic).toContain(topic);
      }
    });
  }
});
