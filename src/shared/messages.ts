// Messages between the content script, the service worker and the popup. Plain data only:
// never message text or findings (the send guard decides locally, in the page's content script).
import type { Policy } from '../core/index.js';

export type SiteId = 'whatsapp' | 'teams';

/** Why protection is not active in a frame. Ids are shown as localised text (popup, badge title). */
export type InactiveReason =
  /** The app is recognised but no conversation is open, so there is no compose box yet. */
  | 'no-chat-open'
  /** The conversation area is there but no compose box inside it matched the adapter's selectors. */
  | 'editor-not-recognised'
  /** Nothing on the page matched the adapter (site redesign, login page, error page). */
  | 'app-not-recognised';

export interface FrameStatus {
  site: SiteId;
  state: 'checking' | 'active' | 'inactive';
  reason?: InactiveReason;
  /** Compose boxes found (compose, caption, reply, edit). */
  boxes: number;
  /** performance.timeOrigin of the frame's document: a newer top document replaces older frames. */
  since: number;
}

export type ToBackground =
  | { type: 'status'; status: FrameStatus }
  | { type: 'getPolicy' }
  | { type: 'getTabStatus'; tabId: number };

export type ToContent =
  | { type: 'policy'; policy: Policy }
  /** Send-path timings (numbers only), for the latency figure in the docs and tests. */
  | { type: 'bench' };

export function isMessage<T extends { type: string }>(m: unknown, type: T['type']): m is T {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type;
}
