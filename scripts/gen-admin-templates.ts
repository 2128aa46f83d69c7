// Writes the admin templates, public/managed_schema.json and the key tables of docs/admin/README*.md,
// all generated from the policy schema and docs/admin/example-policy.json (scripts/admin-templates.ts).
// Run after changing the schema or the example policy:   npx tsx scripts/gen-admin-templates.ts
// test/unit/templates.test.ts fails while the committed files differ from what this would write.
//
// For your own organisation (other id, self-hosted update URL, your policy) write to another folder:
//   npx tsx scripts/gen-admin-templates.ts --out my-templates --id <extension id> \
//     [--update-url https://…/updates.xml] [--firefox-id sendguard@example.org] [--policy my-policy.json]
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAdminTemplates, repoTemplateOptions, README_FILES } from './admin-templates.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = opt('--out');
const options = repoTemplateOptions(root);
if (opt('--id')) options.extensionId = opt('--id')!;
if (opt('--update-url')) options.updateUrl = opt('--update-url')!;
if (opt('--firefox-id')) options.firefoxId = opt('--firefox-id')!;
if (opt('--policy')) options.example = JSON.parse(readFileSync(opt('--policy')!, 'utf8')) as Record<string, unknown>;
if (out) options.readmes = {};

const files = generateAdminTemplates(options);
for (const [path, content] of files) {
  if (out && (path.startsWith('public/') || (README_FILES as readonly string[]).includes(path))) continue;
  const target = out ? join(out, relative('docs/admin/templates', path)) : join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}
console.log(`wrote ${files.size} files${out ? ` to ${out}` : ''} (extension id ${options.extensionId})`);
