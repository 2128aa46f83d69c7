// Prepared scenarios for the training page (issue 6): what trainers pick to show what employees will
// see. Data only; every text (title, message, talking point) is in _locales under
// scenario_<id>_title / _text / _note, in German and English. test/unit/training.test.ts checks that
// each message, in both languages, does with the default policy what `expect` says.
import type { SiteId } from '../../core/index.js';

export interface Scenario {
  /** Also the _locales key stem: scenario_<id>_title, scenario_<id>_text, scenario_<id>_note. */
  id: string;
  /** Which chat it is typed into. */
  site: SiteId;
  /** What SendGuard does with the default policy: warn, block, or nothing (a look-alike that must not trigger). */
  expect: 'warn' | 'block' | 'allow';
  /** Attached with the message (shown in the chat and read by OCR, issue 5). */
  image?: 'sick-note';
  /** With the image: what SendGuard does once the photo is read (`expect` is the caption's alone). */
  withImage?: 'warn' | 'block';
}

export const SCENARIOS: readonly Scenario[] = [
  { id: 'health_client', site: 'whatsapp', expect: 'warn' },
  { id: 'iban_rent', site: 'whatsapp', expect: 'warn' },
  { id: 'sick_note_photo', site: 'whatsapp', expect: 'allow', image: 'sick-note', withImage: 'warn' },
  { id: 'tax_id_payroll', site: 'teams', expect: 'warn' },
  { id: 'card_booking', site: 'teams', expect: 'block' },
  { id: 'lookalike_order', site: 'whatsapp', expect: 'allow' },
  { id: 'lookalike_flu', site: 'teams', expect: 'allow' },
  { id: 'lookalike_idiom', site: 'whatsapp', expect: 'allow' },
  { id: 'lookalike_names', site: 'teams', expect: 'allow' },
];
