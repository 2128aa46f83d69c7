// The `sendguard` command: for admins (policy checks) and for tests (scan a corpus).
// Usage errors and bad input exit non-zero with a message naming the file and line.
import { scanCommand } from './scan.js';
import './ocr.js'; // registers OCR for image items of `scan --input`
import { policyCommand } from './policy.js';
import { clientsCommand } from './clients.js';
import { CliError, type Command } from './common.js';

const COMMANDS: Record<string, Command> = {
  scan: scanCommand,
  policy: policyCommand,
  clients: clientsCommand,
};

/** Other modules register subcommands here (e.g. `policy`, `clients`). */
export function registerCommand(name: string, cmd: Command): void {
  COMMANDS[name] = cmd;
}

const HELP = `sendguard — local detection of sensitive data in chat messages

Usage:
  sendguard scan "text"                       readable verdict with findings and why
  sendguard scan --input FILE.jsonl [--policy POLICY.json]
                                               one JSON verdict per input line ({"id","text"}); --input - reads stdin
  sendguard policy check POLICY.json [--json] [--lang de|en]
                                               validate a policy file and explain each problem (German or English)
  sendguard policy schema                     print the managed_schema for Chrome and Edge
  sendguard clients hash --salt SALT [FILE]   salted hashes of client names for the policy's clientHashes
  sendguard help                              this text
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`sendguard: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await cmd(rest);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`sendguard ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
