// "Checking image…" (issue 5): shown while the images of a send are read. The send is held meanwhile;
// Cancel (or Escape) returns to the draft, which is untouched. Rendered like the dialog, in a shadow root.
import { t } from '../../platform/ext.js';

export interface ProgressModel {
  /** Images being checked in this send. */
  total: number;
  /** Images finished. */
  done: number;
  /** 0..1 over all images. */
  fraction: number;
}

export function Progress({ model, onCancel }: { model: ProgressModel; onCancel: () => void }) {
  const percent = Math.round(Math.max(0, Math.min(1, model.fraction)) * 100);
  const label = model.total > 1 ? t('imageCheckingMany', [String(Math.min(model.done + 1, model.total)), String(model.total)]) : t('imageChecking');
  return (
    <div class="backdrop">
      <div class="card progress" role="dialog" aria-modal="true" aria-labelledby="sg-progress-title" aria-describedby="sg-progress-note" data-sg="checking">
        <h2 id="sg-progress-title">{label}</h2>
        <div class="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-labelledby="sg-progress-title">
          <div class="fill" style={{ width: `${percent}%` }} />
        </div>
        <p id="sg-progress-note" class="note">{t('imageCheckingNote')}</p>
        <footer>
          <div class="buttons">
            <button type="button" class="secondary" data-sg="cancel" onClick={onCancel}>{t('buttonCancelCheck')}</button>
          </div>
        </footer>
      </div>
    </div>
  );
}

export const PROGRESS_CSS = `
.card.progress { width: min(380px, 100%); border-top-color: #1d4ed8; }
.bar { height: 8px; border-radius: 999px; background: #e5e7eb; overflow: hidden; margin: 14px 0 4px; }
.fill { height: 100%; background: #1d4ed8; transition: width .2s ease; }
@media (prefers-color-scheme: dark) { .bar { background: #374151; } .fill { background: #93c5fd; } }
`;
