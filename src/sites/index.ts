// The registry of messenger adapters. Add a site: one file beside these, its hosts in manifest.json
// (test/unit/sites.test.ts checks they agree), fixtures in test/fixtures/<id>/ and an e2e test.
import type { SiteAdapter } from './types.js';
import { whatsapp } from './whatsapp.js';
import { teams } from './teams.js';

export const ADAPTERS: readonly SiteAdapter[] = [whatsapp, teams];

export function adapterFor(location: { hostname: string }): SiteAdapter | null {
  return ADAPTERS.find((a) => a.matches(location)) ?? null;
}

export type { SiteAdapter, Editor, EditorKind, Attachments, EnterMode } from './types.js';
