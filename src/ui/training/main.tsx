// The training page (issue 6): a WhatsApp-like and a Teams-like chat on which the real send guard,
// dialog and live hints run (the same src/content code as on the sites, through adapter.ts), with
// prepared scenarios. Nothing here is sent anywhere and nothing reaches the audit log: the guards get
// no audit hook.
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { defaultPolicy, type Policy, type PolicyState, type SiteId } from '../../core/index.js';
import { onMessage, sendToBackground, t, uiLanguage } from '../../platform/ext.js';
import { isMessage, type OcrReply, type ToBackground, type ToContent } from '../../shared/messages.js';
import { SendGuard, type GuardOptions } from '../../content/guard.js';
import { ImageReader } from '../../content/images.js';
import { LiveHints } from '../../content/hints.js';
import { trainingAdapter } from './adapter.js';
import { createChat, type Chat } from './chat.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import sickNote from './assets/sick-note.png';
import './training.css';

type Rules = 'org' | 'training';

/** What the guards on this page enforce: the organisation's policy, or the same in training mode. */
const current: { policy: Policy } = { policy: defaultPolicy() };
// Photos are read like in the chats (issue 5): OCR in the offscreen document, through the background.
const images = new ImageReader((id, image) => sendToBackground<OcrReply>({ type: 'ocr', id, image } satisfies ToBackground));
onMessage((m) => {
  if (isMessage<Extract<ToContent, { type: 'ocrProgress' }>>(m, 'ocrProgress')) images.onProgress(String(m.id), String(m.status), Number(m.progress));
  return undefined;
});
const guardOptions: GuardOptions = { explain: true, images };

function Badge({ s }: { s: Scenario }) {
  return (
    <span class="badges">
      <span class={`badge ${s.withImage ?? s.expect}`}>{t(`trainingExpect_${s.withImage ?? s.expect}`)}</span>
      {s.image ? <span class="badge photo">{t('trainingExpectPhoto')}</span> : null}
    </span>
  );
}

function ScenarioCard({ s, onInsert, onSend }: { s: Scenario; onInsert: () => void; onSend: () => void }) {
  return (
    <li class="scenario" data-scenario={s.id}>
      <div class="head">
        <h4>{t(`scenario_${s.id}_title`)}</h4>
        <Badge s={s} />
      </div>
      <p class="message">{t(`scenario_${s.id}_text`)}</p>
      <p class="note">{t(s.image ? `scenario_${s.id}_note_ocr` : `scenario_${s.id}_note`)}</p>
      <div class="actions">
        <span class="site">{t(s.site === 'whatsapp' ? 'trainingTabWhatsapp' : 'trainingTabTeams')}</span>
        <button type="button" class="ghost" data-action="insert" onClick={onInsert}>{t('trainingInsert')}</button>
        <button type="button" class="solid" data-action="send" onClick={onSend}>{t('trainingSend')}</button>
      </div>
    </li>
  );
}

function Shield() {
  return (
    <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
      <path fill="currentColor" opacity=".18" d="M12 2 3 5.5v6.1c0 5.1 3.8 9.6 9 10.4 5.2-.8 9-5.3 9-10.4V5.5L12 2Z" />
      <path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" d="M12 2 3 5.5v6.1c0 5.1 3.8 9.6 9 10.4 5.2-.8 9-5.3 9-10.4V5.5L12 2Z" />
      <path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" d="m8.5 12 2.5 2.5 4.5-5" />
    </svg>
  );
}

function Training() {
  const [org, setOrg] = useState<Policy>(defaultPolicy());
  const [rules, setRules] = useState<Rules>('org');
  const [explain, setExplain] = useState(true);
  const [site, setSite] = useState<SiteId>('whatsapp');
  const stage = useRef<HTMLDivElement>(null);
  const chats = useRef<Partial<Record<SiteId, Chat>>>({});

  useEffect(() => {
    const load = () =>
      void sendToBackground<PolicyState>({ type: 'getPolicy' } satisfies ToBackground).then((s) => {
        if (s?.policy) setOrg(s.policy);
      });
    load();
    addEventListener('focus', load);
    return () => removeEventListener('focus', load);
  }, []);

  const policy = useMemo(() => (rules === 'training' ? { ...org, mode: 'training' as const } : org), [org, rules]);
  current.policy = policy;
  guardOptions.explain = explain;

  // The chats and their guards, once: the same SendGuard and LiveHints as in the content script.
  useEffect(() => {
    const host = stage.current;
    if (!host) return;
    for (const id of ['whatsapp', 'teams'] as const) {
      const chat = createChat(document, id);
      chats.current[id] = chat;
      host.append(chat.root);
      const adapter = trainingAdapter(id);
      new SendGuard(adapter, () => current.policy, window, guardOptions).install();
      new LiveHints(adapter, () => current.policy).install();
    }
  }, []);

  useEffect(() => {
    for (const [id, chat] of Object.entries(chats.current)) chat.root.hidden = id !== site;
  }, [site]);

  const use = (s: Scenario, send: boolean) => {
    setSite(s.site);
    const chat = chats.current[s.site];
    if (!chat) return;
    chat.root.hidden = false;
    for (const [id, other] of Object.entries(chats.current)) if (id !== s.site) other.root.hidden = true;
    chat.insert(t(`scenario_${s.id}_text`), s.image === 'sick-note' ? { src: sickNote, alt: t('trainingPhotoAlt') } : undefined);
    if (send) setTimeout(() => chat.pressEnter(), 150);
  };

  const groups: [string, Scenario[]][] = [
    [t('trainingGroupSensitive'), SCENARIOS.filter((s) => s.expect !== 'allow' || s.image)],
    [t('trainingGroupLookalike'), SCENARIOS.filter((s) => s.expect === 'allow' && !s.image)],
  ];

  return (
    <div class="page" lang={uiLanguage()}>
      <header class="top">
        <div class="brand">
          <Shield />
          <h1>{t('trainingTitle')}</h1>
        </div>
        <div class="controls">
          <fieldset class="segmented" aria-label={t('trainingPolicyLabel')}>
            <legend class="sr">{t('trainingPolicyLabel')}</legend>
            {(['org', 'training'] as const).map((r) => (
              <label class={rules === r ? 'on' : ''}>
                <input type="radio" name="rules" value={r} checked={rules === r} onChange={() => setRules(r)} />
                {t(r === 'org' ? 'trainingPolicyOrg' : 'trainingPolicyTraining')}
              </label>
            ))}
          </fieldset>
          <label class="check">
            <input type="checkbox" checked={explain} onChange={(e) => setExplain((e.target as HTMLInputElement).checked)} />
            {t('trainingExplain')}
          </label>
        </div>
      </header>
      <p class="intro">{t('trainingIntro')}</p>
      {rules === 'org' && org.mode === 'monitor' ? <p class="warning" role="status">{t('trainingMonitorNote')}</p> : null}
      <main class="layout">
        <aside class="scenarios" aria-labelledby="sc-title">
          <h2 id="sc-title">{t('trainingScenarios')}</h2>
          <p class="help">{t('trainingScenariosHelp')}</p>
          {groups.map(([title, list]) => (
            <section>
              <h3>{title}</h3>
              <ul>
                {list.map((s) => <ScenarioCard key={s.id} s={s} onInsert={() => use(s, false)} onSend={() => use(s, true)} />)}
              </ul>
            </section>
          ))}
        </aside>
        <section class="stage" aria-label={t('trainingChats')}>
          <div class="tabs" role="tablist">
            {(['whatsapp', 'teams'] as const).map((id) => (
              <button type="button" role="tab" aria-selected={site === id} class={site === id ? 'on' : ''} data-tab={id} onClick={() => setSite(id)}>
                {t(id === 'whatsapp' ? 'trainingTabWhatsapp' : 'trainingTabTeams')}
              </button>
            ))}
          </div>
          <div class="device" ref={stage} />
          <p class="privacy">{t('trainingPrivacy')}</p>
        </section>
      </main>
    </div>
  );
}

document.title = t('trainingTitle');
render(<Training />, document.getElementById('root')!);
