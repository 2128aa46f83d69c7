// Images in a send (issue 5): get their bytes, have them read (OCR in the extension's offscreen
// document, through the background), and hand the text to the send guard, which judges it together
// with the caption.
//
// - Early: image files are captured when they enter the page — paste and drop (capture phase, before
//   the editor takes them) and `change` on file inputs (WhatsApp's attach menu, Teams' paperclip) —
//   and read at once, so the result is usually ready when the person presses send.
// - At send time the adapter names the images the send carries (<img> with a blob:/data: preview);
//   their bytes are fetched and matched to earlier results by content hash, so an image is read once.
// - Only images are read. Other files (PDF, documents) are not (the dialog says so when it opens).
// - Image bytes and text stay in memory: a bounded cache keyed by a SHA-256 of the bytes, no storage,
//   no logging.
import type { Editor, SiteAdapter } from '../sites/index.js';
import { OCR_MAX_BYTES, type OcrReply } from '../shared/messages.js';

/** What the guard gets back for one send. */
export interface ImageCheck {
  /** Text read from each image that could be read (in order). */
  texts: string[];
  /** Why an image could not be read, one entry per image. */
  failures: string[];
  /** Images looked at. */
  images: number;
  /** Of those, images that are file chips (Teams' paperclip), not previews: not counted as unread files. */
  fromCaptures: number;
}

/** Progress of the images of one send: `fraction` 0..1 over all of them. */
export interface ImageProgress {
  done: number;
  total: number;
  fraction: number;
}

/** Sends one image (data: URL) to be read; resolves undefined when the extension does not answer. */
export type OcrTransport = (id: string, dataUrl: string) => Promise<OcrReply | undefined>;

interface Job {
  reply: Promise<OcrReply>;
  /** 0..1 of this image. */
  progress: number;
  settled: boolean;
  listeners: Set<() => void>;
}

interface Capture {
  key: Promise<string>;
  blob: Blob;
  /** The file's name (matched against the file chips the page shows). */
  name: string;
  via: 'paste' | 'drop' | 'input';
}

/** Results kept (most recent first out): a chat session rarely has more images in flight. */
const MAX_JOBS = 40;
/**
 * Upper bound for one image, from the request to the answer (the offscreen host settles each job
 * within 20 s, plus opening the document and the queue in front of it). Then it counts as failed.
 */
const IMAGE_DEADLINE_MS = 45_000;

function isImageFile(f: File): boolean {
  return f.type.startsWith('image/') || /\.(png|jpe?g|gif|bmp|webp|tiff?|heic)$/i.test(f.name);
}

async function keyOf(blob: Blob): Promise<string> {
  const bytes = await blob.arrayBuffer();
  try {
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    // No SubtleCrypto (insecure context): FNV-1a over the bytes and the length.
    const u = new Uint8Array(bytes);
    let h = 0x811c9dc5;
    for (let i = 0; i < u.length; i++) h = Math.imul(h ^ u[i]!, 0x01000193);
    return `fnv:${(h >>> 0).toString(16)}:${u.length}`;
  }
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('the image could not be read'));
    r.readAsDataURL(blob);
  });
}

/** Tesseract's statuses → one bar: loading the engine and data up to 30 %, recognising the rest. */
function overall(status: string, progress: number): number {
  const p = Math.max(0, Math.min(1, progress));
  if (/recogniz/i.test(status)) return 0.3 + 0.7 * p;
  return 0.05 + 0.25 * p;
}

let seq = 0;

export class ImageReader {
  private readonly jobs = new Map<string, Job>();
  private readonly byRequest = new Map<string, Job>();
  /** Image files that entered the page since the last send went out. */
  private captures: Capture[] = [];

  constructor(private readonly transport: OcrTransport) {}

  /** Capture-phase listeners: paste, drop, file inputs. They never cancel or change the event. */
  install(win: Window): void {
    const opts = { capture: true, passive: true } as const;
    win.addEventListener('paste', (e) => this.take((e as ClipboardEvent).clipboardData?.files, 'paste'), opts);
    win.addEventListener('drop', (e) => this.take((e as DragEvent).dataTransfer?.files, 'drop'), opts);
    win.addEventListener('change', (e) => {
      const t = e.target;
      if (t instanceof HTMLInputElement && t.type === 'file') this.take(t.files, 'input');
    }, opts);
  }

  private take(files: FileList | null | undefined, via: Capture['via']): void {
    if (!files?.length) return;
    for (const f of [...files]) {
      if (!isImageFile(f)) continue;
      const key = keyOf(f);
      key.catch(() => undefined);
      this.captures.push({ key, blob: f, name: f.name, via });
      if (this.captures.length > 20) this.captures.shift();
      // Start reading now: the result is usually ready at send time.
      void key.then((k) => this.read(k, f)).catch(() => undefined);
    }
  }

  /** A send went out: earlier captures belong to it. */
  sent(): void {
    this.captures = [];
  }

  /** Progress reported by the background for one request. */
  onProgress(id: string, status: string, progress: number): void {
    const job = this.byRequest.get(id);
    if (!job || job.settled) return;
    job.progress = Math.max(job.progress, overall(status, progress));
    for (const l of job.listeners) l();
  }

  private read(key: string, blob: Blob): Job {
    const known = this.jobs.get(key);
    if (known) {
      // Most recently used last: the oldest entry goes first when the cache is full.
      this.jobs.delete(key);
      this.jobs.set(key, known);
      return known;
    }
    const id = `img-${Date.now().toString(36)}-${++seq}`;
    const job: Job = { reply: Promise.resolve({ ok: false, kind: 'crashed', message: '' }), progress: 0, settled: false, listeners: new Set() };
    job.reply = this.request(id, blob).then((r) => {
      job.settled = true;
      job.progress = 1;
      this.byRequest.delete(id);
      // A failure is not kept: the next send tries again.
      if (!r.ok && this.jobs.get(key) === job) this.jobs.delete(key);
      for (const l of job.listeners) l();
      return r;
    });
    this.byRequest.set(id, job);
    this.jobs.set(key, job);
    while (this.jobs.size > MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
    return job;
  }

  private async request(id: string, blob: Blob): Promise<OcrReply> {
    if (blob.size === 0) return { ok: false, kind: 'unreadable', message: 'the image is empty' };
    if (blob.size > OCR_MAX_BYTES) return { ok: false, kind: 'unreadable', message: 'the image is too large to check (over 16 MB)' };
    let url: string;
    try {
      url = await dataUrl(blob);
    } catch {
      return { ok: false, kind: 'unreadable', message: 'the image could not be read' };
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const r = await Promise.race([
        this.transport(id, url).catch(() => undefined),
        new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), IMAGE_DEADLINE_MS))),
      ]);
      if (r === 'timeout') return { ok: false, kind: 'timeout', message: 'checking the image took too long' };
      if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') return { ok: false, kind: 'crashed', message: 'the extension did not answer' };
      return r;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The images a send from `editor` carries, read (from earlier results where the bytes match).
   * Null when there is nothing to read. Never rejects: an image that cannot be fetched or read is a failure.
   */
  check(adapter: SiteAdapter, editor: Editor, files: number, onProgress?: (p: ImageProgress) => void): Promise<ImageCheck> | null {
    const elements = adapter.attachmentImages?.(editor) ?? [];
    // Earlier captures the page shows no fetchable <img> for: WhatsApp's media editor without one
    // (captures of any kind), Teams' paperclip (file chips: images chosen through a file input).
    const labels = files > 0 ? adapter.attachedFileLabels?.(editor) : [];
    const attached = (c: Capture) => !labels || labels.some((l) => c.name !== '' && l.includes(c.name));
    const pending = this.captures.filter((c) => (editor.kind === 'caption' ? elements.length === 0 : c.via === 'input' && files > 0 && attached(c)));
    if (elements.length === 0 && pending.length === 0) return null;
    // A preview the content script cannot fetch (a page CSP, a revoked URL) falls back to the image
    // files captured for this send, when there are some: WhatsApp's media editor shows what was pasted,
    // dropped or chosen.
    const fallback = editor.kind === 'caption' ? this.captures.filter((c) => !pending.includes(c)) : [];
    return this.checkAll(elements, pending, fallback, editor.kind !== 'caption', onProgress);
  }

  private async checkAll(elements: HTMLImageElement[], pending: Capture[], fallback: Capture[], chips: boolean, onProgress?: (p: ImageProgress) => void): Promise<ImageCheck> {
    const failures: string[] = [];
    let unfetched = 0;
    const blobs: { key: string; blob: Blob }[] = [];
    const seen = new Set<string>();
    const add = (key: string, blob: Blob) => {
      if (seen.has(key)) return;
      seen.add(key);
      blobs.push({ key, blob });
    };
    await Promise.all(elements.map(async (img) => {
      try {
        const res = await fetch(img.currentSrc || img.src);
        const blob = await res.blob();
        add(await keyOf(blob), blob);
      } catch {
        unfetched++;
      }
    }));
    if (unfetched > 0) {
      const spare: Capture[] = [];
      for (const c of fallback) {
        const key = await c.key.catch(() => '');
        if (key && !seen.has(key)) spare.push(c);
      }
      // Only when every preview that failed has a captured file to stand in for it.
      if (spare.length >= unfetched) pending = [...pending, ...spare];
      else for (let i = 0; i < unfetched; i++) failures.push('the image could not be loaded from the page');
    }
    let fromCaptures = 0;
    for (const c of pending) {
      try {
        const key = await c.key;
        if (chips && !seen.has(key)) fromCaptures++;
        add(key, c.blob);
      } catch {
        failures.push('the image could not be read');
      }
    }
    const jobs = blobs.map((b) => this.read(b.key, b.blob));
    const total = jobs.length + failures.length;
    const report = () => {
      if (!onProgress) return;
      const done = jobs.filter((j) => j.settled).length + failures.length;
      const sum = jobs.reduce((n, j) => n + (j.settled ? 1 : j.progress), 0) + failures.length;
      onProgress({ done, total, fraction: total ? sum / total : 1 });
    };
    for (const j of jobs) j.listeners.add(report);
    report();
    try {
      const replies = await Promise.all(jobs.map((j) => j.reply));
      const texts: string[] = [];
      for (const r of replies) {
        if (r.ok) texts.push(r.text);
        else failures.push(r.message || r.kind);
      }
      return { texts, failures, images: total, fromCaptures };
    } finally {
      for (const j of jobs) j.listeners.delete(report);
    }
  }
}
