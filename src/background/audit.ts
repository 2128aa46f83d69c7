// The audit log in the service worker (issue 6): events from content scripts are checked again
// (eventFromReport keeps only known values), stamped with the hour and the policy version, kept in
// storage.local for the policy's retention, and — only when the policy names an endpoint — queued
// and sent in batches. Metadata only: there is no field for text, excerpts or hashes of content.
//
// Uploads: at most once an hour (alarm), or as soon as a full batch waits; a failure is retried with
// exponential backoff (1 min … 6 h, jittered); at most QUEUE_LIMIT events wait, the oldest are dropped
// first and the drop is counted and reported with the next batch. Without an endpoint there is no
// queue, no alarm and no request. The request is a plain CORS fetch (no host permission, no cookies,
// no redirects): the endpoint must allow the extension's origin (docs/admin/audit.md).
import {
  countEvents, emptyQueue, enqueue, eventFromReport, pruneLog, readQueue, takeBatch, uploadDue, uploadFailed, uploadPayload,
  uploadSucceeded, type AuditCounts, type AuditEvent,
} from '../core/audit.js';
import type { Policy } from '../core/index.js';
import type { AuditView } from '../shared/messages.js';
import { alarmAt, clearAlarm, ensureAlarm, extensionVersion, localGet, localRemove, localSet, onAlarm } from '../platform/ext.js';
import { onPolicyChange, policyState } from './policy.js';

const LOG_KEY = 'auditLog';
const QUEUE_KEY = 'auditQueue';
const UPLOAD_ALARM = 'sendguard-audit-upload';
const RETRY_ALARM = 'sendguard-audit-retry';
const UPLOAD_PERIOD_MIN = 60;
/** One upload run sends at most this many batches (the rest waits for the next run). */
const MAX_BATCHES_PER_RUN = 20;
const REQUEST_TIMEOUT_MS = 30_000;

// Writes to the log and the queue happen one after another (read-modify-write).
let chain: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = chain.then(fn, fn);
  chain = next.catch(() => undefined);
  return next;
}

async function policy(): Promise<Policy> {
  return (await policyState()).policy;
}

async function readLog(): Promise<AuditEvent[]> {
  const log = await localGet<unknown>(LOG_KEY);
  return Array.isArray(log) ? (log as AuditEvent[]) : [];
}

/** The log within the retention period; stored back when something expired. */
async function prunedLog(p: Policy): Promise<AuditEvent[]> {
  const log = await readLog();
  const kept = pruneLog(log, Date.now(), p.audit.retentionDays);
  if (kept.length !== log.length) await localSet(LOG_KEY, kept);
  return kept;
}

/** A content script's report: recorded when valid (and not in training mode). True when recorded. */
export function recordAudit(report: unknown): Promise<boolean> {
  return serial(async () => {
    const p = await policy();
    const event = eventFromReport(report, p, Date.now(), crypto.randomUUID());
    if (!event) return false;
    await localSet(LOG_KEY, pruneLog([...(await readLog()), event], Date.now(), p.audit.retentionDays));
    if (!p.audit.endpoint) return true;
    const q = enqueue(readQueue(await localGet(QUEUE_KEY)), [event]);
    await localSet(QUEUE_KEY, q);
    if (uploadDue(q, Date.now(), p.audit.batchSize, false)) void upload(false);
    return true;
  });
}

/** Send waiting batches now if due (`scheduled`: the hourly run, which also sends a partial batch). */
export function upload(scheduled: boolean): Promise<void> {
  return serial(async () => {
    const p = await policy();
    const endpoint = p.audit.endpoint;
    if (!endpoint) return;
    let q = readQueue(await localGet(QUEUE_KEY));
    for (let i = 0; i < MAX_BATCHES_PER_RUN && uploadDue(q, Date.now(), p.audit.batchSize, scheduled || i > 0); i++) {
      const batch = takeBatch(q, p.audit.batchSize);
      const failure = await post(endpoint, uploadPayload(batch, q, extensionVersion()));
      q = failure === null ? uploadSucceeded(q, batch, Date.now()) : uploadFailed(q, Date.now(), failure, Math.random());
      await localSet(QUEUE_KEY, q);
      if (failure !== null) {
        await alarmAt(RETRY_ALARM, q.nextAt);
        return;
      }
    }
  });
}

/** POST one batch; null on success, else a short reason (no content, no response body). */
async function post(endpoint: string, payload: unknown): Promise<string | null> {
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (e) {
    return e instanceof DOMException && e.name === 'TimeoutError' ? 'timeout' : 'network or CORS error';
  }
}

/** Alarms and queue follow the policy: no endpoint, no queue, no alarm. */
async function reconcile(p: Policy): Promise<void> {
  if (p.audit.endpoint) {
    await ensureAlarm(UPLOAD_ALARM, UPLOAD_PERIOD_MIN);
    return;
  }
  await clearAlarm(UPLOAD_ALARM);
  await clearAlarm(RETRY_ALARM);
  await serial(() => localRemove(QUEUE_KEY));
}

export async function auditView(): Promise<AuditView> {
  const p = await policy();
  const [events, q] = await Promise.all([serial(() => prunedLog(p)), localGet<unknown>(QUEUE_KEY).then(readQueue)]);
  const { events: pending, ...state } = p.audit.endpoint ? q : emptyQueue();
  return {
    events,
    retentionDays: p.audit.retentionDays,
    ...(p.audit.endpoint ? { endpoint: p.audit.endpoint } : {}),
    upload: {
      pending: pending.length, dropped: state.droppedTotal, sentTotal: state.sentTotal, failures: state.failures, nextAt: state.nextAt,
      ...(state.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
      ...(state.lastError ? { lastError: state.lastError } : {}),
    },
  };
}

export async function auditCounts(since: number): Promise<AuditCounts> {
  const p = await policy();
  return countEvents(await serial(() => prunedLog(p)), since);
}

/** Listeners first (synchronously, so an alarm wakes a stopped worker), then tidy up once per start. */
export function startAudit(): void {
  onAlarm((name) => {
    if (name === UPLOAD_ALARM || name === RETRY_ALARM) void upload(true);
  });
  onPolicyChange((s) => void reconcile(s.policy));
  void (async () => {
    const p = await policy();
    await serial(() => prunedLog(p));
    await reconcile(p);
    if (p.audit.endpoint) void upload(false);
  })();
}
