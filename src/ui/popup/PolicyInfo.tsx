// Where the policy in effect comes from (issue 4): managed (the organisation's), cached (the last one,
// while the browser is still reading) or defaults; when it arrived, its version, its mode when that is
// not "enforce", and every problem in it (what is wrong, what applies instead). In the popup and, with
// the user's own problems too, on the options page.
import { useEffect, useState } from 'preact/hooks';
import { isManagedPath, type PolicyProblem, type SiteId } from '../../core/index.js';
import { openOptionsPage, sendToBackground, t, uiLanguage } from '../../platform/ext.js';
import type { PolicyView, ToBackground } from '../../shared/messages.js';
import { problemText, settingLabel, valueLabel } from '../options/model.js';
import './policy-info.css';

/** The policy view from the background; asked again while the first read of managed storage is pending. */
export function usePolicyView(): [PolicyView | null, (v: PolicyView) => void] {
  const [view, setView] = useState<PolicyView | null>(null);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const v = await sendToBackground<PolicyView>({ type: 'getPolicyView' } satisfies ToBackground);
      if (!alive) return;
      if (v?.state) setView(v);
      if (!v?.state || v.state.pending) timer = setTimeout(() => void load(), 1000);
    };
    void load();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, []);
  return [view, setView];
}

/** When the policy switches SendGuard off on `site`: the popup's heading and detail instead of "active". */
export function siteOff(view: PolicyView | null, site: SiteId | undefined): { heading: string; detail: string } | null {
  if (!view || !site || view.state.policy.sites[site]?.enabled !== false) return null;
  const byOrg = isManagedPath(view.state.managed, `sites.${site}.enabled`);
  return { heading: t('popupOff'), detail: t(byOrg ? 'popupOffByOrg' : 'popupOffByUser') };
}

export function formatTime(ms: number): string {
  try {
    return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

/**
 * Each problem in the UI language: the setting in words (from the schema) above "path: what is wrong;
 * what happens instead." (the path stays, so admins and support can find the key).
 */
function Problems({ problems, title, kind }: { problems: PolicyProblem[]; title: string; kind: string }) {
  if (problems.length === 0) return null;
  const lang = uiLanguage();
  return (
    <div class={`pi-problems ${kind}`} data-problems={kind}>
      <h3>{title}</h3>
      <ul>
        {problems.map((p) => {
          const setting = settingLabel(p.path, lang);
          return (
            <li data-code={p.code}>
              {setting ? <span class="pi-setting">{setting}</span> : null}
              {problemText(p, lang)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function PolicyInfo({ view, page = 'popup' }: { view: PolicyView | null; page?: 'popup' | 'options' }) {
  if (!view) return null;
  const s = view.state;
  const detailKey = `policyDetail_${s.source}${s.pending ? '_pending' : ''}`;
  return (
    <section class={`policy-info ${page}`} data-source={s.source} data-pending={String(s.pending)} aria-labelledby="pi-title">
      <div class="pi-head">
        <svg class="pi-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" d="M12 2 3 5.5v6.1c0 5.1 3.8 9.6 9 10.4 5.2-.8 9-5.3 9-10.4V5.5L12 2Z" />
          {s.source === 'managed' ? <path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" d="m8.5 12 2.5 2.5 4.5-5" /> : null}
        </svg>
        <h2 id="pi-title">{t(`policySource_${s.source}`)}</h2>
      </div>
      <p class="pi-detail">{t(detailKey)}</p>
      <dl>
        <div>
          <dt>{t('policySourceLabel')}</dt>
          <dd data-field="source">
            {t(`policySourceShort_${s.source}`)} <code>{s.source}</code>
          </dd>
        </div>
        {s.updatedAt ? (
          <div>
            <dt>{t('policyUpdated')}</dt>
            <dd data-field="updated">{formatTime(s.updatedAt)}</dd>
          </div>
        ) : null}
        {s.version ? (
          <div>
            <dt>{t('policyVersion')}</dt>
            <dd data-field="version">{s.version}</dd>
          </div>
        ) : null}
        {s.policy.mode !== 'enforce' ? (
          <div>
            <dt>{t('policyMode')}</dt>
            <dd data-field="mode">{valueLabel('mode', s.policy.mode, uiLanguage())}</dd>
          </div>
        ) : null}
      </dl>
      <Problems problems={s.problems} title={t('policyProblems', String(s.problems.length))} kind="policy" />
      {page === 'options' ? <Problems problems={s.userProblems} title={t('policyUserProblems', String(s.userProblems.length))} kind="user" /> : null}
      {page === 'popup' ? (
        <button type="button" class="pi-options" data-sg="open-options" onClick={() => void openOptionsPage().then(() => window.close())}>
          {t('popupOpenOptions')}
        </button>
      ) : null}
    </section>
  );
}
