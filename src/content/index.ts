// Content script entry. Built as a standalone IIFE and run at document_start in every frame of the
// chat sites (scripts/build.mjs), so the guard's listeners are in place before the page's own.
import { analyze, defaultPolicy, type Policy } from '../core/index.js';
import { adapterFor } from '../sites/index.js';
import { isMessage, type ToBackground, type ToContent } from '../shared/messages.js';
import { onMessage, sendToBackground } from '../platform/ext.js';
import { SendGuard } from './guard.js';
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
  // Start with the strict defaults at once; the background's policy (managed policy, issue 4) replaces
  // it as soon as it arrives, and again whenever it changes.
  let policy: Policy = defaultPolicy();
  const guard = new SendGuard(adapter, () => policy);
  guard.install();

  const isPolicy = (p: unknown): p is Policy => typeof p === 'object' && p !== null && 'detectors' in p;
  void sendToBackground<Policy>({ type: 'getPolicy' } satisfies ToBackground).then((p) => {
    if (isPolicy(p)) policy = p;
  });
  onMessage((m) => {
    if (isMessage<Extract<ToContent, { type: 'policy' }>>(m, 'policy') && isPolicy(m.policy)) {
      policy = m.policy;
      return Promise.resolve(true);
    }
    // Only frames that saw sends answer (the first answer wins when a tab has several frames).
    if (isMessage<Extract<ToContent, { type: 'bench' }>>(m, 'bench') && guard.timings.length > 0) return Promise.resolve(guard.bench());
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
