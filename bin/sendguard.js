#!/usr/bin/env node
// Entry point of `npx sendguard`: runs the bundled CLI written by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/sendguard.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('sendguard: the CLI is not built yet; run `npm run build` first.\n');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
