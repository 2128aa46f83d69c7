// The popup's "this week" (issue 6): how often SendGuard warned or blocked since Monday and what people
// did, from the local audit log (counts only), with links to the log and to the training page.
import { useEffect, useState } from 'preact/hooks';
import { weekStart, type AuditCounts } from '../../core/audit.js';
import { openExtensionPage, sendToBackground, t } from '../../platform/ext.js';
import type { ToBackground } from '../../shared/messages.js';

export const OPTIONS_AUDIT_PAGE = 'src/ui/options/index.html#audit';
export const TRAINING_PAGE = 'src/ui/training/index.html';

const TILES: [keyof AuditCounts, string][] = [
  ['warned', 'weekWarned'],
  ['blocked', 'weekBlocked'],
  ['sentAnyway', 'weekSentAnyway'],
  ['edited', 'weekEdited'],
  ['redacted', 'weekRedacted'],
  ['falseAlarms', 'weekFalseAlarms'],
];

function open(path: string): void {
  void openExtensionPage(path).then(() => window.close());
}

export function WeekCounts() {
  const [counts, setCounts] = useState<AuditCounts | null>(null);
  useEffect(() => {
    const since = weekStart(Date.now(), -new Date().getTimezoneOffset());
    void sendToBackground<AuditCounts>({ type: 'getAuditCounts', since } satisfies ToBackground).then((c) => {
      if (c) setCounts(c);
    });
  }, []);
  return (
    <section class="week" aria-labelledby="week-title" data-sg="week">
      <h2 id="week-title">{t('popupWeekTitle')}</h2>
      {counts ? (
        <>
          <dl class="tiles">
            {TILES.map(([k, label]) => (
              <div class={`tile ${k}`} data-count={k}>
                <dd>{counts[k]}</dd>
                <dt>{t(label)}</dt>
              </div>
            ))}
          </dl>
          {counts.notInterrupted > 0 ? (
            <p class="monitor" data-count="notInterrupted">{t('weekNotInterrupted')}: <b>{counts.notInterrupted}</b></p>
          ) : null}
          <p class="week-note">{t('weekNote')}</p>
        </>
      ) : null}
      <div class="links">
        <button type="button" class="link" data-sg="open-audit" onClick={() => open(OPTIONS_AUDIT_PAGE)}>{t('popupAuditLog')}</button>
        <button type="button" class="link" data-sg="open-training" onClick={() => open(TRAINING_PAGE)}>{t('popupTraining')}</button>
      </div>
    </section>
  );
}
