// Mounts the dialog in a shadow root on its own host element under <html>, so page CSS cannot touch
// it and page scripts never get its keyboard events (the send guard routes them here, see guard.ts).
import { h, render } from 'preact';
import { Dialog, DIALOG_CSS, type DialogModel, type DialogProps } from './Dialog.js';
import { Progress, PROGRESS_CSS, type ProgressModel } from './Progress.js';

export const DIALOG_HOST_TAG = 'sendguard-dialog';
/** The "Checking image…" panel (issue 5): its own element, so it is never mistaken for the dialog. */
export const PROGRESS_HOST_TAG = 'sendguard-progress';

export interface DialogHandle {
  /** True when the event happened inside this dialog. */
  owns(event: Event): boolean;
  /** Keyboard handling inside the dialog: Escape = edit, Tab stays inside (focus trap). */
  onKey(event: KeyboardEvent): void;
  close(): void;
}

/**
 * Tab stops inside the dialog, in order: buttons, links, summaries, text fields, and of a radio group
 * only its checked (else first) button — arrow keys move within the group, as usual.
 */
function focusable(root: ShadowRoot): HTMLElement[] {
  const seen = new Set<string>();
  return [...root.querySelectorAll<HTMLElement>('button, a[href], summary, input')].filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio') return true;
    const group = [...root.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${el.name}"]`)];
    const stop = group.find((r) => r.checked) ?? group[0];
    if (seen.has(el.name) || el !== stop) return false;
    seen.add(el.name);
    return true;
  });
}

export function openDialog(
  doc: Document,
  model: DialogModel,
  actions: Omit<DialogProps, 'model'>,
): DialogHandle {
  const host = doc.createElement(DIALOG_HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = DIALOG_CSS;
  const container = doc.createElement('div');
  shadow.append(style, container);
  let open = true;
  const handle: DialogHandle = {
    owns: (event) => event.composedPath().includes(host),
    onKey(event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        actions.onEdit();
        return;
      }
      // A held-down Enter from the editor must not activate a button here.
      if (event.repeat) {
        event.preventDefault();
        return;
      }
      if (event.key !== 'Tab') return;
      const buttons = focusable(shadow);
      if (buttons.length === 0) return;
      const i = buttons.indexOf(shadow.activeElement as HTMLElement);
      const next = event.shiftKey ? (i <= 0 ? buttons.length - 1 : i - 1) : (i + 1) % buttons.length;
      event.preventDefault();
      buttons[next]!.focus();
    },
    close() {
      if (!open) return;
      open = false;
      render(null, container);
      host.remove();
    },
  };
  render(h(Dialog, { model, ...actions }), container);
  doc.documentElement.append(host);
  shadow.querySelector<HTMLButtonElement>('button[data-sg="edit"]')?.focus();
  return handle;
}

export interface ProgressHandle extends DialogHandle {
  update(model: ProgressModel): void;
}

/** "Checking image…" with a progress bar and Cancel (issue 5). Escape cancels too. */
export function openProgress(doc: Document, model: ProgressModel, onCancel: () => void): ProgressHandle {
  const host = doc.createElement(PROGRESS_HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = DIALOG_CSS + PROGRESS_CSS;
  const container = doc.createElement('div');
  shadow.append(style, container);
  let open = true;
  const draw = (m: ProgressModel) => render(h(Progress, { model: m, onCancel }), container);
  const handle: ProgressHandle = {
    owns: (event) => event.composedPath().includes(host),
    onKey(event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        onCancel();
        return;
      }
      if (event.repeat || event.key === 'Tab') event.preventDefault();
    },
    update(m) {
      if (open) draw(m);
    },
    close() {
      if (!open) return;
      open = false;
      render(null, container);
      host.remove();
    },
  };
  draw(model);
  doc.documentElement.append(host);
  shadow.querySelector<HTMLButtonElement>('button[data-sg="cancel"]')?.focus();
  return handle;
}
