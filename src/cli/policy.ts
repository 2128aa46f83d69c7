// sendguard policy check POLICY.json: validate a policy file and explain each problem in plain words
// (path, what is wrong, what happens instead). Exit 0 when valid, 1 with problems, 2 on usage errors.
// sendguard policy schema: print the managed_schema Chrome and Edge load.
import {
  DEFAULT_ACTIONS,
  DETECTOR_TYPES,
  defaultPolicy,
  formatProblem,
  managedSchemaJson,
  parsePolicy,
  type ParsedPolicy,
  type Policy,
} from '../core/index.js';
import { CliError, readPolicyFile, readStdin, takeFlag, takeOption, type Command, type PolicyFile } from './common.js';

const USAGE = `Usage:
  sendguard policy check POLICY.json [--json] [--id EXTENSION_ID]
      Validate a policy: a bare policy object, a Chrome/Edge policy file ({"3rdparty": {"extensions": …}})
      or Firefox's policies.json. Use - to read stdin. Exit 0: valid; 1: problems; 2: unreadable.
  sendguard policy schema
      Print the managed_schema (JSON) that Chrome and Edge check the policy against.`;

/** A few lines on what the policy does, so an admin sees it was read as intended. */
export function summarize(policy: Policy): string[] {
  const d = defaultPolicy();
  const lines = [`mode: ${policy.mode}${policy.version ? `, version "${policy.version}"` : ''}`];
  const changed = DETECTOR_TYPES.filter((t) => policy.detectors[t].action !== DEFAULT_ACTIONS[t] || policy.detectors[t].sensitivity !== 'medium');
  if (changed.length) lines.push(`detectors changed from the defaults: ${changed.map((t) => `${t} ${policy.detectors[t].action}/${policy.detectors[t].sensitivity}`).join(', ')}`);
  const counts = [
    `${policy.clients.length} client names`,
    `${policy.clientHashes?.hashes.length ?? 0} client hashes`,
    `${policy.customRules.length} custom rules${policy.customRules.length ? ` (${policy.customRules.map((r) => r.id).join(', ')})` : ''}`,
    `${policy.allowlist.length} allow-list terms`,
  ];
  lines.push(counts.join(', '));
  const off = Object.entries(policy.sites).filter(([, s]) => !s.enabled).map(([k]) => k);
  if (off.length) lines.push(`switched off on: ${off.join(', ')}`);
  lines.push(`send anyway on warnings: ${policy.override.allowed ? (policy.override.requireJustification ? 'allowed with a justification' : 'allowed') : 'not allowed'}`);
  if (policy.onError !== d.onError || policy.ocrFailure !== d.ocrFailure) lines.push(`onError: ${policy.onError}, ocrFailure: ${policy.ocrFailure}`);
  if (policy.texts.guidanceUrl) lines.push(`guidance link: ${policy.texts.guidanceUrl}`);
  if (policy.audit.endpoint) lines.push(`audit upload: ${policy.audit.endpoint}`);
  return lines;
}

export function checkReport(file: string, pf: PolicyFile, parsed: ParsedPolicy): string {
  const where = pf.format === 'policy' ? '' : ` (${pf.format === 'chrome' ? 'Chrome/Edge policy file' : 'Firefox policies.json'}, extension ${pf.extensionId})`;
  const out: string[] = [];
  if (parsed.problems.length === 0) out.push(`${file}${where}: valid.`);
  else {
    const n = parsed.problems.length;
    out.push(`${file}${where}: ${n} problem${n === 1 ? '' : 's'}. Each part falls back as described; the rest of the policy applies.`);
    for (const p of parsed.problems) out.push(`  - ${formatProblem(p)}`);
    out.push('In effect:');
  }
  for (const l of summarize(parsed.policy)) out.push(`  ${l}`);
  return out.join('\n') + '\n';
}

async function check(args: string[]): Promise<number> {
  const json = takeFlag(args, '--json');
  const id = takeOption(args, '--id');
  const [file, ...extra] = args;
  if (!file) throw new CliError(`give a policy file to check\n\n${USAGE}`);
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
        valid: parsed.problems.length === 0,
        problems: parsed.problems,
        summary: summarize(parsed.policy),
      }, null, 2) + '\n',
    );
  } else process.stdout.write(checkReport(name, pf, parsed));
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
    process.stdout.write(USAGE + '\n');
    return sub === undefined ? 2 : 0;
  }
  throw new CliError(`unknown subcommand "${sub}"\n\n${USAGE}`);
};
