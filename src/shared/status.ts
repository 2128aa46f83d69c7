// Per-tab protection status from the reports of its frames. Pure (unit-tested).
import type { FrameStatus, InactiveReason, SiteId } from './messages.js';

export interface TabStatus {
  state: 'checking' | 'active' | 'inactive';
  site?: SiteId;
  reason?: InactiveReason;
  boxes: number;
}

/** Which reason to show when several frames are inactive: the most specific one. */
const REASON_RANK: Record<InactiveReason, number> = { 'editor-not-recognised': 3, 'no-chat-open': 2, 'app-not-recognised': 1 };

/**
 * A tab is protected when any of its frames guards a compose box (Teams may host the app in an iframe
 * while the top frame has none); it is inactive only when every frame has finished looking and found none.
 */
export function tabStatus(frames: readonly FrameStatus[]): TabStatus {
  if (frames.length === 0) return { state: 'checking', boxes: 0 };
  const site = frames[0]!.site;
  const boxes = frames.reduce((n, f) => n + f.boxes, 0);
  if (frames.some((f) => f.state === 'active')) return { state: 'active', site, boxes };
  if (frames.some((f) => f.state === 'checking')) return { state: 'checking', site, boxes };
  let reason: InactiveReason = 'app-not-recognised';
  for (const f of frames) if (f.reason && REASON_RANK[f.reason] > REASON_RANK[reason]) reason = f.reason;
  return { state: 'inactive', site, reason, boxes };
}

/**
 * Merge a frame's report into the tab's frame table. A report from a new top document (frame 0)
 * drops frames that belonged to the previous page.
 */
export function mergeFrame(
  frames: Record<string, FrameStatus>,
  frameId: number,
  status: FrameStatus,
): Record<string, FrameStatus> {
  const next: Record<string, FrameStatus> = {};
  const top = frameId === 0;
  for (const [id, f] of Object.entries(frames)) {
    if (top && f.since < status.since) continue;
    next[id] = f;
  }
  next[String(frameId)] = status;
  return next;
}
