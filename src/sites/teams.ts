// Microsoft Teams on the web ("new Teams", v2). Facts and sources: shared/research/sites.md §2.
// Editors are CKEditor 5: they own their model and revert foreign DOM writes, so we only read them.
// Several editors can exist at once (main compose, channel reply pane, inline edit of an own message):
// always work on the one the event came from. Fluent UI class names are generated: never used here.
import type { Attachments, Editor, EditorKind, SiteAdapter } from './types.js';
import type { InactiveReason } from '../shared/messages.js';
import {
  attachmentImageElements, closestAny, countAttachmentImages, editingHostOfEvent, editorsMatching, hasSendLabel, matchesAny, nearestEditor,
  queryFirst, readEditableText, sendButtonOnPath,
} from './dom.js';

export const SELECTORS = {
  /** CKEditor 5 editables (§2.2): Teams' data-tid marker, CKEditor's own class, the id scheme, then the ARIA role. */
  editor: [
    '[contenteditable="true"][data-tid="ckeditor"]',
    '[contenteditable="true"].ck-editor__editable',
    '[contenteditable="true"][id^="new-message-"]',
    '[contenteditable="true"][role="textbox"]',
  ],
  /** Channel thread replies pane, with its own compose box (§2.6). */
  replyScope: ['[id^="channel-replies-"]', '[data-tid*="channel-replies"]'],
  /** A rendered message: an editor inside one is the inline edit box of an own message (§2.3, §2.6). */
  messageItem: [
    '[data-tid="chat-pane-message"]', '[data-tid="channel-pane-message"]', '[data-tid="channel-replies-pane-message"]',
    '[data-tid="chat-pane-item"]',
  ],
  /** The edit toolbar's "Done" button is a send button named "done" (§2.3). */
  done: ['button[name="done"]'],
  /** Two toolbar prefixes ship (sendMessageCommands-, newMessageCommands-) (§2.3); labels last. */
  send: [
    'button[data-tid$="MessageCommands-send"]',
    'button[data-tid$="-send"]',
    'button[name="done"]',
    'button[aria-label="Send"]', 'button[aria-label^="Send ("]', 'button[aria-label="Senden"]', 'button[aria-label^="Senden ("]',
  ],
  /** Files attached with the paperclip, shown as chips in the compose box (§2.5). */
  fileChip: ['[data-tid="file-preview-root"]', '[data-tid*="attachment-chip"]'],
  voice: ['[data-tid*="voice" i]', '[data-tid*="audio-message" i]', '[data-icon*="mic"]'],
  /** The conversation area, to tell "no chat open" from "compose box not recognised". */
  conversation: [
    '[data-tid="message-pane-list-viewport"]', '[data-tid="chat-pane-list"]', '#chat-pane-list', '[data-tid="channel-pane"]',
    '[data-tid="channel-pane-runway"]',
  ],
  title: [
    '[data-tid="chat-header-title"]', '[id^="chat-header-"] h2', '[id^="chat-topic-person-"]', '[data-tid="channelTitle-text"]',
  ],
} as const;

function isEditor(el: Element): el is HTMLElement {
  return el instanceof HTMLElement && el.isContentEditable && matchesAny(el, SELECTORS.editor);
}

function editorsIn(scope: ParentNode): HTMLElement[] {
  return editorsMatching(scope, SELECTORS.editor, isEditor);
}

/** The smallest ancestor of the editor that also holds a send button: its compose toolbar. */
function composeContainer(el: HTMLElement): Element | null {
  for (let a = el.parentElement; a; a = a.parentElement) {
    if (queryFirst(a, SELECTORS.send)) return a;
  }
  return null;
}

/** Paperclip attachments of the editor's compose box (chips with the file name). */
function fileChips(editor: Editor): Element[] {
  const container = composeContainer(editor.el);
  return container ? [...container.querySelectorAll(SELECTORS.fileChip.join(', '))] : [];
}

function kindOf(el: HTMLElement): EditorKind {
  if (closestAny(el, SELECTORS.messageItem)) return 'edit';
  const container = composeContainer(el);
  if (container && queryFirst(container, SELECTORS.done) && editorsIn(container).length === 1) return 'edit';
  if (closestAny(el, SELECTORS.replyScope)) return 'reply';
  return 'compose';
}

/**
 * Expanded compose box (Ctrl+Shift+X, §2.4): Enter makes a paragraph, Ctrl+Enter sends. Teams shows no
 * reliable DOM marker for it, so we follow the toggle per editor element, and only when the page
 * handled the shortcut (defaultPrevented). Any doubt falls back to "Enter sends": at worst a dialog
 * for an Enter that would have made a paragraph, never an unchecked send. A new editor element
 * (chat switch) or a send resets it.
 */
const expanded = new WeakMap<HTMLElement, boolean>();

function isExpandToggle(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyX' || e.key.toLowerCase() === 'x');
}

export const teams: SiteAdapter = {
  id: 'teams',
  hosts: ['teams.microsoft.com', 'teams.cloud.microsoft', 'teams.live.com', 'teams.microsoft.us'],
  // CKEditor 5 maps a script-made DOM selection to its model debounced: wait before pasting (§2.7).
  inputSettleMs: 350,

  matches(loc) {
    const h = loc.hostname.replace(/\.mcas\.ms$/, '');
    return this.hosts.some((d) => h === d || h.endsWith(`.${d}`));
  },

  findComposeBoxes(root) {
    return editorsIn(root).map((el) => ({ el, kind: kindOf(el) }));
  },

  diagnose(doc): InactiveReason {
    if (queryFirst(doc, SELECTORS.conversation)) return 'editor-not-recognised';
    if (/Microsoft Teams/i.test(doc.title)) return 'no-chat-open';
    return 'app-not-recognised';
  },

  editorFromEvent(event) {
    const host = editingHostOfEvent(event);
    return host && isEditor(host) ? { el: host, kind: kindOf(host) } : null;
  },

  sendButtonFromEvent(event) {
    return sendButtonOnPath(event, (b) => this.isSendButton(b), (b) => this.isVoiceButton(b));
  },

  isVoiceButton: (el) => matchesAny(el, SELECTORS.voice),

  isSendButton(el) {
    if (this.isVoiceButton(el)) return false;
    if (matchesAny(el, SELECTORS.send)) return true;
    // Fallbacks for a renamed toolbar: a data-tid with "send" as a part ("send-message-button",
    // "compose-send"; not "sendMessageCommands-FilePicker"), then a label saying "send" in a known language.
    const tid = el.getAttribute('data-tid') ?? '';
    return /(^|[-_])send($|[-_]|button)/i.test(tid) || hasSendLabel(el);
  },

  editorForButton(button) {
    const el = nearestEditor(button, (scope) => editorsIn(scope));
    return el ? { el, kind: kindOf(el) } : null;
  },

  readDraft: (editor) => readEditableText(editor.el),

  enterMode: (editor) => (expanded.get(editor.el) ? 'enter-newline' : 'enter-sends'),

  observeKey(event, editor) {
    if (!isExpandToggle(event)) return;
    // Read defaultPrevented once the page's own handlers have run.
    setTimeout(() => {
      if (event.defaultPrevented) expanded.set(editor.el, !expanded.get(editor.el));
    }, 0);
  },

  noteSent(editor) {
    expanded.delete(editor.el);
  },

  attachments(editor): Attachments {
    const images = countAttachmentImages(editor.el);
    return { images, files: fileChips(editor).length };
  },

  attachedFileLabels: (editor) => fileChips(editor).map((c) => c.textContent ?? ''),

  // Pasted or dropped images sit inline in the editor (CKEditor image widgets) and go out with the text.
  attachmentImages: (editor) => attachmentImageElements(editor.el),

  chatTitle(editor) {
    const doc = editor.el.ownerDocument;
    const t = queryFirst(doc, SELECTORS.title)?.textContent?.trim();
    if (t) return t;
    const parts = doc.title.split(' | ');
    return parts.length > 1 && parts[0]!.trim() ? parts[0]!.trim() : null;
  },
};
