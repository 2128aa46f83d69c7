// The organisation's policy through the real channel, for end-to-end tests: Chromium's managed policy
// file (/etc/chromium/policies/managed/<name>.json, {"3rdparty": {"extensions": {<id>: policy}}}),
// validated by Chromium against managed_schema.json and handed to chrome.storage.managed.
// The file is machine-wide: write it only while no other Chromium runs, remove it afterwards.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EXTENSION_ID } from './harness.js';

const DIR = '/etc/chromium/policies/managed';

export function canWritePolicies(): boolean {
  if (process.getuid?.() === 0) return true;
  try {
    accessSync(DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function policyFile(name: string) {
  const file = `${DIR}/${name}.json`;
  const remove = () => {
    rmSync(file, { force: true });
    rmSync(`${file}.tmp`, { force: true });
  };
  return {
    /** Atomically, so Chromium's watcher never reads half a file. */
    write(policy: unknown): void {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }, null, 2));
      renameSync(`${file}.tmp`, file);
    },
    remove,
  };
}

/** Wait (a while) until no other Chromium runs on this machine: it would pick the file up too. */
export async function otherBrowsersGone(timeoutMs = 60_000): Promise<void> {
  const others = () => {
    try {
      return execFileSync('pgrep', ['-f', '/usr/lib/chromium/chromium'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const until = Date.now() + timeoutMs;
  while (others() && Date.now() < until) await new Promise((r) => setTimeout(r, 1000));
}
