// The OCR host in Node (CLI, eval, bench, tests): local language data, no cache files, PNG rotation
// with zlib, and image paths read here (so a missing file is an 'unreadable' OcrError).
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { createOcr, OcrError, type Ocr, type OcrImage, type OcrOptions } from './index.js';
import { rotatePng, splitPng } from './png.js';
import { findCutRow } from './bands.js';

export const DEFAULT_LANGS = ['deu', 'eng'];
/** The LSTM-only integer models: what the extension ships too (smaller, same quality on our corpus). */
export const LANG_DATA_VERSION = '4.0.0_best_int';

const require = createRequire(import.meta.url);

/** Where @tesseract.js-data/<lang> keeps `<lang>.traineddata.gz` for LANG_DATA_VERSION. */
export function langDataFile(lang: string): string {
  const pkg = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  return join(dirname(pkg), LANG_DATA_VERSION, `${lang}.traineddata.gz`);
}

const langDirs = new Map<string, string>();

/** A folder only this user can write to, or null when `dir` is anything else (or cannot be made). */
function privateDir(dir: string): string | null {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return null;
  }
  const st = lstatSync(dir);
  const uid = process.getuid?.();
  if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) return null;
  return dir;
}

function link(from: string, to: string): void {
  try {
    if (readlinkSync(to) === from) return;
  } catch {
    // missing, or a copy: (re)make it below
  }
  rmSync(to, { force: true });
  try {
    symlinkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * tesseract.js reads every language from one folder (`langPath`), but each @tesseract.js-data
 * package has its own. So the files are linked (copied where links are not allowed) into one folder
 * in the temp directory: private to this user and named after the installation, so every process
 * of this installation reuses it and a killed process leaves nothing new behind. Nothing is written
 * to the cwd, and tesseract.js writes no cache (cacheMethod 'none').
 */
export function nodeLangPath(langs: readonly string[] = DEFAULT_LANGS): string {
  const key = [...langs].sort().join('+');
  const known = langDirs.get(key);
  if (known && existsSync(known)) return known;
  const files = langs.map((l) => {
    let f: string;
    try {
      f = langDataFile(l);
    } catch {
      throw new OcrError('crashed', `OCR language data for "${l}" is not installed (npm package @tesseract.js-data/${l})`);
    }
    if (!existsSync(f)) throw new OcrError('crashed', `OCR language data missing: ${f}`);
    return [l, f] as const;
  });
  const id = createHash('sha256').update(files.map(([, f]) => f).join('\n')).digest('hex').slice(0, 12);
  let dir = privateDir(join(tmpdir(), `sendguard-ocr-${process.getuid?.() ?? 'user'}-${id}`));
  if (!dir) {
    // Someone else's folder under that name: use a fresh one of our own for this process.
    const own = mkdtempSync(join(tmpdir(), 'sendguard-ocr-'));
    process.once('exit', () => rmSync(own, { recursive: true, force: true }));
    dir = own;
  }
  for (const [l, f] of files) link(f, join(dir, `${l}.traineddata.gz`));
  langDirs.set(key, dir);
  return dir;
}

/** Rotate PNGs with zlib; other formats are not rotated (null). */
export async function rotateNode(image: Uint8Array, degrees: 90 | 180 | 270): Promise<Uint8Array | null> {
  return rotatePng(image, degrees, { inflate: (b) => inflateSync(b), deflate: (b) => deflateSync(b, { level: 1 }) });
}

/** Cut a PNG in two through a blank band near the middle (null: none, or not a PNG). */
export async function splitNode(image: Uint8Array): Promise<[Uint8Array, Uint8Array] | null> {
  return splitPng(image, (d) => findCutRow(d.pixels, d.width, d.height, d.bpp), { inflate: (b) => inflateSync(b), deflate: (b) => deflateSync(b, { level: 1 }) });
}

async function readImage(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new OcrError('unreadable', `cannot read ${path}: ${code}`, { cause: e });
  }
}

export type NodeOcrOptions = Partial<OcrOptions>;

/**
 * An OCR host for Node. `recognize()` takes a file path, a Buffer/Uint8Array or a Blob.
 * (Unlike tesseract.js itself it never fetches a URL: OCR stays offline.)
 * Defaults: deu+eng, 20 s per image, the worker kept 30 s after the last image.
 */
export function createNodeOcr(options: NodeOcrOptions = {}): Ocr {
  const langs = options.langs ?? DEFAULT_LANGS;
  let inner: Ocr | undefined;
  const host = (): Ocr =>
    (inner ??= createOcr({
      timeoutMs: 20_000,
      idleMs: 30_000,
      rotate: rotateNode,
      // Two workers at once only help with two cores.
      split: availableParallelism() >= 2 ? splitNode : undefined,
      ...options,
      langs,
      langPath: options.langPath ?? nodeLangPath(langs),
    }));
  return {
    async recognize(image: OcrImage, ro) {
      const input = typeof image === 'string' ? await readImage(image) : image;
      return host().recognize(input, ro);
    },
    async terminate() {
      await inner?.terminate();
    },
    get warm() {
      return inner?.warm ?? false;
    },
  };
}
