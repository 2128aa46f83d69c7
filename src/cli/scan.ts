// sendguard scan: one text → readable verdict; or a JSONL file → one JSON verdict per line, in order.
import { dirname, isAbsolute, resolve } from 'node:path';
import { analyze, type Analysis, type Finding } from '../core/index.js';
import { ocrFailureAnalysis } from '../core/ocr-text.js';
import { CliError, loadPolicy, readText, takeFlag, takeOption, type Command } from './common.js';

interface InputLine {
  id: string;
  text: string;
  image?: string;
}

function parseLine(raw: string, file: string, lineNo: number): InputLine {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch (e) {
    throw new CliError(`${file}:${lineNo}: not a JSON object (${(e as Error).message})`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new CliError(`${file}:${lineNo}: expected a JSON object like {"id": "...", "text": "..."}`);
  const o = obj as Record<string, unknown>;
  const id = o['id'];
  const text = o['text'] ?? '';
  if (typeof id !== 'string' && typeof id !== 'number') throw new CliError(`${file}:${lineNo}: "id" must be a string`);
  if (typeof text !== 'string') throw new CliError(`${file}:${lineNo}: "text" must be a string`);
  const image = o['image'];
  if (image !== undefined && typeof image !== 'string') throw new CliError(`${file}:${lineNo}: "image" must be a path string`);
  return { id: String(id), text, ...(typeof image === 'string' ? { image } : {}) };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const TYPE_LABEL: Record<string, string> = {
  health: 'health data (GDPR Art. 9)',
  iban: 'IBAN (bank account)',
  client_name: 'client name',
  credit_card: 'credit card number',
  de_tax_id: 'German tax ID (Steuer-ID)',
  de_kvnr: 'health insurance number (KVNR)',
  email: 'e-mail address',
  phone: 'phone number',
  person_name: 'person name',
};

function describeFinding(f: Finding): string {
  const e = f.explanation;
  const why = [`rule ${f.rule}`, `pattern ${e.pattern}`];
  if (e.validator) why.push(`validator ${e.validator.name}: ${e.validator.result}`);
  if (e.context?.length) why.push(`context: ${e.context.join(', ')}`);
  for (const n of e.notes ?? []) why.push(n);
  return `  - ${TYPE_LABEL[f.type] ?? f.type} at ${f.start}–${f.end}: ${JSON.stringify(f.text)} (score ${f.score.toFixed(2)})\n      ${why.join('; ')}`;
}

export function readableVerdict(a: Analysis): string {
  const lines = [`Verdict: ${a.decision.action.toUpperCase()}`];
  if (a.error) lines.push(`Detection failed (${a.error.message}); the policy's onError action applies.`);
  for (const r of a.decision.reasons) lines.push(`  ${r.action}: ${TYPE_LABEL[r.type] ?? r.type} (${r.findings.length}×)`);
  if (a.findings.length) {
    lines.push('Findings:');
    for (const f of a.findings) lines.push(describeFinding(f));
  } else lines.push('No findings.');
  return lines.join('\n') + '\n';
}

export function jsonVerdict(id: string, a: Analysis): string {
  return JSON.stringify({
    id,
    action: a.decision.action,
    findings: a.findings.map((f) => ({ type: f.type, start: f.start, end: f.end, score: Math.round(f.score * 1000) / 1000, rule: f.rule, ...(f.source === 'image' ? { source: 'image' } : {}) })),
    ...(a.error ? { error: a.error.message } : {}),
  });
}

/** Hook for image items (src/cli/ocr.ts registers tesseract.js OCR). Returns the image's text. */
export let readImageText: (path: string) => Promise<string> = async (path) => {
  throw new CliError(`image items are not supported yet (OCR): ${path}`);
};
export function setImageReader(fn: (path: string) => Promise<string>): void {
  readImageText = fn;
}

export const scanCommand: Command = async (argv) => {
  const args = [...argv];
  const policyFile = takeOption(args, '--policy');
  const input = takeOption(args, '--input');
  const json = takeFlag(args, '--json');
  const { policy } = loadPolicy(policyFile);

  if (input === undefined) {
    if (args.length === 0) throw new CliError('give a text to scan, or --input FILE.jsonl (use - for stdin)');
    const text = args.join(' ');
    const a = analyze(text, policy);
    process.stdout.write(json ? jsonVerdict('cli', a) + '\n' : readableVerdict(a));
    return 0;
  }
  if (args.length) throw new CliError(`unexpected argument "${args[0]}"`);
  const name = input === '-' ? '<stdin>' : input;
  const raw = input === '-' ? await readStdin() : readText(input);
  const base = input === '-' ? process.cwd() : dirname(resolve(input));
  // Parse everything first: a bad line fails the whole run before anything is printed,
  // so nothing half-written is presented as a result.
  const items: InputLine[] = [];
  raw.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    items.push(parseLine(line, name, i + 1));
  });
  const out: string[] = [];
  for (const item of items) {
    let a = analyze(item.text, policy);
    if (item.image) {
      const path = isAbsolute(item.image) ? item.image : resolve(base, item.image);
      // An image that cannot be read (missing, not an image, OCR failed or timed out) is a verdict, not a
      // usage error: the policy's ocrFailure action (default warn), with "error" saying why; exit code 0.
      let b: Analysis;
      try {
        b = analyze(await readImageText(path), policy, { ocr: true });
      } catch (e) {
        if (e instanceof CliError) throw e;
        b = ocrFailureAnalysis(policy, e instanceof Error ? e.message : String(e));
      }
      a = mergeAnalyses(a, b, item.text.length);
    }
    out.push(jsonVerdict(item.id, a));
  }
  process.stdout.write(out.length ? out.join('\n') + '\n' : '');
  return 0;
};

/** Combine the caption's and the image's analyses; image offsets are shifted past the caption. */
export function mergeAnalyses(text: Analysis, image: Analysis, offset: number): Analysis {
  const shifted = image.findings.map((f) => ({ ...f, start: f.start + offset + 1, end: f.end + offset + 1 }));
  const findings = [...text.findings, ...shifted];
  const rank = { allow: 0, warn: 1, block: 2 } as const;
  const action = rank[image.decision.action] > rank[text.decision.action] ? image.decision.action : text.decision.action;
  const reasons = [...text.decision.reasons, ...image.decision.reasons.map((r) => ({ ...r, findings: r.findings.map((i) => i + text.findings.length) }))];
  return { findings, decision: { action, reasons }, ...(text.error ?? image.error ? { error: text.error ?? image.error! } : {}) };
}
