// The options page's audit log (issue 6): what SendGuard recorded on this computer — metadata only —
// as a table, exportable as CSV, with the retention period and, when the policy names a reporting
// endpoint, the state of the uploads. Everything shown here is exactly what is stored (and sent).
import { useEffect, useRef, useState } from 'preact/hooks';
import { HOUR_MS, toCsv, type AuditEvent } from '../../core/audit.js';
import { sendToBackground, t, uiLanguage } from '../../platform/ext.js';
import type { AuditView, ToBackground } from '../../shared/messages.js';
import { typeText } from '../dialog/Dialog.js';
import './audit-log.css';

const PAGE = 100;

/** The hour an entry stands for, in local time: "Nov 23, 2026, 8:00 – 9:00 PM", "23.11.2026, 20:00–21:00". */
function hourRange(hour: number): string {
  try {
    return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).formatRange(hour, hour + HOUR_MS);
  } catch {
    return new Date(hour).toISOString().slice(0, 13) + ':00Z';
  }
}

function when(ms: number): string {
  try {
    return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

/** The background's short failure reason in the UI language ("HTTP 503" stays as it is). */
function uploadError(reason: string): string {
  if (reason === 'timeout') return t('auditUploadErrorTimeout');
  if (reason === 'network or CORS error') return t('auditUploadErrorNetwork');
  return reason;
}

function download(events: AuditEvent[]): void {
  const blob = new Blob([toCsv(events)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `sendguard-audit-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Row({ e }: { e: AuditEvent }) {
  return (
    <tr data-choice={e.choice}>
      <td class="time">{hourRange(e.hour)}</td>
      <td>{t(`site_${e.site}`)}</td>
      <td>
        {e.types.map((type) => typeText(type).label).join(', ')}
        {e.rules?.length ? <span class="rules"> ({e.rules.join(', ')})</span> : null}
        {e.checkFailed ? <span class="failed"> — {t('auditCheckFailed')}</span> : null}
      </td>
      <td><span class={`pill ${e.action}`}>{t(`auditAction_${e.action}`)}</span></td>
      <td>
        {t(`auditChoice_${e.choice}`)}
        {e.justification ? <span class="reason">{e.justification.kind === 'own' ? t('auditReasonOwn') : e.justification.label}</span> : null}
      </td>
      <td class="version">{e.policyVersion ?? '—'}</td>
    </tr>
  );
}

function Upload({ view }: { view: AuditView }) {
  const u = view.upload;
  return (
    <div class="upload" data-endpoint={view.endpoint ? 'set' : 'none'}>
      <h3>{t('auditUploadTitle')}</h3>
      {view.endpoint ? (
        <>
          <p>{t('auditUploadOn', view.endpoint)}</p>
          <ul>
            <li>{t('auditUploadPending', String(u.pending))}</li>
            <li>{t('auditUploadSent', String(u.sentTotal))}</li>
            {u.lastSuccessAt ? <li>{t('auditUploadLast', when(u.lastSuccessAt))}</li> : null}
            {u.failures > 0 && u.lastError ? <li class="error">{t('auditUploadError', [uploadError(u.lastError), when(u.nextAt)])}</li> : null}
            {u.dropped > 0 ? <li class="error">{t('auditUploadDropped', String(u.dropped))}</li> : null}
          </ul>
        </>
      ) : (
        <p>{t('auditUploadOff')}</p>
      )}
    </div>
  );
}

export function AuditLog() {
  const [view, setView] = useState<AuditView | null>(null);
  const [shown, setShown] = useState(PAGE);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    void sendToBackground<AuditView>({ type: 'getAudit' } satisfies ToBackground).then((v) => {
      if (v) setView(v);
      // Opened from the popup's "Audit log" link.
      if (location.hash === '#audit') requestAnimationFrame(() => section.current?.scrollIntoView({ block: 'start' }));
    });
  }, []);
  const events = view ? [...view.events].sort((a, b) => b.hour - a.hour) : [];
  return (
    <section class="card audit" id="audit" data-section="audit" ref={section} aria-labelledby="audit-title">
      <div class="card-head">
        <h2 id="audit-title">{t('auditTitle')}</h2>
        <button type="button" class="export" data-sg="export-csv" disabled={events.length === 0} onClick={() => view && download(view.events)}>
          {t('auditExport')}
        </button>
      </div>
      <p class="help">{t('auditIntro')}</p>
      <p class="help never">{t('auditNotRecorded')}</p>
      {view ? (
        <>
          <p class="help small meta">
            <span data-field="count">{t('auditCount', String(events.length))}</span> · {t('auditRetention', String(view.retentionDays))}
          </p>
          {events.length === 0 ? (
            <p class="empty">{t('auditEmpty')}</p>
          ) : (
            <div class="scroll">
              <table class="log">
                <thead>
                  <tr>
                    <th scope="col">{t('auditColTime')}</th>
                    <th scope="col">{t('auditColSite')}</th>
                    <th scope="col">{t('auditColTypes')}</th>
                    <th scope="col">{t('auditColAction')}</th>
                    <th scope="col">{t('auditColChoice')}</th>
                    <th scope="col">{t('auditColPolicy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {events.slice(0, shown).map((e) => <Row key={e.id} e={e} />)}
                </tbody>
              </table>
            </div>
          )}
          {events.length > shown ? (
            <button type="button" class="more" onClick={() => setShown(shown + PAGE)}>{t('auditShowMore')}</button>
          ) : null}
          <Upload view={view} />
        </>
      ) : null}
    </section>
  );
}
