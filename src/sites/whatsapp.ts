// WhatsApp Web (web.whatsapp.com; the same client serves WhatsApp Business accounts).
// Facts and sources: shared/research/sites.md §1. Editors are Lexical (since ~2023-08): they own their
// model, so we only read them. Class names are obfuscated and change every few months: never used here.
// Labels are localised ("Send", "Enviar", …): only the last fallback, never the only one.
import type { Attachments, Editor, EditorKind, SiteAdapter } from './types.js';
import type { InactiveReason } from '../shared/messages.js';
import {
  attachmentImageElements, closestAny, countAttachmentImages, editingHostOfEvent, editorsMatching, hasSendLabel, matchesAny, nearestEditor,
  pathElements, queryFirst, readEditableText, sendButtonOnPath,
} from './dom.js';

// Each list is ordered most specific → most general; a redesign usually breaks one layer, not all.
export const SELECTORS = {
  /** App shell landmarks (sites.md §1.1): #app root, #side chat list pane, #main open conversation. */
  app: ['#app', '#whatsapp-web'],
  chatList: ['#side', '#pane-side', '[role="grid"]'],
  conversation: ['#main'],
  /**
   * The compose area of the open conversation. #main is the last layer: an editor in the open
   * conversation outside the media editor is its compose box, whatever the footer's tag becomes.
   */
  composeScope: ['#main footer', 'footer', '#main'],
  /** The media editor (pasted or attached images): a modal with its own caption box and send button (§1.4). */
  mediaScope: ['[role="dialog"]', '[data-animate-modal-popup="true"]'],
  /**
   * Editor markers (§1.2, §4.1): Lexical's own marker first, then role + contenteditable, then by place
   * alone (2021's `#main div[contenteditable]`): any editable in the open conversation or in the media
   * editor, for a release that drops Lexical's marker, the role and data-tab together.
   */
  editor: [
    '[contenteditable="true"][data-lexical-editor="true"]',
    '[contenteditable="true"][role="textbox"]',
    '[contenteditable="true"][data-tab="10"]',
    '#main [contenteditable]:not([contenteditable="false"])',
    'footer [contenteditable]:not([contenteditable="false"])',
    '[role="dialog"] [contenteditable]:not([contenteditable="false"])',
    '[data-animate-modal-popup="true"] [contenteditable]:not([contenteditable="false"])',
  ],
  /** Search boxes are Lexical too (data-tab="3" in the chat list): typing Enter there sends nothing. */
  search: ['[data-tab="3"]', '#side [contenteditable="true"]', '[role="search"] [contenteditable="true"]'],
  /** Send icons over the years: "send" (2021–2025-06), "wds-ic-send-filled" (since 2025-06) (§1.3). */
  sendIcon: ['[data-icon*="send"]', '[data-testid="send"]', 'svg title'],
  sendIconSelf: ['[data-icon*="send"]', '[data-testid="send"]'],
  /** The voice-message button shares the send button's slot: never touch it (zapzap PR #834). */
  voiceIcon: [
    '[data-icon*="mic"]', '[data-icon*="ptt"]', '[data-icon*="audio"]', '[data-icon*="voice"]', '[data-testid*="mic"]', '[data-testid*="ptt"]',
  ],
  /** The send/voice slot's tab stop ("Last verified February 2026": button[data-tab="11"]); voice is excluded first. */
  sendSlot: ['[data-tab="11"]'],
  /** Last resort when no icon is recognisable: localised labels seen in public code (and hasSendLabel). */
  sendLabel: ['[aria-label="Send"]', '[aria-label="Senden"]', '[aria-label="Enviar"]', '[aria-label="Envoyer"]', '[aria-label="Invia"]'],
  voiceLabel: ['[aria-label*="voice" i]', '[aria-label*="Sprach" i]', '[aria-label*="audio" i]'],
  title: ['#main header span[title]', '#main header [role="button"] span[dir="auto"]', '#main header span[dir="auto"]'],
} as const;

function isSearch(el: Element): boolean {
  return matchesAny(el, SELECTORS.search);
}

function isEditor(el: Element): el is HTMLElement {
  return el instanceof HTMLElement && el.isContentEditable && matchesAny(el, SELECTORS.editor) && !isSearch(el);
}

/** Caption (media editor), compose (conversation footer), or another editor that may send (e.g. edit dialog). */
function kindOf(el: HTMLElement): EditorKind {
  if (closestAny(el, SELECTORS.mediaScope)) return 'caption';
  if (closestAny(el, SELECTORS.composeScope)) return 'compose';
  return 'other';
}

function editorsIn(scope: ParentNode): HTMLElement[] {
  return editorsMatching(scope, SELECTORS.editor, isEditor);
}

function hasSendIcon(el: Element): boolean {
  const [icon, testId] = SELECTORS.sendIcon;
  if (el.matches(icon) || el.querySelector(icon) || el.querySelector(testId)) return true;
  // <svg><title>wds-ic-send-filled</title> (§1.3)
  for (const t of el.querySelectorAll(SELECTORS.sendIcon[2])) if (/send/i.test(t.textContent ?? '')) return true;
  return false;
}

export const whatsapp: SiteAdapter = {
  id: 'whatsapp',
  hosts: ['web.whatsapp.com'],
  // Lexical takes a script-made selection on the next selectionchange (§1.6): a short pause suffices.
  inputSettleMs: 50,

  matches: (loc) => loc.hostname === 'web.whatsapp.com',

  findComposeBoxes(root) {
    return editorsIn(root).map((el) => ({ el, kind: kindOf(el) }));
  },

  diagnose(doc): InactiveReason {
    if (queryFirst(doc, SELECTORS.conversation)) return 'editor-not-recognised';
    if (queryFirst(doc, SELECTORS.chatList)) return 'no-chat-open';
    return 'app-not-recognised';
  },

  editorFromEvent(event) {
    const host = editingHostOfEvent(event);
    return host && isEditor(host) ? { el: host, kind: kindOf(host) } : null;
  },

  sendButtonFromEvent(event) {
    const button = sendButtonOnPath(event, (b) => this.isSendButton(b), (b) => this.isVoiceButton(b));
    if (button) return button;
    // A send control that is no button: since 2025-10 public code clicks `div[aria-label="Send"]`
    // (§1.3), which may carry no role. In the compose area or the media editor only, innermost
    // first: an element labelled "send", or the send icon itself; a voice control or an editor on
    // the way ends the search (never a container that merely holds the icon).
    for (const el of pathElements(event)) {
      if (!(el instanceof HTMLElement)) continue; // the icon's <svg>/<path>
      if (el.isContentEditable) return null;
      if (!closestAny(el, [...SELECTORS.mediaScope, ...SELECTORS.composeScope])) return null;
      if (this.isVoiceButton(el)) return null;
      if (matchesAny(el, SELECTORS.sendLabel) || hasSendLabel(el) || matchesAny(el, SELECTORS.sendIconSelf)) return el;
    }
    return null;
  },

  isVoiceButton(el) {
    return matchesAny(el, SELECTORS.voiceIcon) || !!queryFirst(el, SELECTORS.voiceIcon) || matchesAny(el, SELECTORS.voiceLabel);
  },

  isSendButton(el) {
    if (this.isVoiceButton(el)) return false;
    return hasSendIcon(el) || matchesAny(el, SELECTORS.sendSlot) || matchesAny(el, SELECTORS.sendLabel) || hasSendLabel(el);
  },

  editorForButton(button) {
    const el = nearestEditor(button, (scope) => editorsIn(scope));
    return el ? { el, kind: kindOf(el) } : null;
  },

  readDraft: (editor) => readEditableText(editor.el),

  // Lexical's KEY_ENTER_COMMAND: Enter sends in every WhatsApp editor; Shift+Enter is a line break (§1.3).
  enterMode: () => 'enter-sends',

  attachments(editor): Attachments {
    if (editor.kind !== 'caption') return { images: 0, files: 0 };
    const scope = closestAny(editor.el, SELECTORS.mediaScope);
    if (!scope) return { images: 0, files: 0 };
    const images = countAttachmentImages(scope, editor.el);
    const files = scope.querySelectorAll('[data-icon*="document"], [data-icon*="doc-"]').length;
    return { images, files };
  },

  attachmentImages(editor) {
    if (editor.kind !== 'caption') return [];
    const scope = closestAny(editor.el, SELECTORS.mediaScope);
    return scope ? attachmentImageElements(scope, editor.el) : [];
  },

  chatTitle(editor) {
    const el = queryFirst(editor.el.ownerDocument, SELECTORS.title);
    const t = el?.getAttribute('title') || el?.textContent || '';
    return t.trim() || null;
  },
};
