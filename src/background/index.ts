// Service worker: per-tab protection status (toolbar badge, popup) and the policy for content scripts.
// It never sees message content: content scripts decide locally and report only their state.
import { isMessage, type FrameStatus, type ToBackground, type ToContent } from '../shared/messages.js';
import { mergeFrame, tabStatus, type TabStatus } from '../shared/status.js';
import { onMessage, onTabRemoved, sendToTab, sessionAll, sessionGet, sessionRemove, sessionSet, setBadge, t } from '../platform/ext.js';
import { currentPolicy, onPolicyChange } from './policy.js';

type Frames = Record<string, FrameStatus>;
const key = (tabId: number) => `frames:${tabId}`;

/** Frame tables are kept in session storage: the worker may be stopped at any time. */
async function frames(tabId: number): Promise<Frames> {
  return (await sessionGet<Frames>(key(tabId))) ?? {};
}

// Reports of one tab are applied in order (read-modify-write of its frame table).
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

function badgeFor(s: TabStatus): { text: string; color: string; title: string } {
  if (s.state === 'active') return { text: 'ON', color: '#15803d', title: t('badgeActive') };
  if (s.state === 'checking') return { text: '…', color: '#6b7280', title: t('badgeChecking') };
  const reason = s.reason ? t(`reason_${s.reason.replace(/-/g, '_')}`) : '';
  return { text: '!', color: '#b45309', title: `${t('badgeInactive')}\n${reason}` };
}

async function onStatus(tabId: number, frameId: number, status: FrameStatus): Promise<TabStatus> {
  return serial(async () => {
    const next = mergeFrame(await frames(tabId), frameId, status);
    await sessionSet(key(tabId), next);
    const s = tabStatus(Object.values(next));
    await setBadge(tabId, badgeFor(s));
    return s;
  });
}

onMessage((m, sender) => {
  if (isMessage<Extract<ToBackground, { type: 'status' }>>(m, 'status')) {
    if (sender.tabId === undefined) return undefined;
    return onStatus(sender.tabId, sender.frameId ?? 0, m.status);
  }
  if (isMessage<Extract<ToBackground, { type: 'getPolicy' }>>(m, 'getPolicy')) return Promise.resolve(currentPolicy());
  if (isMessage<Extract<ToBackground, { type: 'getTabStatus' }>>(m, 'getTabStatus')) {
    return serial(async () => {
      const f = await frames(m.tabId);
      return Object.keys(f).length ? tabStatus(Object.values(f)) : null;
    });
  }
  return undefined;
});

onTabRemoved((tabId) => {
  void serial(() => sessionRemove(key(tabId)));
});

// Content scripts keep the latest policy in memory: push every change to the tabs that reported.
onPolicyChange(async (policy) => {
  for (const k of Object.keys(await sessionAll())) {
    const tabId = Number(k.slice('frames:'.length));
    if (k.startsWith('frames:') && Number.isInteger(tabId)) void sendToTab(tabId, { type: 'policy', policy } satisfies ToContent);
  }
});
