// Tells the background whether this frame has a compose box the guard understands, so the toolbar
// badge and popup can say "protection inactive on this page" instead of failing silently.
import type { FrameStatus } from '../shared/messages.js';
import type { SiteAdapter } from '../sites/index.js';

/** How long a page may take to show a compose box (app start, chat switch) before we call it inactive. */
export const GRACE_MS = 10_000;
/** At most one DOM scan per this interval, however busy the page's DOM is. */
const SCAN_INTERVAL_MS = 500;

export function watchStatus(adapter: SiteAdapter, doc: Document, report: (s: FrameStatus) => void): void {
  const since = performance.timeOrigin;
  let lastSeen = performance.now();
  let last = '';
  let scheduled: ReturnType<typeof setTimeout> | undefined;
  let state: FrameStatus['state'] = 'checking';

  const scan = () => {
    scheduled = undefined;
    let boxes = 0;
    try {
      boxes = adapter.findComposeBoxes(doc).length;
    } catch {
      boxes = 0;
    }
    const now = performance.now();
    let status: FrameStatus;
    if (boxes > 0) {
      lastSeen = now;
      state = 'active';
      status = { site: adapter.id, state, boxes, since };
    } else if (now - lastSeen < GRACE_MS) {
      // Keep the previous state during the grace period (start-up, a chat switch re-mounting the box).
      status = { site: adapter.id, state, boxes: 0, since };
      schedule(GRACE_MS - (now - lastSeen) + 50);
    } else {
      state = 'inactive';
      status = { site: adapter.id, state, reason: adapter.diagnose(doc), boxes: 0, since };
    }
    // Report changes of state or reason only (the box count is detail).
    const key = `${status.state}:${status.reason ?? ''}`;
    if (key !== last) {
      last = key;
      report(status);
    }
  };

  const schedule = (ms = SCAN_INTERVAL_MS) => {
    if (scheduled !== undefined) return;
    scheduled = setTimeout(scan, ms);
  };

  const start = () => {
    scan();
    new MutationObserver(() => schedule()).observe(doc, { childList: true, subtree: true });
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
