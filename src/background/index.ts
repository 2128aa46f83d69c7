// Service worker: per-tab protection status (toolbar badge, popup) and the policy for content scripts.
// It never sees message content: content scripts decide locally and report only their state.
import { isMessage, type FrameStatus, type ToBackground, type ToContent } from '../shared/messages.js';
import { mergeFrame, tabStatus, type TabStatus } from '../shared/status.js';
import { contentScriptTabs, onMessage, onTabRemoved, sendToTab, sessionAll, sessionGet, sessionRemove, sessionSet, setBadge, t } from '../platform/ext.js';
import { isManagedPath, type PolicyState } from '../core/index.js';
import { currentPolicyState, onPolicyChange, policyState, policyView, setUserOptions } from './policy.js';
import { auditCounts, auditView, recordAudit, startAudit } from './audit.js';
import { siteStates } from '../shared/site-states.js';
import { OFFSCREEN_PATH, ocrIdle, relayOcrProgress, runOcr } from './ocr.js';

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

function badgeFor(s: TabStatus, policy: PolicyState = currentPolicyState()): { text: string; color: string; title: string } {
  // Switched off for this site (issue 4): the guard stands aside, whatever the page looks like.
  if (s.site && policy.policy.sites[s.site]?.enabled === false) {
    return { text: 'OFF', color: '#6b7280', title: t(isManagedPath(policy.managed, `sites.${s.site}.enabled`) ? 'badgeOffByOrg' : 'badgeOffByUser') };
  }
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
  if (isMessage<Extract<ToBackground, { type: 'getPolicy' }>>(m, 'getPolicy')) return policyState();
  if (isMessage<Extract<ToBackground, { type: 'getPolicyView' }>>(m, 'getPolicyView')) return policyView();
  if (isMessage<Extract<ToBackground, { type: 'setUserOptions' }>>(m, 'setUserOptions')) {
    // Extension pages only (the options page): a content script never changes the policy.
    if (!/^(chrome|moz)-extension:/.test(sender.url ?? '')) return undefined;
    return setUserOptions(typeof m.options === 'object' && m.options !== null ? m.options : {});
  }
  // Issue 6: the audit log. Reports come from content scripts in chat tabs; the log is read by extension pages.
  const fromPage = /^(chrome|moz)-extension:/.test(sender.url ?? '');
  if (isMessage<Extract<ToBackground, { type: 'audit' }>>(m, 'audit')) return sender.tabId !== undefined && !fromPage ? recordAudit(m.report) : undefined;
  if (isMessage<Extract<ToBackground, { type: 'getAudit' }>>(m, 'getAudit')) return fromPage ? auditView() : undefined;
  if (isMessage<Extract<ToBackground, { type: 'getAuditCounts' }>>(m, 'getAuditCounts')) return fromPage ? auditCounts(Number(m.since) || 0) : undefined;
  // Issue 5: images are read in the offscreen document; the background only forwards.
  if (isMessage<Extract<ToBackground, { type: 'ocr' }>>(m, 'ocr')) {
    if (sender.tabId === undefined && !fromPage) return undefined;
    return runOcr(String(m.id), m.image, { tabId: sender.tabId, frameId: sender.frameId });
  }
  const fromOffscreen = fromPage && (sender.url ?? '').includes(OFFSCREEN_PATH);
  if (isMessage<Extract<ToBackground, { type: 'ocrProgress' }>>(m, 'ocrProgress')) {
    if (fromOffscreen) relayOcrProgress(m.id, m.status, m.progress);
    return undefined;
  }
  if (isMessage<Extract<ToBackground, { type: 'ocrIdle' }>>(m, 'ocrIdle')) return fromOffscreen ? ocrIdle().then(() => true) : undefined;
  if (isMessage<Extract<ToBackground, { type: 'getSiteStates' }>>(m, 'getSiteStates')) {
    return serial(async () => {
      const open = new Set(await contentScriptTabs());
      const tabs = Object.entries(await sessionAll())
        .filter(([k]) => k.startsWith('frames:') && open.has(Number(k.slice('frames:'.length))))
        .map(([, f]) => tabStatus(Object.values(f as Frames)));
      const s = await policyState();
      return siteStates(tabs, s.policy, s.managed);
    });
  }
  if (isMessage<Extract<ToBackground, { type: 'getTabStatus' }>>(m, 'getTabStatus')) {
    return serial(async () => {
      const f = await frames(m.tabId);
      return Object.keys(f).length ? tabStatus(Object.values(f)) : null;
    });
  }
  return undefined;
});

startAudit();

onTabRemoved((tabId) => {
  void serial(() => sessionRemove(key(tabId)));
});

// Content scripts keep the latest policy in memory: push every change to every frame of every chat tab
// (tabs.sendMessage without a frame id reaches all frames), and refresh the badges (a site may be off).
onPolicyChange(async (state) => {
  const reported = Object.keys(await sessionAll()).filter((k) => k.startsWith('frames:')).map((k) => Number(k.slice('frames:'.length)));
  for (const tabId of new Set([...reported.filter(Number.isInteger), ...(await contentScriptTabs())])) {
    void sendToTab(tabId, { type: 'policy', state } satisfies ToContent);
  }
  for (const tabId of reported.filter(Number.isInteger)) {
    void serial(async () => {
      const f = await frames(tabId);
      if (Object.keys(f).length) await setBadge(tabId, badgeFor(tabStatus(Object.values(f)), state));
    });
  }
});
