// The send-time dialog: what was found, why it matters, and the user's choice. Rendered by Preact into
// a shadow root (see mount.ts) so the chat site's CSS cannot reach it. All strings come from _locales.
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
}

export interface DialogProps {
  model: DialogModel;
  onEdit: () => void;
  onSendAnyway: () => void;
}

/** Label and explanation of a detector type; types added later fall back to a generic text. */
function typeText(type: string): { label: string; why: string } {
  const label = t(`type_${type}`);
  if (label === `type_${type}`) return { label: t('type_other'), why: t('why_other') };
  return { label, why: t(`why_${type}`) };
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

export function Dialog({ model, onEdit, onSendAnyway }: DialogProps) {
  const { action, sendAnyway, failed, groups, chat, attachments } = model;
  const title = failed ? t('dialogTitleError') : action === 'block' ? t('dialogTitleBlock') : t('dialogTitleWarn');
  const intro = failed ? t('dialogIntroError') : action === 'block' ? t('dialogIntroBlock') : t('dialogIntroWarn');
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
        </header>
        <p id="sg-intro" class="intro">{intro}</p>
        {groups.length > 0 ? (
          <ul class="findings">
            {groups.map((g) => (
              <li key={g.type} data-type={g.type}>
                <h3>{typeText(g.type).label}</h3>
                {g.excerpts.map((segs) => <Excerpt segments={segs} />)}
                {g.more > 0 ? <p class="more">{t('moreFindings', String(g.more))}</p> : null}
                <p class="why">{typeText(g.type).why}</p>
              </li>
            ))}
          </ul>
        ) : null}
        {attachments.images + attachments.files > 0 ? <p class="note">{t('attachmentsNotChecked')}</p> : null}
        <p class="safe">{t('dialogDraftSafe')}</p>
        <footer>
          <span class="hint">{t('hintEscape')}</span>
          <div class="buttons">
            {sendAnyway ? (
              <button type="button" class="secondary" data-sg="send-anyway" onClick={onSendAnyway}>
                {t('buttonSendAnyway')}
              </button>
            ) : null}
            <button type="button" class="primary" data-sg="edit" onClick={onEdit}>
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
@media (prefers-color-scheme: dark) {
  .backdrop { background: rgba(0, 0, 0, .6); color: #e5e7eb; }
  .card { background: #1f2937; --accent: #f59e0b; --accent-bg: #2b2a22; --mark: #92400e; }
  .card.block { --accent: #f87171; --accent-bg: #3a2226; --mark: #7f1d1d; }
  h2, mark { color: #f9fafb; }
  .excerpt { color: #e5e7eb; }
  .why, .note, .safe, .recipient, .hint, .more { color: #9ca3af; }
  button.secondary { background: #374151; color: #f3f4f6; border-color: #4b5563; }
}
`;
