// The popup's protection state per site (issue 6): for WhatsApp Web and Teams, over all open tabs —
// active, inactive with the reason, not open, or switched off by the policy.
import { useEffect, useState } from 'preact/hooks';
import { SITE_IDS } from '../../core/index.js';
import { sendToBackground, t } from '../../platform/ext.js';
import type { SiteState, SiteStates, ToBackground } from '../../shared/messages.js';

function describe(s: SiteState): { tone: string; label: string; detail: string } {
  switch (s.state) {
    case 'off':
      return { tone: 'off', label: t(s.byOrg ? 'siteState_off_org' : 'siteState_off_user'), detail: '' };
    case 'not-open':
      return { tone: 'none', label: t('siteState_not_open'), detail: '' };
    case 'inactive':
      return { tone: 'inactive', label: t('siteState_inactive'), detail: s.reason ? t(`reason_${s.reason.replace(/-/g, '_')}`) : '' };
    default: {
      const tabs = s.tabs === 1 ? t('siteTabsOne') : t('siteTabsMany', String(s.tabs));
      return { tone: s.state, label: `${t(`siteState_${s.state}`)} · ${tabs}`, detail: '' };
    }
  }
}

export function Sites() {
  const [states, setStates] = useState<SiteStates | null>(null);
  useEffect(() => {
    void sendToBackground<SiteStates>({ type: 'getSiteStates' } satisfies ToBackground).then((s) => {
      if (s) setStates(s);
    });
  }, []);
  if (!states) return null;
  return (
    <section class="sites" aria-labelledby="sites-title">
      <h2 id="sites-title">{t('popupSitesTitle')}</h2>
      <ul>
        {SITE_IDS.map((site) => {
          const d = describe(states[site]);
          return (
            <li data-site={site} data-site-state={states[site].state}>
              <span class={`dot ${d.tone}`} aria-hidden="true" />
              <span class="name">{t(`site_${site}`)}</span>
              <span class="value">{d.label}</span>
              {d.detail ? <p class="detail">{d.detail}</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
