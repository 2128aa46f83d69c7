// The contract every messenger adapter fulfils. Adapters know the site's DOM (selectors live beside
// them and nowhere else); the send guard in src/content knows nothing about any one site.
import type { InactiveReason, SiteId } from '../shared/messages.js';

/** Which of the site's editors is being sent from (shown nowhere yet; used for the send-button mapping and tests). */
export type EditorKind = 'compose' | 'caption' | 'reply' | 'edit' | 'other';

export interface Editor {
  /** The editing host (the contenteditable root). */
  el: HTMLElement;
  kind: EditorKind;
}

/** What a send carries besides text. Images are read with OCR (issue 5, src/content/images.ts). */
export interface Attachments {
  images: number;
  files: number;
}

export interface ComposeScan {
  /** Compose boxes the adapter would guard right now. */
  boxes: number;
  /** When none: why, as far as the adapter can tell. */
  reason?: InactiveReason;
}

/** How the Enter key behaves in an editor right now (Teams' expanded box turns Enter into a paragraph). */
export type EnterMode = 'enter-sends' | 'enter-newline';

export interface SiteAdapter {
  readonly id: SiteId;
  /** Host names this adapter serves; manifest.json's match patterns must cover them (unit-tested). */
  readonly hosts: readonly string[];
  matches(location: { hostname: string }): boolean;
  /** Compose boxes in a document (for the status report). */
  findComposeBoxes(root: ParentNode): Editor[];
  /** Why no compose box was found (only called when findComposeBoxes returned none). */
  diagnose(root: Document): InactiveReason;
  /** The guarded editor an event happened in, or null (not an editor, or one that never sends, like search). */
  editorFromEvent(event: Event): Editor | null;
  /** The send button an event happened on, or null. Never the voice-message button. */
  sendButtonFromEvent(event: Event): HTMLElement | null;
  isSendButton(el: Element): boolean;
  isVoiceButton(el: Element): boolean;
  /** The editor whose content a send button sends. */
  editorForButton(button: HTMLElement): Editor | null;
  /** The draft as plain text: paragraphs and line breaks as "\n", no placeholder, no filler characters. */
  readDraft(editor: Editor): string;
  /** Whether a plain Enter sends in this editor right now. */
  enterMode(editor: Editor): EnterMode;
  /** Every keydown in a guarded editor passes here first, so an adapter can follow mode switches. */
  observeKey?(event: KeyboardEvent, editor: Editor): void;
  /** A send from this editor went out (passed the guard or was confirmed by the user). */
  noteSent?(editor: Editor): void;
  attachments(editor: Editor): Attachments;
  /**
   * The images a send from this editor carries, as <img> elements whose bytes the content script can
   * fetch (blob:/data: previews): WhatsApp's media editor, Teams' inline images (issue 5, OCR).
   */
  attachmentImages?(editor: Editor): HTMLImageElement[];
  /**
   * The text of the file chips a send from this editor carries (Teams' paperclip attachments show the
   * file name), so files chosen earlier can be matched to what is still attached. Undefined: unknown.
   */
  attachedFileLabels?(editor: Editor): string[];
  /** The open conversation's title, for the dialog ("Message to …"); null when unknown. */
  chatTitle(editor: Editor): string | null;
  /**
   * How long the editor takes to take over a DOM selection made by script, in ms (CKEditor 5 converts
   * it debounced, ~350 ms; Lexical on the next selectionchange). "Mask and send" waits this long.
   */
  readonly inputSettleMs?: number;
}
