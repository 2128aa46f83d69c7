// The OCR host: reads the text of an image with tesseract.js, the same way in Node (CLI, eval, tests)
// and in an extension page (the offscreen document). Environment specifics (paths, how to rotate an
// image, how to load tesseract.js) come in as options; see ./node.ts and ./browser.ts.
//
// - Lazy: nothing of tesseract.js loads before the first recognize().
// - Warm: the worker stays for `idleMs` after the last image, then it is terminated.
// - Bounded: every recognize() settles within `timeoutMs` (worker start included); a worker that is
//   still busy when time is up is terminated, since a tesseract job cannot be cancelled.
// - Robust: a crashed worker is replaced and the image tried once more; failures are OcrError with a
//   kind the caller maps to the policy's `ocrFailure` action.
// - Jobs run one at a time; each job's timeout starts when it starts. A large image without skew may
//   be cut through a blank band and its halves read at once by a second worker (options.split).
import { SPLIT_MIN_PIXELS } from './bands.js';

export type OcrImage = Uint8Array | Blob | string;
export type OcrErrorKind = 'unreadable' | 'timeout' | 'crashed';

export class OcrError extends Error {
  override readonly name = 'OcrError';
  constructor(
    readonly kind: OcrErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OcrResult {
  /**
   * The recognised text, one visual line per line, blocks separated by blank lines. When several
   * passes read something useful, their texts follow each other (best first), separated by a blank line.
   */
  text: string;
  /** Tesseract's mean word confidence, 0–100, of the best pass. */
  confidence: number;
  /** Wall time of this recognize() call, worker start included. */
  ms: number;
  /** True when this call had to start the worker (cold start). */
  cold: boolean;
  /** Clockwise rotation (degrees) applied to the image for the returned text. */
  rotation: 0 | 90 | 180 | 270;
  /** Recognition passes run (1 normally; more when the first pass read little or with low confidence). */
  passes: number;
  /** 2 when the first pass read the image in two halves on two workers (see OcrOptions.split), else 1. */
  bands: 1 | 2;
}

export interface OcrProgress {
  /** Tesseract's status text, e.g. "loading tesseract core", "recognizing text". */
  status: string;
  /** 0..1 within that status. */
  progress: number;
}

export interface RecognizeOptions {
  /** Overrides the host's timeoutMs for this image. */
  timeoutMs?: number;
  /** Progress of this job (for a progress bar). */
  onProgress?: (p: OcrProgress) => void;
}

/** What createOcr needs of tesseract.js (structural, so tests can pass a fake). */
export interface TesseractModule {
  createWorker(langs: string[], oem: number, options: Record<string, unknown>): Promise<TesseractWorker>;
}
export interface TesseractWorker {
  /** The underlying worker_threads Worker (Node) or Web Worker (browser). */
  worker?: unknown;
  setParameters(params: Record<string, string>): Promise<unknown>;
  recognize(image: unknown, options?: Record<string, unknown>, output?: Record<string, boolean>): Promise<{ data: { text: string; confidence: number; rotateRadians?: number | null } }>;
  terminate(): Promise<unknown>;
}

export type RotateImage = (image: Uint8Array, degrees: 90 | 180 | 270) => Promise<Uint8Array | null>;
/**
 * Cuts an encoded image in two (top, bottom) through a blank band near the middle (see ./bands.ts);
 * null when there is none or the format is not handled — then the image is read whole.
 */
export type SplitImage = (image: Uint8Array) => Promise<[Uint8Array, Uint8Array] | null>;

export interface OcrOptions {
  /** tesseract.js worker script (browser: the extension's copy of dist/worker.min.js). Node: default. */
  workerPath?: string;
  /** tesseract.js-core file or folder (browser: the relaxed-SIMD LSTM core). Node: default. */
  corePath?: string;
  /** Folder (path or URL) holding `<lang>.traineddata.gz` for every language. */
  langPath: string;
  langs: string[];
  /** Upper bound for one recognize() call, worker start included. */
  timeoutMs: number;
  /** Terminate the worker after this long without work. */
  idleMs: number;
  /** Starting the worker may take this long before it counts as failed (default max(timeoutMs, 20 s)). */
  startTimeoutMs?: number;
  /** Browser: must be false in an extension (no blob: workers under the extension CSP). Default false. */
  workerBlobURL?: boolean;
  /**
   * Rotates an encoded image clockwise; returns null when it cannot (unsupported format). When given,
   * a weak first pass may be retried upside down.
   */
  rotate?: RotateImage;
  /**
   * When given, an image of more than `splitMinPixels` without skew is cut in two through a blank
   * band and the halves are read at once on two workers (the second one started on the first such
   * image, released with the first). For 2+ cores.
   */
  split?: SplitImage;
  /** Default SPLIT_MIN_PIXELS (1.2 MP). */
  splitMinPixels?: number;
  /** A pass below this confidence (0–100) is weak and retries follow (default 75). */
  lowConfidence?: number;
  /**
   * Retries of a weak first pass after the first retry stop this long after the call started
   * (default min(8 s, 60 % of timeoutMs)); the first retry may use the time up to the timeout.
   */
  retryBudgetMs?: number;
  /** Images with more pixels are refused as unreadable before OCR (default 40 MP). */
  maxPixels?: number;
  /** How to load tesseract.js (default: dynamic import, so bundlers split it off). */
  loadTesseract?: () => Promise<TesseractModule>;
}

export interface Ocr {
  recognize(image: OcrImage, options?: RecognizeOptions): Promise<OcrResult>;
  /** Free the worker now; a later recognize() starts a new one. Pending jobs fail as 'crashed'. */
  terminate(): Promise<void>;
  /** For diagnostics and tests: is a worker running (or starting)? */
  readonly warm: boolean;
}

/** Tesseract's LSTM-only engine: the only one in the `best_int` data and the `-lstm` cores. */
const OEM_LSTM_ONLY = 1;
/** Page segmentation: 3 = automatic layout (tables, letters, screenshots); 11 = sparse text. */
const PSM_AUTO = '3';
const PSM_SPARSE = '11';
/**
 * A skew above this (radians, ~2°) is corrected before the first pass. Smaller angles tesseract
 * reads well as they are, and rotating the image for them cost confidence on our corpus photos.
 */
const DESKEW_MIN_RADIANS = 0.035;
/**
 * Screen sizes (width × height, landscape desktops and portrait phones): an image of exactly one of
 * them is a screenshot, which is never skewed as a whole, so its skew is not measured (~140 ms on
 * 1920×1080).
 */
const SCREEN_SIZES = new Set([
  '1280x720', '1280x800', '1280x1024', '1366x768', '1440x900', '1536x864', '1600x900', '1680x1050',
  '1920x1080', '1920x1200', '2048x1152', '2560x1080', '2560x1440', '2560x1600', '2880x1800', '3440x1440', '3840x2160',
  '750x1334', '828x1792', '1080x1920', '1080x2340', '1080x2400', '1170x2532', '1179x2556', '1242x2688', '1284x2778', '1290x2796', '1440x3200',
]);

/** Is this image exactly a screen's size (a screenshot)? */
export function screenSized(info: { width?: number; height?: number } | null): boolean {
  return !!info?.width && !!info.height && SCREEN_SIZES.has(`${info.width}x${info.height}`);
}
/** A pass with fewer letters/digits than this (or low confidence) is weak: retries follow. */
const MIN_TEXT_CHARS = 60;
/** Passes below this confidence read mostly noise: their text is not used. */
const USEFUL_CONFIDENCE = 50;

interface Pass {
  text: string;
  confidence: number;
  ms: number;
  rotation: 0 | 90 | 180 | 270;
}

/**
 * Retries for a weak first pass, each for one typical problem of photos (measured on the corpus
 * images and skewed / blurred / low-contrast / rotated variants of them):
 * - uneven light, pale or blurred print: local (tiled Otsu) thresholding instead of one global one;
 * - text scattered between boxes, barcodes, logos: sparse-text segmentation;
 * - upside down: turn 180°. (Tesseract reads text turned 90° clockwise by itself, and a photo turned
 *   90° the other way is turned 90° clockwise after 180°.)
 */
interface Retry {
  params: Record<string, string>;
  rotate?: 180;
}
const LOCAL_THRESHOLD: Retry = { params: { thresholding_method: '1' } };
const SPARSE: Retry = { params: { tessedit_pageseg_mode: PSM_SPARSE } };
const UPSIDE_DOWN: Retry = { params: {}, rotate: 180 };

/**
 * The likeliest fix first, judged by the first pass: much "text" at very low confidence is what an
 * upside-down page gives; otherwise the print was hard to separate from the background.
 */
function retriesFor(first: { text: string; confidence: number }): readonly Retry[] {
  if (first.confidence < 55 && alnumCount(first.text) >= MIN_TEXT_CHARS) return [UPSIDE_DOWN, LOCAL_THRESHOLD, SPARSE];
  return [LOCAL_THRESHOLD, SPARSE, UPSIDE_DOWN];
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function unrefTimer(t: unknown): void {
  (t as { unref?: () => void } | undefined)?.unref?.();
}

function alnumCount(s: string): number {
  let n = 0;
  for (const c of s) if (/[\p{L}\p{N}]/u.test(c)) n++;
  return n;
}

/** Format and pixel size from the header, for the formats leptonica reads. */
export function imageInfo(b: Uint8Array): { format: string; width?: number; height?: number } | null {
  const at = (i: number) => b[i] ?? 0;
  const be32 = (i: number) => ((at(i) << 24) | (at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3)) >>> 0;
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return { format: 'png', width: be32(16), height: be32(20) };
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) {
    // Walk the JPEG segments to the first start-of-frame marker.
    let i = 2;
    while (i + 9 < b.length && at(i) === 0xff) {
      const marker = at(i + 1);
      const len = (at(i + 2) << 8) | at(i + 3);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { format: 'jpeg', height: (at(i + 5) << 8) | at(i + 6), width: (at(i + 7) << 8) | at(i + 8) };
      }
      i += 2 + len;
    }
    return { format: 'jpeg' };
  }
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46) return { format: 'gif', width: at(6) | (at(7) << 8), height: at(8) | (at(9) << 8) };
  if (at(0) === 0x42 && at(1) === 0x4d) return { format: 'bmp', width: Math.abs(at(18) | (at(19) << 8) | (at(20) << 16) | (at(21) << 24)), height: Math.abs((at(22) | (at(23) << 8) | (at(24) << 16) | (at(25) << 24)) >> 0) };
  if (at(0) === 0x52 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x46 && at(8) === 0x57 && at(9) === 0x45 && at(10) === 0x42 && at(11) === 0x50) return { format: 'webp' };
  if ((at(0) === 0x49 && at(1) === 0x49 && at(2) === 0x2a) || (at(0) === 0x4d && at(1) === 0x4d && at(3) === 0x2a)) return { format: 'tiff' };
  if (at(0) === 0x50 && at(1) >= 0x31 && at(1) <= 0x36) return { format: 'pnm' };
  return null;
}

/** A tesseract rejection (a string or Error) as an OcrError. */
function classify(e: unknown): OcrError {
  if (e instanceof OcrError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/read image|image file|pix|unsupported|decode|ENOENT|EISDIR/i.test(msg)) return new OcrError('unreadable', `the image could not be decoded (${msg})`, { cause: e });
  return new OcrError('crashed', `OCR failed: ${msg}`, { cause: e });
}

interface Engine {
  w: TesseractWorker;
  /** Rejects when the worker dies or is terminated; never resolves. */
  died: Promise<never>;
  fail(e: OcrError): void;
  dead: boolean;
  ref(on: boolean): void;
}

export function createOcr(options: OcrOptions): Ocr {
  const lowConfidence = options.lowConfidence ?? 75;
  const retryBudgetMs = options.retryBudgetMs ?? Math.min(8000, options.timeoutMs * 0.6);
  const maxPixels = options.maxPixels ?? 40_000_000;
  const startTimeoutMs = options.startTimeoutMs ?? Math.max(options.timeoutMs, 20_000);
  const load = options.loadTesseract ?? (async () => {
    const m = (await import('tesseract.js')) as unknown as TesseractModule & { default?: TesseractModule };
    return typeof m.createWorker === 'function' ? m : m.default!;
  });

  let engine: Engine | null = null;
  let starting: Promise<Engine> | null = null;
  /** The second worker for the halves of a split image (started on the first large image). */
  let helper: Engine | null = null;
  let helperStarting: Promise<Engine> | null = null;
  const splitMinPixels = options.splitMinPixels ?? SPLIT_MIN_PIXELS;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let pending = 0;
  let progress: ((p: OcrProgress) => void) | undefined;
  /** Bumped by terminate(): a worker that finishes starting after that is dropped at once. */
  let generation = 0;

  function kill(e: Engine, reason: OcrError): void {
    if (engine === e) engine = null;
    if (helper === e) helper = null;
    if (e.dead) return;
    e.fail(reason);
    e.w.terminate().catch(() => {});
  }

  async function startEngine(gen: number, quiet = false): Promise<Engine> {
    const T = await load();
    let createFailed: (e: unknown) => void = () => {};
    const failedToStart = new Promise<never>((_, reject) => (createFailed = reject));
    let current: Engine | null = null;
    const created = T.createWorker(options.langs, OEM_LSTM_ONLY, {
      langPath: options.langPath,
      ...(options.workerPath ? { workerPath: options.workerPath } : {}),
      ...(options.corePath ? { corePath: options.corePath } : {}),
      workerBlobURL: options.workerBlobURL ?? false,
      cacheMethod: 'none',
      gzip: true,
      logger: (m: { status?: string; progress?: number }) => (quiet ? undefined : progress?.({ status: m.status ?? '', progress: m.progress ?? 0 })),
      // tesseract.js rejects the job's promise too; without a handler it throws from a message event.
      // A failure while loading the language data would otherwise leave createWorker pending forever.
      errorHandler: (e: unknown) => {
        if (!current) createFailed(e);
      },
    });
    let startTimer: ReturnType<typeof setTimeout> | undefined;
    const tooSlow = new Promise<never>((_, reject) => {
      startTimer = setTimeout(() => reject(new OcrError('crashed', `the OCR engine did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
      unrefTimer(startTimer);
    });
    let w: TesseractWorker;
    try {
      w = await Promise.race([created, failedToStart, tooSlow]);
    } catch (e) {
      // If it starts after all, do not leave it running.
      created.then((late) => late.terminate()).catch(() => {});
      throw e instanceof OcrError ? e : new OcrError('crashed', `the OCR engine did not start: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    } finally {
      clearTimeout(startTimer);
    }
    let fail: (e: OcrError) => void = () => {};
    const died = new Promise<never>((_, reject) => (fail = reject));
    died.catch(() => {});
    const eng: Engine = {
      w,
      died,
      dead: false,
      fail: (e) => {
        if (eng.dead) return;
        eng.dead = true;
        fail(e);
      },
      ref: (on) => {
        const t = w.worker as { ref?: () => void; unref?: () => void } | undefined;
        if (on) t?.ref?.();
        else t?.unref?.();
      },
    };
    current = eng;
    const onDeath = (what: string) => () => {
      if (engine === eng) engine = null;
      if (helper === eng) helper = null;
      eng.fail(new OcrError('crashed', `the OCR worker ${what}`));
    };
    const thread = w.worker as { on?: (ev: string, f: (x: unknown) => void) => void; addEventListener?: (ev: string, f: (x: unknown) => void) => void } | undefined;
    if (typeof thread?.on === 'function') {
      thread.on('error', onDeath('crashed'));
      thread.on('exit', onDeath('exited'));
    } else if (typeof thread?.addEventListener === 'function') {
      thread.addEventListener('error', onDeath('crashed'));
    }
    try {
      // Automatic layout; tesseract's own diagnostics ("Estimating resolution as …") off.
      await Promise.race([w.setParameters({ tessedit_pageseg_mode: PSM_AUTO, debug_file: '/dev/null' }), died]);
    } catch (err) {
      const oe = classify(err);
      kill(eng, oe);
      throw oe;
    }
    if (gen !== generation) {
      kill(eng, new OcrError('crashed', 'OCR was stopped'));
      throw new OcrError('crashed', 'OCR was stopped');
    }
    return eng;
  }

  function getEngine(): Promise<Engine> {
    if (engine && !engine.dead) return Promise.resolve(engine);
    if (!starting) {
      const gen = generation;
      starting = startEngine(gen).then(
        (e) => {
          starting = null;
          if (gen === generation) engine = e;
          if (pending === 0) scheduleIdle();
          return e;
        },
        (err: unknown) => {
          starting = null;
          throw err;
        },
      );
      starting.catch(() => {});
    }
    return starting;
  }

  /** Set by a large image read whole for want of the second worker: start it when that job is done. */
  let wantHelper = false;

  /**
   * The second worker, or null: the first large image is read whole and the second worker starts
   * after it (so it does not slow that image, a cold start included); later large images are split.
   */
  function readyHelper(): Engine | null {
    if (helper && !helper.dead) return helper;
    wantHelper = true;
    return null;
  }

  function startHelper(): void {
    wantHelper = false;
    if (helper && !helper.dead) return;
    if (!helperStarting && engine && !engine.dead) {
      const gen = generation;
      helperStarting = startEngine(gen, true).then(
        (h) => {
          helperStarting = null;
          if (gen !== generation || !engine) {
            // Stopped (terminate, idle) while it started: do not leave it running.
            kill(h, new OcrError('crashed', 'OCR was stopped'));
            return h;
          }
          helper = h;
          h.ref(pending > 0);
          return h;
        },
        () => {
          helperStarting = null;
        },
      ) as Promise<Engine>;
    }
  }

  function scheduleIdle(): void {
    clearTimeout(idleTimer);
    helper?.ref(false);
    const e = engine;
    if (!e) return;
    e.ref(false); // an idle worker never keeps a Node process alive
    idleTimer = setTimeout(() => {
      if (pending === 0 && engine === e) {
        kill(e, new OcrError('crashed', 'OCR worker stopped after idle time'));
        if (helper) kill(helper, new OcrError('crashed', 'OCR worker stopped after idle time'));
      }
    }, options.idleMs);
    unrefTimer(idleTimer);
  }

  async function toBytes(image: OcrImage): Promise<Uint8Array | string> {
    if (typeof image === 'string') return image;
    if (typeof Blob !== 'undefined' && image instanceof Blob) {
      try {
        return new Uint8Array(await image.arrayBuffer());
      } catch (e) {
        throw new OcrError('unreadable', `the image could not be read (${e instanceof Error ? e.message : String(e)})`, { cause: e });
      }
    }
    return image as Uint8Array;
  }

  function check(bytes: Uint8Array): void {
    if (bytes.length === 0) throw new OcrError('unreadable', 'the image is empty');
    const info = imageInfo(bytes);
    if (!info) throw new OcrError('unreadable', 'not an image in a format OCR can read (PNG, JPEG, GIF, BMP, WebP, TIFF, PNM)');
    if (info.width !== undefined && info.height !== undefined) {
      if (info.width === 0 || info.height === 0) throw new OcrError('unreadable', `the ${info.format.toUpperCase()} image has no pixels`);
      if (info.width * info.height > maxPixels) {
        throw new OcrError('unreadable', `the image is too large to read (${info.width}×${info.height} pixels, at most ${Math.round(maxPixels / 1e6)} megapixels)`);
      }
    }
  }

  /** A tesseract job on this engine: a crash or tesseract error becomes an OcrError. */
  async function call<T>(e: Engine, job: Promise<T>): Promise<T> {
    try {
      return await Promise.race([job, e.died]);
    } catch (err) {
      const oe = classify(err);
      // After a crash inside tesseract the module's state is unknown: use a fresh worker next time.
      if (oe.kind === 'crashed') kill(e, oe);
      throw oe;
    }
  }

  async function pass(e: Engine, image: unknown, params: Record<string, string | number>): Promise<{ text: string; confidence: number; ms: number }> {
    const t0 = now();
    const r = await call(e, e.w.recognize(image, params));
    return { text: r.data.text ?? '', confidence: r.data.confidence ?? 0, ms: now() - t0 };
  }

  /** The page's skew from tesseract's line finder alone (no recognition: a fraction of a pass). */
  async function skew(e: Engine, image: unknown): Promise<number> {
    const r = await call(e, e.w.recognize(image, { rotateAuto: true }, { text: false }));
    const a = r.data.rotateRadians ?? 0;
    return Math.abs(a) >= DESKEW_MIN_RADIANS ? a : 0;
  }

  /**
   * Deskew (above ~2°), the first pass, then — only when it is weak (little text or low confidence) — retries that each
   * fix one typical problem of photos, while the retry budget lasts. Kept: the text of every pass
   * that read something with fair confidence (best first), since different passes read different
   * parts of a hard photo and the validators keep noise from counting.
   */
  async function passes(e: Engine, image: Uint8Array | string, t0: number, deadline: number): Promise<Omit<OcrResult, 'ms' | 'cold'>> {
    const info = typeof image === 'string' ? null : imageInfo(image);
    const skewed = screenSized(info) ? Promise.resolve(0) : skew(e, image);
    skewed.catch(() => {});
    // A large image: cut it (on this thread, while the worker measures the skew) for two workers.
    let halves: [Uint8Array, Uint8Array] | null = null;
    let h: Engine | null = null;
    if (options.split && info?.width && info.height && info.width * info.height > splitMinPixels) {
      h = readyHelper();
      if (h) halves = await options.split!(image as Uint8Array).catch(() => null);
    }
    const angle = await skewed;
    const deskew: Record<string, number> = angle ? { rotateRadians: angle } : {};
    let first: { text: string; confidence: number; ms: number };
    let bands: 1 | 2 = 1;
    if (halves && h && !h.dead && !angle) {
      // A skewed image is read whole: its blank rows are not between its lines.
      const helperEngine = h;
      helperEngine.ref(true);
      let a: Awaited<ReturnType<typeof pass>>;
      let b: Awaited<ReturnType<typeof pass>>;
      try {
        [a, b] = await Promise.all([pass(e, halves[0], {}), pass(helperEngine, halves[1], {})]);
      } catch (err) {
        // The other half may still be running: do not leave the second worker busy with it.
        kill(helperEngine, classify(err));
        throw err;
      }
      const na = alnumCount(a.text);
      const nb = alnumCount(b.text);
      first = {
        text: [a.text.trim(), b.text.trim()].filter(Boolean).join('\n\n'),
        confidence: na + nb > 0 ? (a.confidence * na + b.confidence * nb) / (na + nb) : (a.confidence + b.confidence) / 2,
        // What a whole pass would take: retries read the whole image on one worker.
        ms: a.ms + b.ms,
      };
      bands = 2;
    } else {
      first = await pass(e, image, deskew);
    }
    const done: Pass[] = [{ ...first, rotation: 0 as const }];
    const weak = (r: { text: string; confidence: number }) => r.confidence < lowConfidence || alnumCount(r.text) < MIN_TEXT_CHARS;
    if (weak(first)) {
      for (const retry of retriesFor(first)) {
        if (done.some((r) => !weak(r))) break;
        if (retry.rotate && (!options.rotate || typeof image === 'string')) continue;
        // The likeliest fix may use the time up to the deadline, further ones only the retry budget.
        // A retry must be likely to finish in time; if one runs over, it is cut off (the worker is
        // replaced) and what was read so far counts.
        const softDeadline = done.length === 1 ? deadline - 200 : Math.min(deadline - 200, t0 + retryBudgetMs);
        if (softDeadline - now() < first.ms * 1.2 + 50) break;
        const input = retry.rotate ? await options.rotate!(image as Uint8Array, retry.rotate).catch(() => null) : image;
        if (!input) continue;
        let cutOff: ReturnType<typeof setTimeout> | undefined;
        const overrun = new Promise<null>((resolve) => (cutOff = setTimeout(() => resolve(null), Math.max(0, softDeadline - now()))));
        try {
          const r = await Promise.race([pass(e, input, { ...deskew, ...retry.params }), overrun]);
          if (!r) {
            kill(e, new OcrError('timeout', 'OCR retry cut off'));
            break;
          }
          done.push({ ...r, rotation: retry.rotate ?? 0 });
        } finally {
          clearTimeout(cutOff);
        }
      }
    }
    const quality = (r: Pass) => alnumCount(r.text) * r.confidence;
    const useful = done.filter((r) => r.confidence >= USEFUL_CONFIDENCE && alnumCount(r.text) > 0).sort((a, b) => quality(b) - quality(a));
    const best = useful[0] ?? done[0]!;
    return {
      text: (useful.length ? useful : [best]).map((r) => r.text.trim()).join('\n\n'),
      confidence: best.confidence,
      rotation: best.rotation,
      passes: done.length,
      bands,
    };
  }

  async function run(image: OcrImage, ro: RecognizeOptions): Promise<OcrResult> {
    const t0 = now();
    const timeoutMs = ro.timeoutMs ?? options.timeoutMs;
    const deadline = t0 + timeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrError('timeout', `OCR took longer than ${timeoutMs} ms`)), timeoutMs);
    });
    timedOut.catch(() => {});
    progress = ro.onProgress;
    const gen = generation;
    let e: Engine | undefined;
    try {
      const input = await toBytes(image);
      if (typeof input !== 'string') check(input);
      for (let attempt = 0; ; attempt++) {
        const cold = !(engine && !engine.dead);
        try {
          e = await Promise.race([getEngine(), timedOut]);
          e.ref(true);
          const r = await Promise.race([passes(e, input, t0, deadline), timedOut]);
          return { ...r, ms: Math.round(now() - t0), cold };
        } catch (err) {
          const oe = classify(err);
          if (oe.kind === 'timeout') {
            // The worker may be busy with this image for a long time yet: it cannot be cancelled.
            if (e) kill(e, oe);
            if (helper) kill(helper, oe);
            throw oe;
          }
          if (oe.kind === 'crashed' && attempt === 0 && e && gen === generation && now() < deadline - 50) {
            kill(e, oe);
            e = undefined;
            continue; // one fresh worker, one more try
          }
          throw oe;
        }
      }
    } finally {
      clearTimeout(timer);
      progress = undefined;
    }
  }

  return {
    recognize(image, ro = {}) {
      pending++;
      clearTimeout(idleTimer);
      const job = queue.then(() => run(image, ro));
      queue = job.catch(() => {}).then(() => {
        pending--;
        if (wantHelper) startHelper();
        if (pending === 0) scheduleIdle();
      });
      return job;
    },
    async terminate() {
      generation++;
      clearTimeout(idleTimer);
      const e = engine;
      engine = null;
      if (e) kill(e, new OcrError('crashed', 'OCR was stopped'));
      const h = helper;
      helper = null;
      if (h) kill(h, new OcrError('crashed', 'OCR was stopped'));
    },
    get warm() {
      return (engine !== null && !engine.dead) || starting !== null;
    },
  };
}
