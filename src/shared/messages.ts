// Messages between the content script, the service worker and the popup. Plain data only:
// never message text or findings (the send guard decides locally, in the page's content script).
import type { Policy, PolicyState } from '../core/index.js';
import type { AuditEvent, AuditReport } from '../core/audit.js';

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
  /** Content scripts at start: answered with the PolicyState in effect (issue 4). */
  | { type: 'getPolicy' }
  | { type: 'getTabStatus'; tabId: number }
  /** Popup and options page: answered with a PolicyView. */
  | { type: 'getPolicyView' }
  /** Options page: store the user's own options (a policy-shaped object); answered with the new PolicyView. */
  | { type: 'setUserOptions'; options: Record<string, unknown> }
  /** Content script, after a dialog or a monitored send (issue 6): metadata only, checked again in the background. */
  | { type: 'audit'; report: AuditReport }
  /** Options page: the audit log and the upload state; answered with an AuditView. */
  | { type: 'getAudit' }
  /** Popup: counts since a time (this week); answered with AuditCounts. */
  | { type: 'getAuditCounts'; since: number }
  /** Popup: protection per site over all open tabs; answered with SiteStates. */
  | { type: 'getSiteStates' }
  /**
   * Content script (issue 5): read the text of one image (a data: URL; runtime messages are JSON in
   * Chrome, so no bytes). Answered with an OcrReply. The text exists only in memory, on its way back.
   */
  | { type: 'ocr'; id: string; image: string }
  /** Offscreen document → background: progress of a job (relayed to the frame that asked). */
  | { type: 'ocrProgress'; id: string; status: string; progress: number }
  /** Offscreen document → background: the OCR worker was released after idle time; close the document. */
  | { type: 'ocrIdle' };

/** Background → offscreen document (addressed: every extension page receives runtime messages). */
export type ToOffscreen =
  | { target: 'offscreen'; type: 'ocrRun'; id: string; image: string }
  | { target: 'offscreen'; type: 'ocrPing' };

/** The answer to an `ocr` request. `kind` as OcrError's: unreadable, timeout, crashed. */
export type OcrReply =
  | { ok: true; text: string; confidence: number; ms: number; cold: boolean }
  | { ok: false; kind: 'unreadable' | 'timeout' | 'crashed'; message: string };

/** Largest image (bytes) the content script sends for OCR; larger ones count as unreadable. */
export const OCR_MAX_BYTES = 16 * 1024 * 1024;

/** The audit log as the options page shows it (issue 6). */
export interface AuditView {
  events: AuditEvent[];
  retentionDays: number;
  /** The reporting endpoint, when the policy names one. */
  endpoint?: string;
  upload: { pending: number; dropped: number; sentTotal: number; failures: number; nextAt: number; lastSuccessAt?: number; lastError?: string };
}

/** Per site: the protection state over its open tabs (issue 6, popup). `off`: switched off by the policy. */
export type SiteState =
  | { state: 'off'; byOrg: boolean }
  | { state: 'not-open' }
  | { state: 'active' | 'checking'; tabs: number }
  | { state: 'inactive'; tabs: number; reason?: InactiveReason };
export type SiteStates = Record<SiteId, SiteState>;

/** What the popup and the options page show about the policy (issue 4). */
export interface PolicyView {
  state: PolicyState;
  /** The policy without the user's own options: what each option starts from (stricter only from here). */
  base: Policy;
  /** The user's own options as stored (policy-shaped, only what the user changed). */
  user: Record<string, unknown>;
}

export type ToContent =
  /** The policy in effect changed (managed policy, the user's options, start-up): pushed to every frame. */
  | { type: 'policy'; state: PolicyState }
  /** Send-path timings (numbers only), for the latency figure in the docs and tests. */
  | { type: 'bench' }
  /** Live-hint runs ({at, ms}: numbers only), for the typing figure (issue 6). */
  | { type: 'benchHints' }
  /** Progress of an image being read (issue 5), for the "Checking image…" bar. */
  | { type: 'ocrProgress'; id: string; status: string; progress: number };

export function isMessage<T extends { type: string }>(m: unknown, type: T['type']): m is T {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type;
}
