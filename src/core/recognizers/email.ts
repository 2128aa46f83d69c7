// E-mail recognizer (Presidio EmailRecognizer style): one address pattern, then a structural
// validator (dot-atom local part, host-name labels, alphabetic TLD that is not a file extension).
import type { Finding, Recognizer } from '../types.js';
import { compileRule, matches, makeFinding, weighContext, type RuleFile } from './pattern.js';
import emailRule from '../../../rules/email.json';

const FILE = emailRule as RuleFile & { fileExtensions: string[] };
const RULE = compileRule(FILE);
const FILE_EXTENSIONS = new Set(FILE.fileExtensions);

/** RFC 5322 dot-atom local part + RFC 1035 host labels; false for "logo@2x.png"-style file names. */
export function emailStructureValid(address: string): boolean {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length === 0 || local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const l of labels) {
    if (l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-')) return false;
  }
  const tld = labels[labels.length - 1]!.toLowerCase();
  return /^[a-z]{2,24}$/.test(tld) && !FILE_EXTENSIONS.has(tld);
}

export const emailRecognizer: Recognizer = {
  id: 'email',
  types: ['email'],
  prefilter(ctx) {
    return ctx.text.includes('@');
  },
  analyze(ctx) {
    const out: Finding[] = [];
    const text = ctx.text;
    for (const { p, m } of matches(RULE, ctx)) {
      const start = m.index;
      const end = start + m[0].length;
      // Credentials in a URL ("https://user:pw@host.de") are not an address.
      const tokenStart = Math.max(text.lastIndexOf(' ', start), text.lastIndexOf('\n', start)) + 1;
      if (text.slice(tokenStart, start).includes('://')) continue;
      if (!emailStructureValid(m[0])) continue;
      const { positive } = weighContext(RULE, ctx, start, end);
      out.push(
        makeFinding('email', 'email.rfc5322', ctx, start, end, 1, {
          recognizer: 'email',
          pattern: `email.${p.name}`,
          validator: { name: 'email-structure', result: 'valid' },
          context: positive.map((h) => h.word),
          baseScore: p.score,
        }),
      );
    }
    return out;
  },
};
