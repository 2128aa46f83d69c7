// A site adapter for the training page's two chats, so the very same SendGuard (src/content/guard.ts,
// the dialog, the live hints) runs on them as on WhatsApp Web and Teams. Each chat is a
// [data-training-chat="<site>"] element with one [data-training-editor] and one [data-training-send].
import type { SiteId } from '../../core/index.js';
import type { Editor, SiteAdapter } from '../../sites/index.js';
import { editingHostOfEvent, readEditableText, sendButtonOnPath } from '../../sites/dom.js';

export function trainingAdapter(site: SiteId): SiteAdapter {
  const scope = `[data-training-chat="${site}"]`;
  const editorEl = (from: Element | null): HTMLElement | null => from?.closest(scope)?.querySelector<HTMLElement>('[data-training-editor]') ?? null;
  const isEditor = (el: Element): el is HTMLElement => el instanceof HTMLElement && el.isContentEditable && el.matches('[data-training-editor]') && el.closest(scope) !== null;
  const isSend = (el: Element) => el.matches('[data-training-send]') && el.closest(scope) !== null;
  const editor = (el: HTMLElement): Editor => ({ el, kind: 'compose' });
  return {
    id: site,
    hosts: [],
    matches: () => false,
    findComposeBoxes: (root) => [...root.querySelectorAll<HTMLElement>(`${scope} [data-training-editor]`)].map(editor),
    diagnose: () => 'app-not-recognised',
    editorFromEvent(event) {
      const host = editingHostOfEvent(event);
      return host && isEditor(host) ? editor(host) : null;
    },
    sendButtonFromEvent: (event) => sendButtonOnPath(event, isSend, () => false),
    isSendButton: isSend,
    isVoiceButton: () => false,
    editorForButton(button) {
      const el = editorEl(button);
      return el ? editor(el) : null;
    },
    readDraft: (ed) => readEditableText(ed.el),
    enterMode: () => 'enter-sends',
    attachments: (ed) => ({ images: ed.el.closest(scope)?.querySelectorAll('[data-training-attachment]').length ?? 0, files: 0 }),
    attachmentImages: (ed) => [...(ed.el.closest(scope)?.querySelectorAll<HTMLImageElement>('[data-training-attachment] img') ?? [])],
    chatTitle: (ed) => ed.el.closest(scope)?.querySelector('[data-training-title]')?.textContent?.trim() || null,
    inputSettleMs: 0,
  };
}
