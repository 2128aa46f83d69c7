// The toolbar popup: protection state of the current tab, with the reason when inactive.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { activeTab, extensionVersion, sendToBackground, t, uiLanguage } from '../../platform/ext.js';
import type { TabStatus } from '../../shared/status.js';
import type { ToBackground } from '../../shared/messages.js';
import { ADAPTERS } from '../../sites/index.js';
import { PolicyInfo, siteOff, usePolicyView } from './PolicyInfo.js';
import { Sites } from './Sites.js';
import { WeekCounts } from './WeekCounts.js';
import './week.css';
import './popup.css';

type View =
  | { kind: 'loading' }
  | { kind: 'not-chat' }
  | { kind: 'reload' }
  | { kind: 'status'; status: TabStatus };

async function load(): Promise<View> {
  // ?tab=<id> lets tests (and a future options page) show any tab's state.
  const param = new URLSearchParams(location.search).get('tab');
  const tab = param ? { id: Number(param), url: undefined as string | undefined } : await activeTab();
  if (tab?.id === undefined) return { kind: 'not-chat' };
  const status = await sendToBackground<TabStatus | null>({ type: 'getTabStatus', tabId: tab.id } satisfies ToBackground);
  if (status) return { kind: 'status', status };
  // No report: either not a chat site, or a chat tab opened before the extension was installed.
  let host = '';
  try {
    host = tab.url ? new URL(tab.url).hostname : '';
  } catch {
    host = '';
  }
  return host && ADAPTERS.some((a) => a.matches({ hostname: host })) ? { kind: 'reload' } : { kind: 'not-chat' };
}

function Popup() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [policy] = usePolicyView();
  useEffect(() => {
    void load().then(setView);
  }, []);
  let state: 'active' | 'inactive' | 'checking' | 'neutral' | 'off' = 'neutral';
  let heading = '';
  let detail = '';
  if (view.kind === 'status') {
    const s = view.status;
    state = s.state;
    heading = s.state === 'active' ? t('popupActive') : s.state === 'checking' ? t('popupChecking') : t('popupInactive');
    detail = s.state === 'active' ? t('popupActiveDetail') : s.reason ? t(`reason_${s.reason.replace(/-/g, '_')}`) : '';
  } else if (view.kind === 'reload') {
    state = 'inactive';
    heading = t('popupInactive');
    detail = t('popupReload');
  } else if (view.kind === 'not-chat') {
    heading = t('popupNotChat');
    detail = t('popupNotChatDetail');
  }
  // Issue 4: the policy switches SendGuard off on this site.
  const off = view.kind === 'status' ? siteOff(policy, view.status.site) : null;
  if (off) {
    state = 'off';
    heading = off.heading;
    detail = off.detail;
  }
  return (
    <main lang={uiLanguage()}>
      <h1>SendGuard</h1>
      {view.kind === 'loading' ? null : (
        <section class={`state ${state}`} data-state={state} role="status">
          <h2>{heading}</h2>
          {detail ? <p>{detail}</p> : null}
        </section>
      )}
      <Sites />
      <PolicyInfo view={policy} />
      <WeekCounts />
      <p class="offline">{t('popupOffline')}</p>
      <footer>{t('popupVersion', extensionVersion())}</footer>
    </main>
  );
}

render(<Popup />, document.getElementById('root')!);
