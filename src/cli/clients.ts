// sendguard clients hash --salt SALT [FILE|-]: salted hashes of client names for the policy's
// clientHashes, so the client list does not sit readable on every computer's chrome://policy page.
// Input: one name per line (# starts a comment), or JSON (["Anna Müller", …] or {"clients": [...]}).
// Output: the JSON snippet to paste into the policy. Names are never printed to stdout.
import { clientHashEntries, LIMITS } from '../core/index.js';
import { CliError, readStdin, readText, takeFlag, takeOption, type Command } from './common.js';

const USAGE = `Usage:
  sendguard clients hash --salt SALT [--no-surnames] [FILE|-]
      FILE: one client name per line, or clients.json (["…"] or {"clients": ["…"]}); default: stdin.
      Prints {"clientHashes": {"salt", "hashes"}} for the policy: for each name "full:<hash>" and, for
      names of two or more parts, "surname:<hash>". Keep the salt: the policy needs the same one.`;

export function readNames(text: string, file: string): string[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new CliError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    const list = Array.isArray(json) ? json : (json as { clients?: unknown }).clients;
    if (!Array.isArray(list)) throw new CliError(`${file}: expected a list of names or {"clients": [...]}`);
    return list.map((n, i) => {
      if (typeof n !== 'string') throw new CliError(`${file}: entry ${i + 1} is not a text`);
      return n;
    });
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function hashNames(names: readonly string[], salt: string, surnames: boolean): { hashes: string[]; notes: string[] } {
  const set = new Set<string>();
  const notes: string[] = [];
  names.forEach((name, i) => {
    const e = clientHashEntries(name, salt, { surnames });
    for (const h of e.entries) set.add(h);
    for (const n of e.notes) notes.push(`name ${i + 1} (${JSON.stringify(name)}) ${n}`);
  });
  // Sorted: the output keeps neither the input order nor which surname belongs to which name.
  return { hashes: [...set].sort(), notes };
}

async function hash(args: string[]): Promise<number> {
  const salt = takeOption(args, '--salt');
  const surnames = !takeFlag(args, '--no-surnames');
  const [file = '-', ...extra] = args;
  if (extra.length) throw new CliError(`unexpected argument "${extra[0]}"`);
  if (salt === undefined) throw new CliError(`give --salt SALT: at least 8 random characters (e.g. from \`openssl rand -hex 16\`), the same that goes into the policy\n\n${USAGE}`);
  if (salt.length < 8 || salt.length > 200) throw new CliError('the salt must be 8 to 200 characters long');
  const name = file === '-' ? '<stdin>' : file;
  const names = readNames(file === '-' ? await readStdin() : readText(file), name);
  if (names.length === 0) throw new CliError(`${name}: no names found`);
  if (names.length > LIMITS.clients) throw new CliError(`${name}: ${names.length} names, more than the ${LIMITS.clients} a policy supports`);
  const { hashes, notes } = hashNames(names, salt, surnames);
  for (const n of notes) process.stderr.write(`note: ${n}\n`);
  process.stderr.write(`${names.length} names → ${hashes.length} hashes\n`);
  process.stdout.write(JSON.stringify({ clientHashes: { salt, hashes } }, null, 2) + '\n');
  return 0;
}

export const clientsCommand: Command = async (argv) => {
  const [sub, ...rest] = argv;
  if (sub === 'hash') return hash([...rest]);
  if (sub === undefined || sub === 'help' || sub === '--help') {
    process.stdout.write(USAGE + '\n');
    return sub === undefined ? 2 : 0;
  }
  throw new CliError(`unknown subcommand "${sub}"\n\n${USAGE}`);
};
