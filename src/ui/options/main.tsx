// The options page (issue 4): the user's own settings. They can only make SendGuard stricter than the
// organisation's policy or the defaults (src/ui/options/model.ts); what the organisation sets is shown
// read-only, labelled "Managed by your organisation". Saved through the background, which combines
// them with the managed policy (core mergePolicies) and tells every open chat tab.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DETECTOR_LABELS, DETECTOR_TYPES, LIMITS, SITE_IDS, isManagedPath, type DetectorType } from '../../core/index.js';
import { extensionVersion, sendToBackground, t, uiLanguage } from '../../platform/ext.js';
import type { PolicyView, ToBackground } from '../../shared/messages.js';
import { PolicyInfo, usePolicyView } from '../popup/PolicyInfo.js';
import { AuditLog } from './AuditLog.js';
import { editable, field, l10n, parseLines, valueLabel, withChoice, withList, type Field, type OptionValue } from './model.js';
import './options.css';

const lang = uiLanguage();

function Managed() {
  return (
    <span class="managed" data-managed="true" title={t('managedByOrgHint')}>
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <path fill="currentColor" d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V7a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z" />
      </svg>
      {t('managedByOrg')}
    </span>
  );
}

function Select({ path, f, label, onChoose }: { path: string; f: Field; label: string; onChoose: (path: string, v: OptionValue) => void }) {
  const current = f.value as OptionValue;
  const values = f.managed || f.choices.length === 0 ? [current] : f.choices;
  // A stored value outside the allowed ones stays visible (not selectable again) until the user moves off it.
  const outside = !values.includes(current);
  return (
    <select
      data-path={path}
      aria-label={label}
      disabled={!editable(f)}
      value={String(current)}
      onChange={(e) => onChoose(path, (e.currentTarget as HTMLSelectElement).value)}
    >
      {outside ? <option value={String(current)} disabled>{valueLabel(path, current, lang)}</option> : null}
      {values.map((v) => (
        <option value={String(v)}>{valueLabel(path, v, lang)}</option>
      ))}
    </select>
  );
}

function Toggle({ path, f, label, help, onChoose }: { path: string; f: Field; label: string; help: string; onChoose: (path: string, v: OptionValue) => void }) {
  return (
    <div class="row toggle">
      <label>
        <input
          type="checkbox"
          data-path={path}
          checked={f.value === true}
          disabled={!editable(f)}
          onChange={(e) => onChoose(path, (e.currentTarget as HTMLInputElement).checked)}
        />
        <span>
          <strong>{label}</strong>
          <small>{help}</small>
        </span>
      </label>
      {f.managed ? <Managed /> : null}
    </div>
  );
}

function ListBox(props: { path: 'clients' | 'allowlist'; title: string; help: string; entries: string[]; extra?: string; locked: boolean; onSave: (entries: string[]) => void }) {
  const { path, title, help, entries, extra, locked, onSave } = props;
  return (
    <section class="card" data-section={path}>
      <div class="card-head">
        <h2>{title}</h2>
        {locked ? <Managed /> : null}
      </div>
      <p class="help">{help}</p>
      {locked && entries.length === 0 ? null : (
        <textarea
          data-path={path}
          rows={5}
          spellcheck={false}
          disabled={locked}
          placeholder={locked ? '' : t('optionsOnePerLine')}
          value={entries.join('\n')}
          onChange={(e) => onSave(parseLines((e.currentTarget as HTMLTextAreaElement).value, LIMITS.nameLength))}
        />
      )}
      {extra ? <p class="help small">{extra}</p> : null}
    </section>
  );
}

function Options() {
  const [view, setView] = usePolicyView();
  const [saved, setSaved] = useState<'idle' | 'saved' | 'error'>('idle');
  useEffect(() => {
    document.title = t('optionsTitle');
  }, []);
  useEffect(() => {
    if (saved !== 'saved') return;
    const timer = setTimeout(() => setSaved('idle'), 2500);
    return () => clearTimeout(timer);
  }, [saved]);
  if (!view) return <main class="loading" />;
  const { state, base, user } = view;
  const f = (path: string) => field(path, state.policy, base, state.managed);
  const update = async (next: Record<string, unknown>) => {
    const v = await sendToBackground<PolicyView>({ type: 'setUserOptions', options: next } satisfies ToBackground);
    if (v?.state) {
      setView(v);
      setSaved('saved');
    } else setSaved('error');
  };
  const choose = (path: string, value: OptionValue) => void update(withChoice(user, path, value, base));
  const userList = (path: 'clients' | 'allowlist') => (Array.isArray(user[path]) ? (user[path] as unknown[]).filter((x): x is string => typeof x === 'string') : []);
  const orgClients = base.clients.length;
  const allowlistLocked = isManagedPath(state.managed, 'allowlist');

  return (
    <div class="page" lang={lang}>
      <header class="top">
        <div class="brand">
          <img src="/icons/icon-48.png" width="28" height="28" alt="" />
          <h1>{t('optionsTitle')}</h1>
        </div>
        <p class={`saved ${saved}`} role="status" aria-live="polite" data-saved={saved}>
          {saved === 'saved' ? t('optionsSaved') : saved === 'error' ? t('optionsSaveFailed') : ''}
        </p>
      </header>
      <main>
        <p class="lead">{t('optionsIntro')}</p>

        <section class="card" data-section="policy">
          <PolicyInfo view={view} page="options" />
        </section>

        <section class="card" data-section="detectors">
          <div class="card-head">
            <h2>{t('optionsDetectors')}</h2>
          </div>
          <p class="help">{t('optionsDetectorsHelp')}</p>
          <table class="detectors">
            <thead>
              <tr>
                <th scope="col">{t('optionsColType')}</th>
                <th scope="col">{t('optionsColAction')}</th>
                <th scope="col">{t('optionsColSensitivity')}</th>
                <th scope="col"><span class="visually-hidden">{t('managedByOrg')}</span></th>
              </tr>
            </thead>
            <tbody>
              {DETECTOR_TYPES.map((type: DetectorType) => {
                const action = f(`detectors.${type}.action`);
                const sensitivity = f(`detectors.${type}.sensitivity`);
                const label = l10n(DETECTOR_LABELS[type], lang);
                return (
                  <tr data-type={type} key={type}>
                    <th scope="row">{label}</th>
                    <td><Select path={`detectors.${type}.action`} f={action} label={`${label}: ${t('optionsColAction')}`} onChoose={choose} /></td>
                    <td><Select path={`detectors.${type}.sensitivity`} f={sensitivity} label={`${label}: ${t('optionsColSensitivity')}`} onChoose={choose} /></td>
                    <td class="badge-cell">
                      {action.managed || sensitivity.managed ? (
                        <Managed />
                      ) : action.choices.length < 2 || sensitivity.choices.length < 2 ? (
                        <span class="strictest">{t('optionsStrictest')}</span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>

        <section class="card" data-section="protection">
          <div class="card-head">
            <h2>{t('optionsProtection')}</h2>
          </div>
          <div class="row select">
            <label>
              <span>
                <strong>{t('optionsMode')}</strong>
                <small>{t('optionsModeHelp')}</small>
              </span>
              <Select path="mode" f={f('mode')} label={t('optionsMode')} onChoose={choose} />
            </label>
            {f('mode').managed ? <Managed /> : !editable(f('mode')) ? <span class="strictest">{t('optionsStrictest')}</span> : null}
          </div>
          {SITE_IDS.map((site) => (
            <Toggle
              key={site}
              path={`sites.${site}.enabled`}
              f={f(`sites.${site}.enabled`)}
              label={t(`site_${site}`)}
              help={t('optionsSiteHelp')}
              onChoose={choose}
            />
          ))}
        </section>

        <section class="card" data-section="behaviour">
          <div class="card-head">
            <h2>{t('optionsBehaviour')}</h2>
          </div>
          <Toggle path="hints.enabled" f={f('hints.enabled')} label={t('optionsHints')} help={t('optionsHintsHelp')} onChoose={choose} />
          <Toggle path="override.allowed" f={f('override.allowed')} label={t('optionsOverride')} help={t('optionsOverrideHelp')} onChoose={choose} />
          <Toggle
            path="override.requireJustification"
            f={f('override.requireJustification')}
            label={t('optionsJustification')}
            help={t('optionsJustificationHelp')}
            onChoose={choose}
          />
        </section>

        <ListBox
          path="clients"
          title={t('optionsClients')}
          help={t('optionsClientsHelp')}
          entries={userList('clients')}
          extra={orgClients > 0 ? t('optionsClientsFromOrg', String(orgClients)) : undefined}
          locked={false}
          onSave={(entries) => void update(withList(user, 'clients', entries))}
        />
        <ListBox
          path="allowlist"
          title={t('optionsAllowlist')}
          help={allowlistLocked ? t('optionsAllowlistManaged') : t('optionsAllowlistHelp')}
          entries={allowlistLocked ? state.policy.allowlist : userList('allowlist')}
          locked={allowlistLocked}
          onSave={(entries) => void update(withList(user, 'allowlist', entries))}
        />

        {/* issue 6: audit log section — src/ui/options/AuditLog.tsx (a placeholder until issue 6 replaces it) */}
        <AuditLog />
      </main>
      <footer class="bottom">
        {t('popupOffline')} · {t('popupVersion', extensionVersion())}
      </footer>
    </div>
  );
}

render(<Options />, document.getElementById('root')!);
