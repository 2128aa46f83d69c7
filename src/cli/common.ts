import { readFileSync } from 'node:fs';
import { parsePolicy, formatProblem, unwrapPolicyFile, type ParsedPolicy, type PolicyFileFormat } from '../core/index.js';

/** SendGuard's extension id (docs/extension-id.txt; a unit test keeps the two equal). */
export const SENDGUARD_EXTENSION_ID = 'aehphdjdlbnhplmncfbmaihogkahgblg';

export type Command = (args: string[]) => Promise<number>;

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/** Take `--name value` out of args; returns the value or undefined. */
export function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined) throw new CliError(`${name} needs a value`);
  args.splice(i, 2);
  return v;
}

export function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Read a JSON file; a syntax error names the file, line and column. */
export function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface PolicyFile {
  /** The policy object inside the file (unwrapped from a Chrome or Firefox policy file). */
  policy: unknown;
  format: PolicyFileFormat;
  extensionId?: string;
}

/**
 * Read a policy file: a bare policy, a Chrome/Edge policy JSON ({"3rdparty": {"extensions": …}}) or a
 * Firefox policies.json ({"policies": {"3rdparty": {"Extensions": …}}}). `id` picks the extension.
 */
export function readPolicyFile(file: string, id?: string, text?: string): PolicyFile {
  let json: unknown;
  if (text === undefined) json = readJson(file);
  else {
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new CliError(`${file}: not valid JSON (${(e as Error).message})`);
    }
  }
  const u = unwrapPolicyFile(json, { ...(id !== undefined ? { id } : {}), knownIds: [SENDGUARD_EXTENSION_ID] });
  if (!u.ok) throw new CliError(`${file}: ${u.message}`);
  return { policy: u.policy, format: u.format, ...(u.extensionId !== undefined ? { extensionId: u.extensionId } : {}) };
}

/**
 * Load a policy for scanning. Problems are reported on stderr; a policy that is not JSON, or whose
 * problems would change what is detected, is an error: the CLI never presents results of a policy
 * it could not read as intended.
 */
export function loadPolicy(file: string | undefined): ParsedPolicy {
  if (!file) return parsePolicy(undefined);
  const parsed = parsePolicy(readPolicyFile(file).policy);
  if (parsed.problems.length > 0) {
    throw new CliError(`${file}: the policy has problems:\n` + parsed.problems.map((p) => '  - ' + formatProblem(p)).join('\n'));
  }
  return parsed;
}
