// The send-time dialog: what was found, why it matters, and the user's choice. Rendered by Preact into
// a shadow root (see mount.ts) so the chat site's CSS cannot reach it. All strings come from _locales.
import { useRef, useState } from 'preact/hooks';
import type { FindingGroup, Segment } from '../format.js';
import { t } from '../../platform/ext.js';

export interface DialogModel {
  action: 'warn' | 'block';
  /** Whether the policy offers "Send anyway" (only ever on warn). */
  sendAnyway: boolean;
  /** Detection failed: the message is held because it could not be checked. */
  failed: boolean;
  groups: FindingGroup[];
  chat: string | null;
  attachments: { images: number; files: number };
  /**
   * Issue 5: the send's images were read (OCR). `failed`: images that could not be read;
   * `filesNotRead`: attached files other than images (PDF, documents), which are not read.
   */
  imageCheck?: { checked: number; failed: number; filesNotRead: number };
  // ---- from the policy (issue 4; content/logic.ts dialogExtras) ----
  /** The organisation's texts in the UI language (title replaces the title) and its guidance link. */
  org?: { title?: string; body?: string; guidanceUrl?: string };
  /** Messages of the custom rules that matched: shown as the "why" of custom findings. */
  ruleMessages?: string[];
  /** "Send anyway" needs a reason: pick one of `choices` or type one. */
  justification?: { choices: string[] };
  mode?: 'enforce' | 'monitor' | 'training';
  // ---- issue 6 ----
  /** Open the explanations at once (the training page: the audience sees everything). */
  explain?: boolean;
  /** "Mask and send" is offered: the masked message passes the policy's check. */
  mask?: boolean;
  /** Masking was tried and the editor did not take it: say so (the draft is unchanged or partly masked). */
  maskFailed?: boolean;
}

/**
 * The reason given for "Send anyway": one of the organisation's choices (by position), or a typed one.
 * A typed reason never leaves the dialog — not to the guard, not to the audit log.
 */
export type Justification = { kind: 'choice'; index: number } | { kind: 'own' };

export interface DialogProps {
  model: DialogModel;
  onEdit: () => void;
  /** With model.justification, called only with a reason. */
  onSendAnyway: (justification?: Justification) => void;
  /** "Not sensitive — report false alarm". The guard sends the message too when "Send anyway" is offered. */
  onFalseAlarm: () => void;
  onMask: () => void;
}

/**
 * The reason for "Send anyway" (issue 4). Read from the DOM on click: the guard keeps input events
 * from the page, and so from Preact.
 */
function JustificationForm({ choices, missing }: { choices: string[]; missing: boolean }) {
  return (
    <fieldset class="justification" data-sg="justification" aria-describedby="sg-reason-note">
      <legend>{t('justificationLegend')}</legend>
      {choices.map((c) => (
        <label class="choice" key={c}>
          <input type="radio" name="sg-reason" value={c} /> <span>{c}</span>
        </label>
      ))}
      <label class="typed">
        <span>{choices.length > 0 ? t('justificationOther') : t('justificationTyped')}</span>
        <input type="text" maxLength={200} data-sg="justification-text" aria-invalid={missing ? 'true' : undefined} />
      </label>
      <p id="sg-reason-note" class="reason-note">{t('justificationNotRecorded')}</p>
      {missing ? <p class="missing" role="alert">{t('justificationMissing')}</p> : null}
    </fieldset>
  );
}

function readJustification(root: HTMLElement | null, choices: string[]): Justification | null {
  const picked = root?.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.value;
  const index = picked === undefined ? -1 : choices.indexOf(picked);
  if (index >= 0) return { kind: 'choice', index };
  const typed = root?.querySelector<HTMLInputElement>('input[type="text"]')?.value.trim() ?? '';
  return typed ? { kind: 'own' } : null;
}

/** Label and explanations of a detector type; types added later fall back to generic texts. */
export function typeText(type: string): { label: string; why: string; law: string; instead: string } {
  const known = t(`type_${type}`) !== `type_${type}`;
  const k = known ? type : 'other';
  return { label: t(`type_${k}`), why: t(`why_${k}`), law: t(`law_${k}`), instead: t(`do_${k}`) };
}

function Excerpt({ segments }: { segments: Segment[] }) {
  return (
    <q class="excerpt">
      {segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}
    </q>
  );
}

function Icon({ action }: { action: 'warn' | 'block' }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" width="28" height="28">
      <path fill="currentColor" d="M12 2 3 5.5v6.1c0 5.1 3.8 9.6 9 10.4 5.2-.8 9-5.3 9-10.4V5.5L12 2Z" opacity=".16" />
      <path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" d="M12 2 3 5.5v6.1c0 5.1 3.8 9.6 9 10.4 5.2-.8 9-5.3 9-10.4V5.5L12 2Z" />
      {action === 'block'
        ? <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="m9 9 6 6m0-6-6 6" />
        : <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M12 7.5v5.5m0 3.2v.3" />}
    </svg>
  );
}

function Finding({ group, ruleMessages, explain }: { group: FindingGroup; ruleMessages: string[]; explain: boolean }) {
  const text = typeText(group.type);
  return (
    <li data-type={group.type}>
      <h3>{text.label}</h3>
      {group.image ? <p class="in-image" data-sg="in-image">{t('foundInImage')}</p> : null}
      {group.excerpts.map((segs) => <Excerpt segments={segs} />)}
      {group.more > 0 ? <p class="more">{t('moreFindings', String(group.more))}</p> : null}
      {group.type === 'custom' && ruleMessages.length > 0
        ? ruleMessages.map((m) => <p class="why" data-sg="rule-message">{m}</p>)
        : <p class="why">{text.why}</p>}
      <details open={explain} data-sg="explain">
        <summary>{t('dialogExplain')}</summary>
        <p><strong>{t('dialogWhy')}:</strong> {text.law}</p>
        <p><strong>{t('dialogInstead')}:</strong> {text.instead}</p>
      </details>
    </li>
  );
}

export function Dialog({ model, onEdit, onSendAnyway, onFalseAlarm, onMask }: DialogProps) {
  const { action, sendAnyway, failed, groups, chat, attachments, org, ruleMessages = [], justification, mode, imageCheck } = model;
  // Issue 5: held only because an image could not be read.
  const imageFailed = failed && (imageCheck?.failed ?? 0) > 0;
  const reasonBox = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const [missing, setMissing] = useState(false);
  const [reported, setReported] = useState(false);
  const onSendAnywayClick = () => {
    if (!justification) return onSendAnyway();
    const reason = readJustification(reasonBox.current, justification.choices);
    if (reason) return onSendAnyway(reason);
    setMissing(true);
    reasonBox.current?.querySelector<HTMLInputElement>('input')?.focus();
  };
  const onFalseAlarmClick = () => {
    onFalseAlarm();
    // With "Send anyway" on offer the guard sends and closes; otherwise the dialog stays and says thanks.
    if (!sendAnyway) {
      setReported(true);
      editButton.current?.focus();
    }
  };
  const title = imageFailed ? t('dialogTitleImageError') : failed ? t('dialogTitleError') : org?.title ?? (action === 'block' ? t('dialogTitleBlock') : t('dialogTitleWarn'));
  const intro = imageFailed
    ? t(action === 'block' ? 'dialogIntroImageErrorBlock' : 'dialogIntroImageError')
    : failed ? t('dialogIntroError') : action === 'block' ? t('dialogIntroBlock') : t('dialogIntroWarn');
  return (
    <div class="backdrop">
      <div
        class={`card ${action}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="sg-title"
        aria-describedby="sg-intro"
        data-action={action}
      >
        <header>
          <Icon action={action} />
          <div>
            <h2 id="sg-title">{title}</h2>
            {chat ? <p class="recipient">{t('dialogRecipient', chat)}</p> : null}
          </div>
          {mode === 'training' ? <span class="badge" data-sg="training-badge">{t('dialogTrainingBadge')}</span> : null}
        </header>
        <p id="sg-intro" class="intro">{intro}</p>
        {org?.body ? <p class="org-body" data-sg="org-body">{org.body}</p> : null}
        {groups.length > 0 ? (
          <ul class="findings" aria-label={t('dialogFound')}>
            {groups.map((g) => <Finding key={g.type} group={g} ruleMessages={ruleMessages} explain={model.explain === true} />)}
          </ul>
        ) : null}
        {imageCheck ? (
          <>
            {!imageFailed && imageCheck.failed > 0 ? <p class="note" data-sg="images-failed">{t('imagesNotRead', String(imageCheck.failed))}</p> : null}
            {imageCheck.filesNotRead > 0 ? <p class="note" data-sg="files-not-read">{t('filesNotRead')}</p> : null}
          </>
        ) : attachments.images + attachments.files > 0 ? <p class="note">{t('attachmentsNotChecked')}</p> : null}
        {model.mask ? <p class="mask-note" data-sg="mask-note">{t('dialogMaskNote')}</p> : null}
        {model.maskFailed ? <p class="mask-note problem" role="alert" data-sg="mask-failed">{t('dialogMaskFailed')}</p> : null}
        {mode === 'training' && !failed ? <p class="note" data-sg="training">{t('dialogTraining')}</p> : null}
        {org?.guidanceUrl ? (
          <p class="guidance">
            <a href={org.guidanceUrl} target="_blank" rel="noopener noreferrer" data-sg="guidance">{t('dialogGuidance')}</a>
          </p>
        ) : null}
        {sendAnyway && justification ? (
          <div ref={reasonBox}>
            <JustificationForm choices={justification.choices} missing={missing} />
          </div>
        ) : null}
        <p class="safe">{t('dialogDraftSafe')}</p>
        <div class="aside">
          {failed ? <span /> : reported ? (
            <p class="reported" role="status" data-sg="reported">{t('dialogFalseAlarmThanks')}</p>
          ) : (
            <button type="button" class="link" data-sg="false-alarm" onClick={onFalseAlarmClick}>
              {sendAnyway ? t('buttonFalseAlarmSend') : t('buttonFalseAlarm')}
            </button>
          )}
          <span class="hint">{t('hintEscape')}</span>
        </div>
        <footer>
          <div class="buttons">
            {sendAnyway ? (
              <button type="button" class="secondary" data-sg="send-anyway" onClick={onSendAnywayClick}>
                {t('buttonSendAnyway')}
              </button>
            ) : null}
            {model.mask ? (
              <button type="button" class="secondary" data-sg="mask" onClick={onMask}>
                {t('buttonMask')}
              </button>
            ) : null}
            <button type="button" class="primary" data-sg="edit" ref={editButton} onClick={onEdit}>
              {t('buttonEdit')}
            </button>
          </div>
        </footer>
      </div>
    </div>
  );
}

export const DIALOG_CSS = `
:host { all: initial; position: fixed; inset: 0; z-index: 2147483647; display: block; }
* { box-sizing: border-box; }
.backdrop {
  position: fixed; inset: 0; display: flex; align-items: center; justify-content: center; padding: 16px;
  background: rgba(15, 23, 42, .45);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2937;
}
.card {
  width: min(520px, 100%); max-height: calc(100vh - 32px); overflow: auto;
  background: #fff; border-radius: 12px; box-shadow: 0 20px 50px rgba(15, 23, 42, .3);
  border-top: 5px solid var(--accent); padding: 20px 22px 16px;
  --accent: #b45309; --accent-bg: #fff7ed; --mark: #fde68a;
}
.card.block { --accent: #b91c1c; --accent-bg: #fef2f2; --mark: #fecaca; }
header { display: flex; gap: 12px; align-items: flex-start; }
.icon { color: var(--accent); flex: none; margin-top: 1px; }
h2 { margin: 0; font-size: 18px; line-height: 1.3; font-weight: 650; color: #111827; }
.recipient { margin: 2px 0 0; color: #6b7280; font-size: 13px; }
.intro { margin: 12px 0 10px; }
.findings { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
.findings li { background: var(--accent-bg); border-radius: 8px; padding: 10px 12px; border-left: 3px solid var(--accent); }
h3 { margin: 0 0 4px; font-size: 13px; font-weight: 650; text-transform: uppercase; letter-spacing: .03em; color: var(--accent); }
.excerpt { display: block; quotes: none; margin: 2px 0; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; overflow-wrap: anywhere; color: #374151; }
mark { background: var(--mark); color: #111827; border-radius: 3px; padding: 0 2px; }
.more { margin: 2px 0 0; font-size: 12px; color: #6b7280; }
.in-image { margin: 0 0 4px; font-size: 12px; font-weight: 600; color: #4b5563; }
.why { margin: 6px 0 0; font-size: 13px; color: #4b5563; }
.note, .safe { margin: 10px 0 0; font-size: 13px; color: #4b5563; }
footer { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin-top: 16px; flex-wrap: wrap; }
.hint { font-size: 12px; color: #6b7280; }
.buttons { display: flex; gap: 8px; margin-left: auto; }
button {
  font: inherit; font-weight: 600; border-radius: 8px; padding: 8px 14px; cursor: pointer; border: 1px solid transparent;
}
button.primary { background: #1d4ed8; color: #fff; }
button.primary:hover { background: #1e40af; }
button.secondary { background: #fff; color: #374151; border-color: #d1d5db; }
button.secondary:hover { background: #f3f4f6; }
button:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
.org-body { margin: 0 0 10px; }
.guidance { margin: 10px 0 0; font-size: 13px; }
.guidance a { color: #1d4ed8; }
.justification { margin: 12px 0 0; border: 1px solid #d1d5db; border-radius: 8px; padding: 8px 12px 10px; display: grid; gap: 6px; }
.justification legend { padding: 0 4px; font-size: 13px; font-weight: 600; }
.justification label { display: flex; gap: 8px; align-items: center; font-size: 13px; }
.justification .typed { flex-wrap: wrap; }
.justification input[type="text"] { flex: 1 1 200px; font: inherit; padding: 5px 8px; border: 1px solid #9ca3af; border-radius: 6px; }
.justification .missing { margin: 0; font-size: 13px; color: #b91c1c; font-weight: 600; }
.reason-note { margin: 0; font-size: 12px; color: #6b7280; }
header > div { flex: 1; }
.badge { flex: none; font-size: 11px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; color: #1e40af; background: #dbeafe; border-radius: 999px; padding: 3px 9px; }
details { margin: 6px 0 0; font-size: 13px; color: #374151; }
summary { cursor: pointer; color: #1d4ed8; font-weight: 600; width: fit-content; border-radius: 4px; }
summary:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
details p { margin: 6px 0 0; }
.mask-note { margin: 10px 0 0; font-size: 13px; color: #4b5563; }
.mask-note.problem { color: #b91c1c; font-weight: 600; }
.aside { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin-top: 12px; flex-wrap: wrap; }
button.link { background: none; border: none; padding: 2px 0; color: #1d4ed8; font-weight: 600; font-size: 13px; text-decoration: underline; text-underline-offset: 2px; }
button.link:hover { color: #1e40af; }
.reported { margin: 0; font-size: 13px; color: #15803d; font-weight: 600; }
footer { margin-top: 12px; }
@media (prefers-color-scheme: dark) {
  .backdrop { background: rgba(0, 0, 0, .6); color: #e5e7eb; }
  .card { background: #1f2937; --accent: #f59e0b; --accent-bg: #2b2a22; --mark: #92400e; }
  .card.block { --accent: #f87171; --accent-bg: #3a2226; --mark: #7f1d1d; }
  h2, mark { color: #f9fafb; }
  .excerpt { color: #e5e7eb; }
  .why, .note, .safe, .recipient, .hint, .more, .reason-note, .mask-note { color: #9ca3af; }
  details { color: #d1d5db; }
  summary, button.link, .guidance a { color: #93c5fd; }
  .badge { color: #bfdbfe; background: #1e3a8a; }
  .reported { color: #86efac; }
  button.secondary { background: #374151; color: #f3f4f6; border-color: #4b5563; }
}
`;
