// The small "SendGuard active" label next to the focused compose box, and what the live hints found.
// Its own element under <html> with a shadow root (the page's CSS cannot reach it, it is never inside
// the editor), pointer-events: none so it never takes a click. Screen readers hear a polite
// announcement when the kinds of findings change, since the marks themselves are visual only.
import type { DetectorType } from '../core/index.js';
import { t } from '../platform/ext.js';
import { typeText } from '../ui/dialog/Dialog.js';

export const INDICATOR_TAG = 'sendguard-indicator';

const CSS = `
:host { all: initial; }
.pill {
  display: inline-flex; align-items: center; gap: 6px; max-width: 360px;
  font: 600 11.5px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #166534;
  background: rgba(255, 255, 255, .96); border: 1px solid #bbf7d0; border-radius: 999px; padding: 3px 9px 3px 7px;
  box-shadow: 0 1px 3px rgba(15, 23, 42, .14); white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.pill.warn { color: #92400e; border-color: #fcd34d; background: rgba(255, 251, 235, .97); }
.pill.block { color: #991b1b; border-color: #fca5a5; background: rgba(254, 242, 242, .97); }
svg { flex: none; }
.text { overflow: hidden; text-overflow: ellipsis; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (prefers-color-scheme: dark) {
  .pill { background: rgba(17, 24, 39, .94); color: #86efac; border-color: #166534; }
  .pill.warn { background: rgba(41, 32, 10, .95); color: #fcd34d; border-color: #92400e; }
  .pill.block { background: rgba(50, 18, 18, .95); color: #fca5a5; border-color: #991b1b; }
}`;

const SHIELD_PATH = 'M12 2 3 5.5v6.1c0 5.1 3.8 9.6 9 10.4 5.2-.8 9-5.3 9-10.4V5.5L12 2Z';

/** The shield icon, built node by node (no innerHTML: pages may enforce Trusted Types). */
function shield(doc: Document): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  for (const [k, v] of [['viewBox', '0 0 24 24'], ['width', '13'], ['height', '13'], ['aria-hidden', 'true']]) svg.setAttribute(k!, v!);
  const fill = doc.createElementNS(ns, 'path');
  fill.setAttribute('fill', 'currentColor');
  fill.setAttribute('opacity', '.2');
  fill.setAttribute('d', SHIELD_PATH);
  const line = doc.createElementNS(ns, 'path');
  for (const [k, v] of [['fill', 'none'], ['stroke', 'currentColor'], ['stroke-width', '2'], ['stroke-linejoin', 'round'], ['d', SHIELD_PATH]]) line.setAttribute(k!, v!);
  svg.append(fill, line);
  return svg;
}

export class Indicator {
  private host: HTMLElement | null = null;
  private pill: HTMLElement | null = null;
  private text: HTMLElement | null = null;
  private live: HTMLElement | null = null;
  private target: HTMLElement | null = null;
  private frame = 0;
  private resize: ResizeObserver | null = null;
  private announced = '';
  private readonly onMove = () => this.schedulePlace();

  constructor(private readonly doc: Document) {}

  show(editor: HTMLElement): void {
    this.ensure();
    this.target = editor;
    this.update([], null, true);
    this.host!.style.display = 'block';
    const win = this.doc.defaultView;
    win?.addEventListener('scroll', this.onMove, { capture: true, passive: true });
    win?.addEventListener('resize', this.onMove, { passive: true });
    this.resize?.disconnect();
    this.resize = typeof ResizeObserver === 'function' ? new ResizeObserver(this.onMove) : null;
    this.resize?.observe(editor);
    this.place();
  }

  hide(): void {
    if (!this.host) return;
    this.host.style.display = 'none';
    this.target = null;
    this.announced = '';
    if (this.live) this.live.textContent = '';
    const win = this.doc.defaultView;
    win?.removeEventListener('scroll', this.onMove, { capture: true });
    win?.removeEventListener('resize', this.onMove);
    this.resize?.disconnect();
    this.resize = null;
  }

  /** What the hints found in the focused box (types in order of importance). */
  update(types: readonly DetectorType[], action: 'warn' | 'block' | null, hintsOn: boolean): void {
    if (!this.pill || !this.text || !this.live) return;
    const found = hintsOn && types.length > 0 && action !== null;
    const labels = types.map((type) => typeText(type).label).join(' · ');
    this.pill.className = `pill ${found ? action : 'active'}`;
    this.pill.dataset['state'] = found ? action! : 'active';
    this.text.textContent = found ? labels : t('indicatorActive');
    const say = found ? t('indicatorAnnounce', labels) : '';
    if (say !== this.announced) {
      this.announced = say;
      this.live.textContent = say;
    }
    this.schedulePlace();
  }

  private ensure(): void {
    if (this.host?.isConnected) return;
    const host = this.doc.createElement(INDICATOR_TAG);
    host.style.cssText = 'position: fixed; z-index: 2147483646; pointer-events: none; display: none; top: 0; left: 0;';
    const shadow = host.attachShadow({ mode: 'open' });
    const style = this.doc.createElement('style');
    style.textContent = CSS;
    const pill = this.doc.createElement('div');
    pill.className = 'pill active';
    pill.append(shield(this.doc));
    const text = this.doc.createElement('span');
    text.className = 'text';
    pill.append(text);
    const live = this.doc.createElement('div');
    live.className = 'sr';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    shadow.append(style, pill, live);
    this.doc.documentElement.append(host);
    Object.assign(this, { host, pill, text, live });
  }

  private schedulePlace(): void {
    if (this.frame || !this.target) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.place();
    });
  }

  /** Just above the box's right end; below it when there is no room above. */
  private place(): void {
    const host = this.host;
    const el = this.target;
    if (!host || !el) return;
    if (!el.isConnected) {
      this.hide();
      return;
    }
    const r = el.getBoundingClientRect();
    const w = host.offsetWidth || 120;
    const h = host.offsetHeight || 20;
    const top = r.top >= h + 10 ? r.top - h - 6 : r.bottom + 6;
    const left = Math.max(4, Math.min(r.right - w, (this.doc.defaultView?.innerWidth ?? r.right) - w - 4));
    host.style.top = `${Math.round(top)}px`;
    host.style.left = `${Math.round(left)}px`;
  }
}
