// sendguard policy check POLICY.json: validate a policy file and explain each problem in plain words
// (path, what is wrong, what happens instead), in German or English (--lang, default from the
// environment's LC_ALL / LC_MESSAGES / LANG). Exit 0 when valid, 1 with problems, 2 on usage errors.
// sendguard policy schema: print the managed_schema Chrome and Edge load.
import {
  DEFAULT_ACTIONS,
  DETECTOR_TYPES,
  defaultPolicy,
  formatProblemIn,
  managedSchemaJson,
  parsePolicy,
  problemLang,
  problemTexts,
  type ParsedPolicy,
  type Policy,
  type ProblemLang,
} from '../core/index.js';
import { CliError, readPolicyFile, readStdin, takeFlag, takeOption, type Command, type PolicyFile } from './common.js';

const USAGE: Record<ProblemLang, string> = {
  en: `Usage:
  sendguard policy check POLICY.json [--json] [--id EXTENSION_ID] [--lang de|en]
      Validate a policy: a bare policy object, a Chrome/Edge policy file ({"3rdparty": {"extensions": …}})
      or Firefox's policies.json. Use - to read stdin. Exit 0: valid; 1: problems; 2: unreadable.
      --lang: language of the report (default: from LC_ALL, LC_MESSAGES or LANG; German for de_*).
  sendguard policy schema
      Print the managed_schema (JSON) that Chrome and Edge check the policy against.`,
  de: `Aufruf:
  sendguard policy check RICHTLINIE.json [--json] [--id ERWEITERUNGS_ID] [--lang de|en]
      Prüft eine Richtlinie: ein reines Richtlinienobjekt, eine Chrome/Edge-Richtliniendatei
      ({"3rdparty": {"extensions": …}}) oder Firefox' policies.json. - liest von stdin.
      Exit-Code 0: gültig; 1: Probleme; 2: nicht lesbar.
      --lang: Sprache des Berichts (Standard: aus LC_ALL, LC_MESSAGES oder LANG; Deutsch bei de_*).
  sendguard policy schema
      Gibt das managed_schema (JSON) aus, gegen das Chrome und Edge die Richtlinie prüfen.`,
};

/** The report's language from the environment (LC_ALL over LC_MESSAGES over LANG, as POSIX has it). */
export function envLang(env: NodeJS.ProcessEnv = process.env): ProblemLang {
  return problemLang(env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG']);
}

const TEXTS = {
  en: {
    mode: (mode: string, version?: string) => `mode: ${mode}${version ? `, version "${version}"` : ''}`,
    detectors: (list: string) => `detectors changed from the defaults: ${list}`,
    clients: (n: number) => `${n} client names`,
    hashes: (n: number) => `${n} client hashes`,
    rules: (n: number, ids: string) => `${n} custom rules${ids ? ` (${ids})` : ''}`,
    allowlist: (n: number) => `${n} allow-list terms`,
    off: (sites: string) => `switched off on: ${sites}`,
    override: (allowed: boolean, justify: boolean) => `send anyway on warnings: ${allowed ? (justify ? 'allowed with a justification' : 'allowed') : 'not allowed'}`,
    guidance: (url: string) => `guidance link: ${url}`,
    audit: (url: string) => `audit upload: ${url}`,
    chrome: 'Chrome/Edge policy file',
    firefox: 'Firefox policies.json',
    where: (kind: string, id?: string) => ` (${kind}, extension ${id})`,
    valid: 'valid.',
    problems: (n: number) => `${n} problem${n === 1 ? '' : 's'}. Each part falls back as described; the rest of the policy applies.`,
    inEffect: 'In effect:',
  },
  de: {
    mode: (mode: string, version?: string) => `Modus: ${mode}${version ? `, Version "${version}"` : ''}`,
    detectors: (list: string) => `Erkennungen abweichend von den Standardwerten: ${list}`,
    clients: (n: number) => `${n} Mandantennamen`,
    hashes: (n: number) => `${n} Mandanten-Hashes`,
    rules: (n: number, ids: string) => `${n} eigene Regeln${ids ? ` (${ids})` : ''}`,
    allowlist: (n: number) => `${n} Begriffe in der Positivliste`,
    off: (sites: string) => `abgeschaltet auf: ${sites}`,
    override: (allowed: boolean, justify: boolean) => `Trotzdem senden bei Warnungen: ${allowed ? (justify ? 'erlaubt mit Begründung' : 'erlaubt') : 'nicht erlaubt'}`,
    guidance: (url: string) => `Link zu den Vorgaben: ${url}`,
    audit: (url: string) => `Audit-Upload: ${url}`,
    chrome: 'Chrome/Edge-Richtliniendatei',
    firefox: 'Firefox-policies.json',
    where: (kind: string, id?: string) => ` (${kind}, Erweiterung ${id})`,
    valid: 'gültig.',
    problems: (n: number) => `${n} ${n === 1 ? 'Problem' : 'Probleme'}. Jeder betroffene Teil fällt wie beschrieben zurück; der Rest der Richtlinie gilt.`,
    inEffect: 'Es gilt:',
  },
} as const;

/** A few lines on what the policy does, so an admin sees it was read as intended. */
export function summarize(policy: Policy, lang: ProblemLang = 'en'): string[] {
  const x = TEXTS[lang];
  const d = defaultPolicy();
  const lines = [x.mode(policy.mode, policy.version)];
  const changed = DETECTOR_TYPES.filter((t) => policy.detectors[t].action !== DEFAULT_ACTIONS[t] || policy.detectors[t].sensitivity !== 'medium');
  if (changed.length) lines.push(x.detectors(changed.map((t) => `${t} ${policy.detectors[t].action}/${policy.detectors[t].sensitivity}`).join(', ')));
  const counts = [
    x.clients(policy.clients.length),
    x.hashes(policy.clientHashes?.hashes.length ?? 0),
    x.rules(policy.customRules.length, policy.customRules.map((r) => r.id).join(', ')),
    x.allowlist(policy.allowlist.length),
  ];
  lines.push(counts.join(', '));
  const off = Object.entries(policy.sites).filter(([, s]) => !s.enabled).map(([k]) => k);
  if (off.length) lines.push(x.off(off.join(', ')));
  lines.push(x.override(policy.override.allowed, policy.override.requireJustification));
  if (policy.onError !== d.onError || policy.ocrFailure !== d.ocrFailure) lines.push(`onError: ${policy.onError}, ocrFailure: ${policy.ocrFailure}`);
  if (policy.texts.guidanceUrl) lines.push(x.guidance(policy.texts.guidanceUrl));
  if (policy.audit.endpoint) lines.push(x.audit(policy.audit.endpoint));
  return lines;
}

export function checkReport(file: string, pf: PolicyFile, parsed: ParsedPolicy, lang: ProblemLang = 'en'): string {
  const x = TEXTS[lang];
  const where = pf.format === 'policy' ? '' : x.where(pf.format === 'chrome' ? x.chrome : x.firefox, pf.extensionId);
  const out: string[] = [];
  if (parsed.problems.length === 0) out.push(`${file}${where}: ${x.valid}`);
  else {
    out.push(`${file}${where}: ${x.problems(parsed.problems.length)}`);
    for (const p of parsed.problems) out.push(`  - ${formatProblemIn(p, lang)}`);
    out.push(x.inEffect);
  }
  for (const l of summarize(parsed.policy, lang)) out.push(`  ${l}`);
  return out.join('\n') + '\n';
}

function takeLang(args: string[]): ProblemLang {
  const v = takeOption(args, '--lang');
  if (v === undefined) return envLang();
  if (v !== 'de' && v !== 'en') throw new CliError(`--lang must be "de" or "en", got "${v}"`);
  return v;
}

async function check(args: string[]): Promise<number> {
  const json = takeFlag(args, '--json');
  const id = takeOption(args, '--id');
  const lang = takeLang(args);
  const [file, ...extra] = args;
  if (!file) throw new CliError(`give a policy file to check\n\n${USAGE[lang]}`);
  if (extra.length) throw new CliError(`unexpected argument "${extra[0]}"`);
  const name = file === '-' ? '<stdin>' : file;
  const pf = readPolicyFile(name, id, file === '-' ? await readStdin() : undefined);
  const parsed = parsePolicy(pf.policy);
  if (json) {
    process.stdout.write(
      JSON.stringify({
        file: name,
        format: pf.format,
        ...(pf.extensionId ? { extensionId: pf.extensionId } : {}),
        lang,
        valid: parsed.problems.length === 0,
        // code/params: stable, for scripts; message/fallback: in the report's language.
        problems: parsed.problems.map((p) => ({ ...p, ...problemTexts(p, lang) })),
        summary: summarize(parsed.policy, lang),
      }, null, 2) + '\n',
    );
  } else process.stdout.write(checkReport(name, pf, parsed, lang));
  return parsed.problems.length === 0 ? 0 : 1;
}

export const policyCommand: Command = async (argv) => {
  const [sub, ...rest] = argv;
  if (sub === 'check') return check([...rest]);
  if (sub === 'schema') {
    if (rest.length) throw new CliError(`unexpected argument "${rest[0]}"`);
    process.stdout.write(managedSchemaJson());
    return 0;
  }
  if (sub === undefined || sub === 'help' || sub === '--help') {
    process.stdout.write(USAGE[envLang()] + '\n');
    return sub === undefined ? 2 : 0;
  }
  throw new CliError(`unknown subcommand "${sub}"\n\n${USAGE[envLang()]}`);
};
