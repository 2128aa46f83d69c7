// The training page's two chats: a WhatsApp-like and a Teams-like conversation, built as plain DOM so
// the send guard and the live hints attach to them exactly as on the real sites (adapter.ts). The
// compose box is a contenteditable that, like Lexical and CKEditor, models paste and replacement
// input itself — so "Mask and send" takes the same path here as there.
import type { SiteId } from '../../core/index.js';
import { readEditableText } from '../../sites/dom.js';
import { t } from '../../platform/ext.js';

export interface Chat {
  readonly site: SiteId;
  readonly root: HTMLElement;
  readonly editor: HTMLElement;
  /** Replace the draft (and the attached photo) with a scenario's. */
  insert(text: string, image?: { src: string; alt: string }): void;
  /** Press Enter in the compose box (the guard sees it like a person's Enter). */
  pressEnter(): void;
}

type Child = Node | string | null | undefined | false;

function el(doc: Document, tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c) e.append(c);
  return e;
}

function icon(doc: Document, d: string, size = 22): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

const SEND_ICON = 'M3.4 20.4 21 12 3.4 3.6 3.4 10.1 15.4 12 3.4 13.9Z';

function time(): string {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function initials(name: string): string {
  return name.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 2).toUpperCase();
}

/** The compose box's own input handling: plain text only, and synthetic paste/replacement applied as an editor would. */
function composeBox(doc: Document, placeholder: string, send: () => void): HTMLElement {
  const box = el(doc, 'div', {
    contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true', 'aria-label': placeholder,
    'data-placeholder': placeholder, 'data-training-editor': '', class: 'input', spellcheck: 'false',
  });
  const insertText = (text: string) => doc.execCommand('insertText', false, text);
  box.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing || e.keyCode === 229) return;
    if (e.shiftKey && !e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    send();
  });
  box.addEventListener('paste', (e) => {
    e.preventDefault();
    const text = e.clipboardData?.getData('text/plain');
    if (text) insertText(text);
  });
  box.addEventListener('beforeinput', (e) => {
    // Trusted typing is left to the browser; script-made replacements are applied like an editor would.
    if (e.isTrusted || (e.inputType !== 'insertReplacementText' && e.inputType !== 'insertText')) return;
    e.preventDefault();
    const [target] = e.getTargetRanges();
    if (target) {
      const r = doc.createRange();
      r.setStart(target.startContainer, target.startOffset);
      r.setEnd(target.endContainer, target.endOffset);
      const sel = doc.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(r);
    }
    insertText(e.dataTransfer?.getData('text/plain') ?? e.data ?? '');
  });
  const empty = () => box.classList.toggle('empty', readEditableText(box).trim() === '');
  box.addEventListener('input', empty);
  new MutationObserver(empty).observe(box, { childList: true, characterData: true, subtree: true });
  empty();
  return box;
}

export function createChat(doc: Document, site: SiteId): Chat {
  const wa = site === 'whatsapp';
  const title = wa ? t('trainingWaTitle') : t('trainingTeamsTitle');
  const messages = el(doc, 'div', { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-label': title });
  const attachments = el(doc, 'div', { class: 'attachments' });
  const editor = composeBox(doc, t('trainingPlaceholder'), () => send());
  const sendButton = el(doc, 'button', { type: 'button', class: 'send', 'data-training-send': '', 'aria-label': t('trainingSendLabel'), title: t('trainingSendLabel') }, icon(doc, SEND_ICON, wa ? 22 : 20));
  sendButton.addEventListener('click', () => send());

  const bubble = (mine: boolean, from: string, text: string, image?: { src: string; alt: string }) => {
    const body = el(doc, 'div', { class: 'text' }, text);
    const img = image ? el(doc, 'img', { src: image.src, alt: image.alt, class: 'photo' }) : null;
    const meta = el(doc, 'span', { class: 'meta' }, time(), mine && wa ? ' ✓✓' : '');
    const node = wa
      ? el(doc, 'div', { class: `bubble ${mine ? 'out' : 'in'}` }, !mine ? el(doc, 'div', { class: 'from' }, from) : null, img, text ? body : null, meta)
      : el(doc, 'div', { class: `post ${mine ? 'mine' : ''}` },
          !mine ? el(doc, 'div', { class: 'avatar', 'aria-hidden': 'true' }, initials(from)) : null,
          el(doc, 'div', { class: 'card' }, el(doc, 'div', { class: 'head' }, el(doc, 'b', {}, mine ? '' : from), meta), img, text ? body : null));
    if (mine) node.dataset['trainingSent'] = '';
    messages.append(node);
    messages.scrollTop = messages.scrollHeight;
  };

  const send = () => {
    const text = readEditableText(editor).trim();
    const photo = attachments.querySelector('img');
    if (!text && !photo) return;
    bubble(true, t('trainingYou'), text, photo ? { src: photo.getAttribute('src') ?? '', alt: photo.alt } : undefined);
    editor.replaceChildren();
    attachments.replaceChildren();
    editor.focus();
  };

  const header = wa
    ? el(doc, 'header', {},
        el(doc, 'div', { class: 'avatar group', 'aria-hidden': 'true' }, initials(title)),
        el(doc, 'div', {}, el(doc, 'div', { class: 'title', 'data-training-title': '' }, title), el(doc, 'div', { class: 'subtitle' }, t('trainingWaSubtitle'))))
    : el(doc, 'header', {},
        el(doc, 'div', { class: 'avatar group', 'aria-hidden': 'true' }, initials(title)),
        el(doc, 'div', { class: 'title', 'data-training-title': '' }, title));
  const footer = wa
    ? el(doc, 'footer', {}, attachments, el(doc, 'div', { class: 'row' }, editor, sendButton))
    : el(doc, 'footer', {}, el(doc, 'div', { class: 'compose' }, attachments, el(doc, 'div', { class: 'row' }, editor, sendButton)));
  const root = el(doc, 'section', { class: `chat ${wa ? 'wa' : 'tm'}`, 'data-training-chat': site }, header, messages, footer);

  if (wa) bubble(false, t('trainingWaFrom'), t('trainingWaIn'));
  else bubble(false, t('trainingTeamsFrom'), t('trainingTeamsIn'));

  return {
    site,
    root,
    editor,
    insert(text, image) {
      editor.focus();
      editor.textContent = text;
      attachments.replaceChildren();
      if (image) {
        const remove = el(doc, 'button', { type: 'button', class: 'remove', 'aria-label': t('trainingRemovePhoto'), title: t('trainingRemovePhoto') }, '×');
        remove.addEventListener('click', () => attachments.replaceChildren());
        attachments.append(el(doc, 'div', { class: 'attachment', 'data-training-attachment': '' }, el(doc, 'img', { src: image.src, alt: image.alt }), remove));
      }
      // Caret at the end, as after typing.
      const sel = doc.getSelection();
      const r = doc.createRange();
      r.selectNodeContents(editor);
      r.collapse(false);
      sel?.removeAllRanges();
      sel?.addRange(r);
    },
    pressEnter() {
      editor.focus();
      editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true, composed: true }));
    },
  };
}
