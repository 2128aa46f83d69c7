// Content script entry. Built as a standalone IIFE and run at document_start in every frame of the
// chat sites (scripts/build.mjs), so the guard's listeners are in place before the page's own.
import { analyze, defaultPolicy, type Policy, type PolicyState } from '../core/index.js';
import { adapterFor } from '../sites/index.js';
import { isMessage, type OcrReply, type ToBackground, type ToContent } from '../shared/messages.js';
import { onMessage, sendToBackground } from '../platform/ext.js';
import { SendGuard } from './guard.js';
import { ImageReader } from './images.js';
import { LiveHints } from './hints.js';
import { watchStatus } from './status.js';

function siteHost(): string {
  // about:blank / srcdoc frames inherit their creator's origin (match_about_blank, match_origin_as_fallback).
  if (location.hostname) return location.hostname;
  try {
    return new URL(self.origin).hostname;
  } catch {
    return '';
  }
}

const adapter = adapterFor({ hostname: siteHost() });
if (adapter) {
  // Start with the strict defaults at once (never looser: a managed policy may exist that this frame
  // does not know yet). The background's PolicyState (issue 4: managed policy, cache, the user's
  // options) replaces it as soon as it answers, and again whenever it changes. No send waits for it:
  // the defaults already warn or block everything the defaults protect.
  let policy: Policy = defaultPolicy();
  // Issue 6: each dialog's outcome goes to the audit log as metadata (the background checks it again).
  // Issue 5: images are read in the extension's offscreen document (through the background).
  const images = new ImageReader((id, image) => sendToBackground<OcrReply>({ type: 'ocr', id, image } satisfies ToBackground));
  images.install(window);
  const guard = new SendGuard(adapter, () => policy, window, {
    audit: (report) => void sendToBackground({ type: 'audit', report } satisfies ToBackground),
    images,
  });
  guard.install();
  const hints = new LiveHints(adapter, () => policy);
  hints.install();

  const isState = (s: unknown): s is PolicyState =>
    typeof s === 'object' && s !== null && typeof (s as PolicyState).policy === 'object' && (s as PolicyState).policy !== null && 'detectors' in (s as PolicyState).policy;
  // A push that arrives before the answer to getPolicy is newer: the answer must not overwrite it.
  let pushed = false;
  void sendToBackground<PolicyState>({ type: 'getPolicy' } satisfies ToBackground).then((s) => {
    if (isState(s) && !pushed) policy = s.policy;
  });
  onMessage((m) => {
    if (isMessage<Extract<ToContent, { type: 'policy' }>>(m, 'policy') && isState(m.state)) {
      pushed = true;
      policy = m.state.policy;
      hints.refresh();
      return Promise.resolve(true);
    }
    if (isMessage<Extract<ToContent, { type: 'ocrProgress' }>>(m, 'ocrProgress')) {
      images.onProgress(String(m.id), String(m.status), Number(m.progress));
      return undefined;
    }
    // Only frames that saw sends answer (the first answer wins when a tab has several frames).
    if (isMessage<Extract<ToContent, { type: 'bench' }>>(m, 'bench') && guard.timings.length > 0) return Promise.resolve(guard.bench());
    if (isMessage<Extract<ToContent, { type: 'benchHints' }>>(m, 'benchHints') && hints.timings.length > 0) return Promise.resolve([...hints.timings]);
    return undefined;
  });

  // The engine's first run compiles patterns and builds lexicon tables (tens of ms): do it while the
  // page is idle, not in the first send's keydown handler.
  const warmUp = () => analyze('SendGuard warm-up: DE00 0000 0000 0000 0000 00, Diagnose, 0171 0000000', policy);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warmUp, { timeout: 3000 });
  else setTimeout(warmUp, 1000);

  watchStatus(adapter, document, (status) => {
    void sendToBackground({ type: 'status', status } satisfies ToBackground);
  });
}
