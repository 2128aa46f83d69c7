// The send guard: sees every way a message can be sent (Enter variants, send buttons) before the page
// does, reads the draft of the editor actually being sent, and decides synchronously.
//
// Why it works: the content script runs at document_start, so its window capture-phase listeners are
// registered before any of the page's (sites.md §4.3). A clean message is not touched at all: no
// preventDefault, no re-dispatch. A held message is stopped (preventDefault + stopImmediatePropagation)
// and the dialog opens; "Send anyway" replays the original trigger exactly once, with the guard
// standing aside for the duration of that synchronous dispatch.
import { analyze, type Policy, type Reason } from '../core/index.js';
import type { Attachments, Editor, SiteAdapter } from '../sites/index.js';
import { caretToEnd, editingHostOfEvent } from '../sites/dom.js';
import { groupFindings } from '../ui/format.js';
import { openDialog, openProgress, type DialogHandle, type ProgressHandle } from '../ui/dialog/mount.js';
import type { Justification } from '../ui/dialog/Dialog.js';
import { uiLanguage } from '../platform/ext.js';
import type { AuditChoice, AuditReport } from '../core/audit.js';
import { ocrFailureAnalysis } from '../core/ocr-text.js';
import { maskPlan, type MaskPlan } from './redact-plan.js';
import type { ImageCheck, ImageProgress, ImageReader } from './images.js';
import { applyMask } from './redact.js';
import {
  dialogExtras, failureVerdict, imageVerdict, isEnter, isImeKey, keySends, onFailure, siteEnabled, verdict, type DialogExtras, type Draft, type KeyInfo,
  type Verdict,
} from './logic.js';

/** How a send was triggered (a key on an editor or on a send button, or a click), to replay it the same way. */
type Trigger = { kind: 'key'; init: KeyboardEventInit; target: HTMLElement } | { kind: 'button'; button: HTMLElement };

type Hold = Extract<Verdict, { kind: 'hold' }>;

interface Pending {
  editor: Editor;
  draft: Draft;
  trigger: Trigger;
  verdict: Hold;
  dialog: DialogHandle | null;
  /** "Mask and send" for this draft (undefined: not worked out yet; null: not possible). */
  mask?: MaskPlan | null;
  /** An earlier "Mask and send" did not take: the dialog says so. */
  maskFailed?: boolean;
  /** The outcome of this dialog was reported (one audit event per dialog). */
  reported?: boolean;
  /** Issue 5: the send's images are being read; the send waits ("Checking image…" after a moment). */
  checking?: Checking;
  /** Issue 5: caption + image text as analysed (the dialog's excerpts are cut from it). */
  shown?: string;
  /** Issue 5: images read for this send, those that could not be, and files other than images (not read). */
  images?: { checked: number; failed: number; filesNotRead: number };
}

interface Checking {
  progress: ProgressHandle | null;
  timer?: ReturnType<typeof setTimeout>;
  last: ImageProgress;
}

/** Issue 6: what the guard tells its host page (content script or training page). */
export interface GuardOptions {
  /** Receives one report per dialog outcome and per monitored send: metadata only, never text. */
  audit?: (report: AuditReport) => void;
  /** Open the dialog's explanations at once (training page). */
  explain?: boolean;
  /**
   * Issue 5: reads the images a send carries (OCR, src/content/images.ts). Without it (training page)
   * images do not hold a send and the dialog says they were not checked.
   */
  images?: ImageReader;
}

/** "Checking image…" appears when reading takes longer than this (a ready result shows nothing). */
const PROGRESS_DELAY_MS = 200;

export interface Timing {
  /** Milliseconds spent in the guard for one send attempt (reading the draft + analysis + decision). */
  ms: number;
  chars: number;
  action: 'allow' | 'warn' | 'block';
}

const POINTER_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'] as const;
/** Events inside the dialog that the page must never see (it could act on Escape, steal focus, …). */
const DIALOG_PRIVATE_EVENTS = ['keyup', 'keypress', 'focusin', 'focusout', 'beforeinput', 'input', 'paste'] as const;
/** A held pointer gesture on a send button ends within this time (press → click). */
const GESTURE_MS = 1500;

function keyInfo(e: KeyboardEvent): KeyInfo {
  return {
    key: e.key, code: e.code, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey,
    isComposing: e.isComposing, keyCode: e.keyCode,
  };
}

function stop(event: Event): void {
  event.preventDefault();
  event.stopImmediatePropagation();
}

function isDisabled(el: HTMLElement): boolean {
  return (el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true';
}

export class SendGuard {
  private pending: Pending | null = null;
  /** True only while "Send anyway" (or a clean async result) replays a send: the guard stands aside. */
  private replaying = false;
  private held: { button: HTMLElement; at: number; timer?: ReturnType<typeof setTimeout> } | null = null;
  private cache: { el: HTMLElement; text: string; policy: Policy; verdict: Verdict } | null = null;
  readonly timings: Timing[] = [];

  constructor(
    private readonly adapter: SiteAdapter,
    private readonly policy: () => Policy,
    private readonly win: Window = window,
    private readonly options: GuardOptions = {},
  ) {}

  install(): void {
    const opts = { capture: true } as const;
    this.win.addEventListener('keydown', (e) => this.onKeydown(e), opts);
    for (const type of POINTER_EVENTS) this.win.addEventListener(type, (e) => this.onPointer(e), opts);
    for (const type of DIALOG_PRIVATE_EVENTS) {
      this.win.addEventListener(type, (e) => {
        if (this.pending?.dialog?.owns(e)) e.stopImmediatePropagation();
      }, opts);
    }
  }

  // ---- triggers -------------------------------------------------------------------------------

  private onKeydown(e: KeyboardEvent): void {
    const dialog = this.pending?.dialog;
    if (dialog?.owns(e)) {
      dialog.onKey(e);
      e.stopImmediatePropagation();
      return;
    }
    if (this.replaying) return;
    // Typing stays on the fast path: only Enter, Space on a button and modifier shortcuts are looked at.
    const key = keyInfo(e);
    const enter = isEnter(key);
    const space = e.key === ' ' && !(e.target instanceof HTMLElement && e.target.isContentEditable);
    if (!enter && !space && !e.ctrlKey && !e.metaKey) return;
    if (isImeKey(key)) return;
    const t0 = performance.now();
    let editor: Editor | null = null;
    const init: KeyboardEventInit = {
      key: e.key, code: e.code, keyCode: e.keyCode, location: e.location,
      shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey,
    };
    try {
      editor = this.adapter.editorFromEvent(e);
      if (!editor) {
        // Enter or Space on a focused send button (a div[role=button] may act on the key itself).
        const button = enter || space ? this.adapter.sendButtonFromEvent(e) : null;
        editor = button && !isDisabled(button) ? this.adapter.editorForButton(button) : null;
        if (button && editor) this.attempt(e, editor, { kind: 'key', init, target: button }, t0);
        return;
      }
      this.adapter.observeKey?.(e, editor);
      if (!keySends(key, this.adapter.enterMode(editor))) return;
      this.attempt(e, editor, { kind: 'key', init, target: editor.el }, t0);
    } catch {
      // Something in the guard broke on what may be a send: hold it rather than let it go unchecked.
      const host = editor?.el ?? editingHostOfEvent(e);
      if (enter && !e.shiftKey && host) this.failClosed(e, editor ?? { el: host, kind: 'other' }, { kind: 'key', init, target: host });
    }
  }

  private onPointer(e: Event): void {
    if (this.replaying || this.pending?.dialog?.owns(e)) return;
    if (e instanceof MouseEvent && e.button !== 0) return;
    const t0 = performance.now();
    let button: HTMLElement | null = null;
    let editor: Editor | null = null;
    try {
      button = this.adapter.sendButtonFromEvent(e);
      if (!button || isDisabled(button)) return;
      if (this.held && this.held.button === button && t0 - this.held.at < GESTURE_MS) {
        // The rest of a gesture whose press was held.
        stop(e);
        this.onHeldGestureEvent(e);
        return;
      }
      editor = this.adapter.editorForButton(button);
      // No editor belongs to this button (e.g. forwarding a message): there is no draft to check.
      if (!editor) return;
      this.attempt(e, editor, { kind: 'button', button }, t0);
    } catch {
      if (button && editor) this.failClosed(e, editor, { kind: 'button', button });
    }
  }

  // ---- decision -------------------------------------------------------------------------------

  /** A send is about to happen from `editor`: decide now, synchronously. */
  private attempt(e: Event, editor: Editor, trigger: Trigger, t0: number): void {
    if (this.pending) {
      // The dialog is open (or images are being checked) and the page still got a send in: keep holding.
      stop(e);
      if (this.pending.checking) this.showProgress(this.pending);
      else this.pending.dialog ??= this.showDialog(this.pending);
      return;
    }
    const draft: Draft = { text: this.adapter.readDraft(editor), ...this.adapter.attachments(editor) };
    const v = this.decide(editor, draft.text);
    this.record(t0, draft.text.length, v);
    // Issue 5: a send with images waits until they are read; caption and image text are judged together.
    const checking: Checking = { progress: null, last: { done: 0, total: Math.max(1, draft.images), fraction: 0 } };
    // WhatsApp's media editor always carries media: also when its preview is no <img> (captured files).
    const images = draft.images + draft.files > 0 || editor.kind === 'caption' ? this.checkImages(editor, draft, checking) : null;
    if (images) {
      stop(e);
      this.holdUntil(e, images, checking, editor, draft, trigger);
      return;
    }
    if (v.kind === 'allow') {
      if (trigger.kind === 'key' || e.type === 'click') {
        this.adapter.noteSent?.(editor);
        this.options.images?.sent();
        if (v.monitored) this.audit({ ...this.findingsReport(v.monitored.reasons), action: v.monitored.action, choice: 'not_interrupted' });
      }
      return;
    }
    stop(e);
    this.hold(e, { editor, draft, trigger, verdict: v, dialog: null });
  }

  private decide(editor: Editor, text: string): Verdict {
    const policy = this.policy();
    // The organisation switched protection off for this site.
    if (policy.sites?.[this.adapter.id]?.enabled === false) return { kind: 'allow' };
    const c = this.cache;
    if (c && c.el === editor.el && c.text === text && c.policy === policy) return c.verdict;
    const v = verdict({ text, images: 0, files: 0 }, policy, (t) => analyze(t, policy));
    // A failed check is not remembered: the next attempt checks again.
    this.cache = v.kind === 'hold' && v.failed ? null : { el: editor.el, text, policy, verdict: v };
    return v;
  }

  private record(t0: number, chars: number, v: Verdict): void {
    if (this.timings.length >= 500) this.timings.shift();
    this.timings.push({ ms: performance.now() - t0, chars, action: v.kind === 'allow' ? 'allow' : v.action });
  }

  private failClosed(e: Event, editor: Editor, trigger: Trigger): void {
    const policy = this.policy();
    // Switched off on this site, or monitor mode (onError as the mode makes it): the send goes out.
    const v = siteEnabled(policy, this.adapter.id) ? onFailure(policy) : { kind: 'allow' as const };
    if (v.kind === 'allow') return;
    stop(e);
    const text = safe(() => this.adapter.readDraft(editor), '');
    this.hold(e, { editor, draft: { text, images: 0, files: 0 }, trigger, verdict: v, dialog: null });
  }

  // ---- holding and the dialog -----------------------------------------------------------------

  private hold(e: Event, p: Pending): void {
    this.pending = p;
    if (p.trigger.kind === 'button' && e.type !== 'click') {
      // Pointer press on a send button: hold the whole gesture and open the dialog on its click,
      // or shortly after the release for pages that never produce one (e.g. the pointer left the button).
      this.held = { button: p.trigger.button, at: performance.now() };
      this.showDialogLater(GESTURE_MS);
      if (e.type === 'pointerup' || e.type === 'mouseup') this.onHeldGestureEvent(e);
      return;
    }
    p.dialog = this.showDialog(p);
  }

  private showDialogLater(ms: number): void {
    const held = this.held;
    if (!held) return;
    clearTimeout(held.timer);
    held.timer = setTimeout(() => {
      if (this.held === held) this.held = null;
      if (this.pending && !this.pending.dialog && !this.pending.checking) this.pending.dialog = this.showDialog(this.pending);
    }, ms);
  }

  private onHeldGestureEvent(e: Event): void {
    if (!this.held || !this.pending) return;
    if (this.pending.checking) {
      // The images of this send are being read: the rest of the gesture is swallowed, nothing opens.
      if (e.type === 'click') this.held = null;
      return;
    }
    if (e.type === 'click') {
      clearTimeout(this.held.timer);
      this.held = null;
      this.pending.dialog ??= this.showDialog(this.pending);
    } else if (e.type === 'pointerup' || e.type === 'mouseup') {
      this.showDialogLater(300);
    }
  }

  private showDialog(p: Pending): DialogHandle {
    const v = p.verdict;
    return openDialog(
      p.editor.el.ownerDocument,
      {
        action: v.action,
        sendAnyway: v.sendAnyway,
        failed: v.failed,
        groups: groupFindings(p.shown ?? p.draft.text, v.findings, v.reasons.map((r) => r.type)),
        chat: safe(() => this.adapter.chatTitle(p.editor), null),
        attachments: { images: p.draft.images, files: p.draft.files },
        ...(p.images ? { imageCheck: p.images } : {}),
        // Issue 4: the organisation's texts and link, custom rules' messages, a required justification.
        ...safe((): Partial<DialogExtras> => dialogExtras(v, this.policy(), uiLanguage()), {}),
        // Issue 6: explanations open on the training page and in training mode; "Mask and send" where
        // masking is enough.
        explain: this.options.explain === true || this.policy().mode === 'training',
        // Text in an image cannot be masked: no "Mask and send" when images were checked.
        mask: (p.mask ??= v.failed || p.shown !== undefined ? null : safe(() => this.planMask(p), null)) !== null,
        maskFailed: p.maskFailed === true,
      },
      {
        onEdit: () => this.edit(),
        onSendAnyway: (justification?: Justification) => this.sendAnyway(justification),
        onFalseAlarm: () => this.falseAlarm(),
        onMask: () => void this.maskAndSend(),
      },
    );
  }

  private planMask(p: Pending): MaskPlan | null {
    const policy = this.policy();
    return maskPlan(p.draft.text, p.verdict.findings, p.verdict.reasons, policy, (t) => analyze(t, policy));
  }

  /** "Edit message" / Escape: close, back to the same box, draft intact, caret at the end. */
  private edit(): void {
    const p = this.close();
    if (!p) return;
    this.report(p, 'edited');
    caretToEnd(p.editor.el);
  }

  /**
   * "Send anyway" (warn only): send the original message once, by replaying its trigger. With
   * override.requireJustification the dialog only calls this with a reason (for the audit log, issue 6).
   */
  private sendAnyway(justification?: Justification): void {
    const p = this.pending;
    if (p && dialogExtras(p.verdict, this.policy(), 'en').justification && !justification) return;
    this.close();
    if (!p || !p.verdict.sendAnyway) return;
    this.sendOriginal(p, 'sent_anyway', justification);
  }

  /** Send the held draft as it is: "Send anyway", or a false alarm where sending anyway is offered. */
  private sendOriginal(p: Pending, choice: AuditChoice, justification?: Justification): void {
    caretToEnd(p.editor.el);
    // The draft must still be the one the user saw in the dialog; otherwise check it afresh.
    if (this.adapter.readDraft(p.editor) !== p.draft.text) {
      this.report(p, 'edited');
      return;
    }
    this.report(p, choice, justification);
    this.replay(p.editor, p.trigger);
  }

  /**
   * "Not sensitive — report false alarm": counted (never with content). Where "Send anyway" is offered
   * the message goes out too; otherwise the dialog stays open and thanks the person.
   */
  private falseAlarm(): void {
    const p = this.pending;
    if (!p || p.reported) return;
    if (!p.verdict.sendAnyway) {
      this.report(p, 'false_alarm');
      return;
    }
    this.close();
    this.sendOriginal(p, 'false_alarm');
  }

  /**
   * "Mask and send": replace the values through the editor's own input path (redact.ts), read the
   * editor back, and send only a draft that is exactly the masked one and passes the check.
   */
  private async maskAndSend(): Promise<void> {
    const p = this.close();
    const plan = p?.mask;
    if (!p || !plan) return;
    caretToEnd(p.editor.el);
    // No other send while the editor is being changed.
    const busy: Pending = { ...p, dialog: null, reported: true };
    this.pending = busy;
    const ok = await applyMask(this.adapter, p.editor, p.draft.text, plan).catch(() => false);
    if (this.pending !== busy || busy.dialog) return;
    this.pending = null;
    const text = safe(() => this.adapter.readDraft(p.editor), '');
    const v = this.decide(p.editor, text);
    if (ok && text === plan.text && v.kind === 'allow') {
      this.report(p, 'redacted');
      this.replay(p.editor, p.trigger);
      return;
    }
    if (v.kind === 'allow') {
      // Changed, though not as planned, and clean now: nothing is sent without the person looking.
      this.report(p, 'edited');
      return;
    }
    const again: Pending = { editor: p.editor, draft: { ...p.draft, text }, trigger: p.trigger, verdict: v, dialog: null, mask: null, maskFailed: true };
    this.pending = again;
    again.dialog = this.showDialog(again);
  }

  // ---- audit (issue 6): metadata only -----------------------------------------------------------

  private findingsReport(reasons: readonly Reason[]): Pick<AuditReport, 'site' | 'types' | 'rules'> {
    const rules = [...new Set(reasons.flatMap((r) => (r.rule ? [r.rule] : [])))];
    return { site: this.adapter.id, types: [...new Set(reasons.map((r) => r.type))], ...(rules.length ? { rules } : {}) };
  }

  /** One report per dialog: what was found (types), the dialog's action and the person's choice. */
  private report(p: Pending, choice: AuditChoice, justification?: Justification): void {
    if (p.reported) return;
    p.reported = true;
    const v = p.verdict;
    this.audit({
      ...this.findingsReport(v.reasons),
      action: v.action,
      choice,
      ...(justification ? { justification } : {}),
      ...(v.failed ? { checkFailed: true } : {}),
    });
  }

  private audit(report: AuditReport): void {
    // Training mode records nothing (the background checks again).
    if (!this.options.audit || this.policy().mode === 'training') return;
    safe(() => this.options.audit!(report), undefined);
  }

  private close(): Pending | null {
    const p = this.pending;
    this.pending = null;
    if (p?.checking) clearTimeout(p.checking.timer);
    if (this.held) clearTimeout(this.held.timer);
    this.held = null;
    p?.dialog?.close();
    return p;
  }

  // ---- images (issue 5) ---------------------------------------------------------------------

  /**
   * The images of this send, being read: a promise of their text (or failures), or null when there is
   * nothing to read or images do not hold a send here (no reader, site switched off, monitor mode:
   * monitoring never interrupts a send).
   */
  private checkImages(editor: Editor, attachments: Attachments, checking: Checking): Promise<ImageCheck> | null {
    const reader = this.options.images;
    const policy = this.policy();
    if (!reader || !siteEnabled(policy, this.adapter.id) || policy.mode === 'monitor') return null;
    return safe(() => reader.check(this.adapter, editor, attachments.files, (p) => {
      checking.last = p;
      checking.progress?.update(p);
    }), null);
  }

  /**
   * Hold a send until its images are read. "Checking image…" with progress and Cancel appears after
   * a moment; a clean result re-triggers the send once; a finding or an unreadable image opens the
   * dialog. It never hangs: the reader settles every image within its deadline, as text or as failure.
   */
  private holdUntil(e: Event, work: Promise<ImageCheck>, checking: Checking, editor: Editor, draft: Draft, trigger: Trigger): void {
    const placeholder: Pending = { editor, draft, trigger, dialog: null, verdict: failureVerdict(this.policy()), checking };
    this.pending = placeholder;
    // A press on a send button: the rest of its gesture (release, click) is swallowed while checking.
    if (trigger.kind === 'button' && e.type !== 'click') this.held = { button: trigger.button, at: performance.now() };
    checking.timer = setTimeout(() => this.showProgress(placeholder), PROGRESS_DELAY_MS);
    work.then(
      (result) => this.imagesChecked(placeholder, result),
      () => this.imagesChecked(placeholder, { texts: [], failures: ['the image check failed'], images: Math.max(1, draft.images), fromCaptures: 0 }),
    );
  }

  private showProgress(p: Pending): void {
    const c = p.checking;
    if (!c || c.progress || this.pending !== p) return;
    clearTimeout(c.timer);
    c.progress = openProgress(p.editor.el.ownerDocument, c.last, () => this.cancelCheck());
    // Keys inside the panel (Escape, Tab) are routed to it like the dialog's.
    p.dialog = c.progress;
  }

  /** Cancel while images are read: back to the same box, draft intact, nothing sent. */
  private cancelCheck(): void {
    const p = this.close();
    if (!p) return;
    p.reported = true;
    caretToEnd(p.editor.el);
  }

  private imagesChecked(p: Pending, result: ImageCheck): void {
    // Cancelled meanwhile (or replaced): the result stays cached for the next attempt, nothing happens now.
    if (this.pending !== p || !p.checking) return;
    clearTimeout(p.checking.timer);
    p.checking.progress?.close();
    p.checking = undefined;
    p.dialog = null;
    if (this.held) clearTimeout(this.held.timer);
    this.held = null;
    const policy = this.policy();
    let out: ReturnType<typeof imageVerdict>;
    try {
      out = imageVerdict(p.draft.text, result.texts, result.failures, policy,
        (text, ocrFrom) => analyze(text, policy, { ocr: true, ocrFrom }), (reason) => ocrFailureAnalysis(policy, reason));
    } catch {
      out = { verdict: failureVerdict(policy), text: p.draft.text, failed: 0 };
    }
    if (out.verdict.kind === 'allow') {
      this.pending = null;
      // Sent once, unchanged: only the draft that was checked (an edited one is checked on its next send).
      if (safe(() => this.adapter.readDraft(p.editor), null) === p.draft.text) {
        const monitored = out.verdict.monitored;
        if (monitored) this.audit({ ...this.findingsReport(monitored.reasons), action: monitored.action, choice: 'not_interrupted' });
        this.replay(p.editor, p.trigger);
      }
      return;
    }
    p.verdict = out.verdict;
    p.shown = out.text;
    p.mask = null;
    p.images = { checked: result.images, failed: out.failed, filesNotRead: Math.max(0, p.draft.files - result.fromCaptures) };
    p.dialog = this.showDialog(p);
  }

  /** Replay a send exactly once: one synchronous dispatch during which the guard stands aside. */
  private replay(editor: Editor, trigger: Trigger): void {
    this.replaying = true;
    try {
      if (trigger.kind === 'key') {
        const target = trigger.target.isConnected ? trigger.target : editor.el;
        const init = { ...trigger.init, bubbles: true, cancelable: true, composed: true };
        const handled = !target.dispatchEvent(new KeyboardEvent('keydown', init));
        target.dispatchEvent(new KeyboardEvent('keyup', init));
        // A synthetic key has no default action: a native button the page did not handle itself is clicked.
        if (!handled && target !== editor.el) clickLikeAUser(target);
      } else {
        const button = trigger.button.isConnected ? trigger.button : this.sendButtonNear(editor);
        if (button) clickLikeAUser(button);
      }
      this.adapter.noteSent?.(editor);
      this.options.images?.sent();
    } finally {
      this.replaying = false;
    }
  }

  private sendButtonNear(editor: Editor): HTMLElement | null {
    for (let a = editor.el.parentElement; a; a = a.parentElement) {
      for (const b of a.querySelectorAll<HTMLElement>('button, [role="button"]')) {
        if (this.adapter.isSendButton(b) && this.adapter.editorForButton(b)?.el === editor.el) return b;
      }
    }
    return null;
  }

  /** Numbers only (no content): for the latency figure. */
  bench(): Timing[] {
    return [...this.timings];
  }
}

/** The event sequence of a real mouse click, so pages acting on press, release or click all see it. */
function clickLikeAUser(button: HTMLElement): void {
  const r = button.getBoundingClientRect();
  const base = {
    bubbles: true, cancelable: true, composed: true, button: 0,
    clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, view: button.ownerDocument.defaultView,
  };
  const pointer = { ...base, pointerId: 1, pointerType: 'mouse', isPrimary: true };
  button.dispatchEvent(new PointerEvent('pointerdown', { ...pointer, buttons: 1 }));
  button.dispatchEvent(new MouseEvent('mousedown', { ...base, buttons: 1 }));
  button.dispatchEvent(new PointerEvent('pointerup', { ...pointer, buttons: 0 }));
  button.dispatchEvent(new MouseEvent('mouseup', { ...base, buttons: 0 }));
  button.dispatchEvent(new MouseEvent('click', { ...base, buttons: 0, detail: 1 }));
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
