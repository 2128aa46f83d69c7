// The audit log's pure parts: the event model, what a content script may report, hour rounding,
// retention, CSV export, week counts, and the upload queue (batches, backoff, bound, drop counter).
// No I/O here: src/background/audit.ts stores and sends; tests run in Node.
//
// What an event can hold is fixed by its type and enforced by sanitizeReport(): enumerated values,
// detector type ids, the organisation's own rule ids and justification labels. There is no field
// that could carry what someone wrote — no text, no excerpt, no hash or length of the content.
import { DETECTOR_TYPES, isDetectorType, type DetectorType } from './types.js';
import type { Mode, Policy, SiteId } from './policy/policy.js';
import { SITE_IDS } from './policy/schema.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** What the person did with the warning. */
export const AUDIT_CHOICES = [
  /** Closed the dialog to change the message (also Escape; the only way out of a block). */
  'edited',
  /** Sent the message as it was (warnings only, where the policy offers it). */
  'sent_anyway',
  /** Said the finding is not sensitive ("report false alarm"). */
  'false_alarm',
  /** Let SendGuard mask the values and sent the masked message. */
  'redacted',
  /** Monitor mode: nobody was interrupted; the event records what enforce mode would have done. */
  'not_interrupted',
] as const;
export type AuditChoice = (typeof AUDIT_CHOICES)[number];

export type AuditAction = 'warn' | 'block';

/** The reason given for "Send anyway": one of the organisation's choices, or a typed one that is never stored. */
export type AuditJustification = { kind: 'choice'; label: string } | { kind: 'own' };

export interface AuditEvent {
  /** Random, not derived from anything: lets a server drop a batch it already received (retries). */
  id: string;
  /** Start of the hour in which it happened, ms since 1970 (UTC). Minutes and seconds are never kept. */
  hour: number;
  site: SiteId;
  /** Detector types that caused the warning, sorted. */
  types: DetectorType[];
  /** The organisation's own rules that matched ("custom.<id>", ids from the policy), sorted. */
  rules?: string[];
  /** What the dialog was: a warning or a block (monitor mode: what enforce mode would have done). */
  action: AuditAction;
  choice: AuditChoice;
  /** Only with "sent_anyway" when a reason was given. */
  justification?: AuditJustification;
  /** True when the message was held because checking it failed (fail closed), not because of a finding. */
  checkFailed?: true;
  /** enforce or monitor (training mode records nothing). */
  mode: Exclude<Mode, 'training'>;
  /** The organisation's policy label (policy "version"), when it has one. */
  policyVersion?: string;
}

/**
 * What a content script reports after a dialog (or a monitored send). Untrusted: sanitizeReport()
 * keeps only known values. A typed justification is reported as { kind: 'own' } and nothing else.
 */
export interface AuditReport {
  site: SiteId;
  types: DetectorType[];
  rules?: string[];
  action: AuditAction;
  choice: AuditChoice;
  justification?: { kind: 'choice'; index: number } | { kind: 'own' };
  checkFailed?: boolean;
}

export function hourOf(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

const isSite = (x: unknown): x is SiteId => typeof x === 'string' && (SITE_IDS as readonly string[]).includes(x);
const isChoice = (x: unknown): x is AuditChoice => typeof x === 'string' && (AUDIT_CHOICES as readonly string[]).includes(x);

/**
 * The event for a report, or null when the report is malformed or must not be recorded (training
 * mode). Everything is rebuilt from whitelisted values: rule ids must be rules of the policy,
 * justification labels come from the policy's list (by index), never from the report.
 */
export function eventFromReport(raw: unknown, policy: Policy, now: number, id: string): AuditEvent | null {
  if (policy.mode === 'training') return null;
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!isSite(r['site']) || !isChoice(r['choice'])) return null;
  if (r['action'] !== 'warn' && r['action'] !== 'block') return null;
  if (!Array.isArray(r['types'])) return null;
  const types = DETECTOR_TYPES.filter((t) => (r['types'] as unknown[]).includes(t));
  if ((r['types'] as unknown[]).some((t) => !isDetectorType(t))) return null;
  const known = new Set(policy.customRules.map((c) => `custom.${c.id}`));
  const rules = Array.isArray(r['rules']) ? [...new Set((r['rules'] as unknown[]).filter((x): x is string => typeof x === 'string' && known.has(x)))].sort() : [];
  const choice = r['choice'];
  // Monitor mode never interrupts: its only event is "not interrupted", and that exists only there.
  if ((policy.mode === 'monitor') !== (choice === 'not_interrupted')) return null;
  const event: AuditEvent = { id, hour: hourOf(now), site: r['site'], types, action: r['action'], choice, mode: policy.mode };
  if (rules.length) event.rules = rules;
  const j = r['justification'];
  if (choice === 'sent_anyway' && typeof j === 'object' && j !== null) {
    const kind = (j as { kind?: unknown }).kind;
    const index = (j as { index?: unknown }).index;
    const label = typeof index === 'number' ? policy.override.justificationChoices[index] : undefined;
    if (kind === 'choice' && label !== undefined) event.justification = { kind: 'choice', label };
    else if (kind === 'own') event.justification = { kind: 'own' };
  }
  if (r['checkFailed'] === true) event.checkFailed = true;
  if (policy.version) event.policyVersion = policy.version;
  return event;
}

/** The log holds at most this many entries, whatever the retention (oldest go first). */
export const LOG_LIMIT = 20_000;

/** Entries within the retention period (counted in whole hours from now), newest LOG_LIMIT at most. */
export function pruneLog(events: readonly AuditEvent[], now: number, retentionDays: number, limit = LOG_LIMIT): AuditEvent[] {
  const cutoff = hourOf(now) - retentionDays * DAY_MS;
  const kept = events.filter((e) => e.hour >= cutoff);
  return kept.length > limit ? kept.slice(kept.length - limit) : kept;
}

// ---- CSV ---------------------------------------------------------------------------------------

export const CSV_COLUMNS = ['time_utc', 'site', 'detector_types', 'custom_rules', 'action', 'choice', 'justification', 'mode', 'policy_version', 'check_failed'] as const;

/** A CSV cell (RFC 4180); cells a spreadsheet would run as a formula are prefixed with '. */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function isoHour(hour: number): string {
  return new Date(hour).toISOString().slice(0, 13) + ':00Z';
}

function justificationText(j: AuditJustification | undefined): string {
  if (!j) return '';
  return j.kind === 'own' ? '(own reason, not recorded)' : j.label;
}

/**
 * The log as CSV: UTF-8 with a byte-order mark (spreadsheets then read umlauts right), CRLF line
 * ends, one row per event, oldest first. Types and rules inside a cell are separated by spaces.
 */
export function toCsv(events: readonly AuditEvent[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const e of [...events].sort((a, b) => a.hour - b.hour)) {
    rows.push([
      isoHour(e.hour), e.site, e.types.join(' '), (e.rules ?? []).join(' '), e.action, e.choice,
      justificationText(e.justification), e.mode, e.policyVersion ?? '', e.checkFailed ? 'true' : '',
    ].map(cell).join(','));
  }
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}

// ---- week counts (popup) -----------------------------------------------------------------------

export interface AuditCounts {
  /** Dialogs shown (warnings and blocks). */
  warned: number;
  blocked: number;
  edited: number;
  sentAnyway: number;
  falseAlarms: number;
  redacted: number;
  /** Monitor mode: sends that enforce mode would have stopped. */
  notInterrupted: number;
}

/** Counts of events with hour >= since. */
export function countEvents(events: readonly AuditEvent[], since: number): AuditCounts {
  const c: AuditCounts = { warned: 0, blocked: 0, edited: 0, sentAnyway: 0, falseAlarms: 0, redacted: 0, notInterrupted: 0 };
  for (const e of events) {
    if (e.hour < since) continue;
    if (e.choice === 'not_interrupted') {
      c.notInterrupted++;
      continue;
    }
    if (e.action === 'block') c.blocked++;
    else c.warned++;
    if (e.choice === 'edited') c.edited++;
    else if (e.choice === 'sent_anyway') c.sentAnyway++;
    else if (e.choice === 'false_alarm') c.falseAlarms++;
    else if (e.choice === 'redacted') c.redacted++;
  }
  return c;
}

/**
 * Monday 00:00 of the week containing `now`, in the time zone whose offset from UTC is
 * `offsetMinutes` east (Date#getTimezoneOffset() is west: pass its negation).
 */
export function weekStart(now: number, offsetMinutes: number): number {
  const local = now + offsetMinutes * 60_000;
  const day = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const monday = day - ((day + 3) % 7);
  return monday * DAY_MS - offsetMinutes * 60_000;
}

// ---- upload queue ------------------------------------------------------------------------------

/** At most this many events wait for upload; beyond it the oldest are dropped (and counted). */
export const QUEUE_LIMIT = 2000;
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 6 * HOUR_MS;

export interface UploadQueue {
  events: AuditEvent[];
  /** Events dropped because the queue was full, not yet reported to the server (sent with the next batch). */
  dropped: number;
  /** Events dropped since the queue was created (shown on the options page). */
  droppedTotal: number;
  /** Failed attempts in a row (0 after a success). */
  failures: number;
  /** No upload before this time (ms); 0 = any time. */
  nextAt: number;
  /** Events delivered since the queue was created. */
  sentTotal: number;
  lastSuccessAt?: number;
  /** The last failure, as a short technical reason (HTTP status or "network"); no content. */
  lastError?: string;
}

export function emptyQueue(): UploadQueue {
  return { events: [], dropped: 0, droppedTotal: 0, failures: 0, nextAt: 0, sentTotal: 0 };
}

/** A stored queue, or a fresh one when what is stored is not one. */
export function readQueue(x: unknown): UploadQueue {
  if (typeof x !== 'object' || x === null || !Array.isArray((x as UploadQueue).events)) return emptyQueue();
  return { ...emptyQueue(), ...(x as UploadQueue) };
}

/** Add events; when more than `limit` wait, drop the oldest and count them. */
export function enqueue(q: UploadQueue, events: readonly AuditEvent[], limit = QUEUE_LIMIT): UploadQueue {
  const all = [...q.events, ...events];
  const over = Math.max(0, all.length - limit);
  return { ...q, events: all.slice(over), dropped: q.dropped + over, droppedTotal: q.droppedTotal + over };
}

/** The next batch to send (oldest first). */
export function takeBatch(q: UploadQueue, batchSize: number): AuditEvent[] {
  return q.events.slice(0, Math.max(1, batchSize));
}

/**
 * Whether to upload now: something waits, any backoff has passed, and either a full batch waits or
 * the scheduled (hourly) upload is due.
 */
export function uploadDue(q: UploadQueue, now: number, batchSize: number, scheduled: boolean): boolean {
  if (q.events.length === 0 || now < q.nextAt) return false;
  return scheduled || q.events.length >= batchSize;
}

/** Delay before attempt number `failures + 1`: exponential from 1 min to 6 h, with jitter (50–100 %). */
export function backoffMs(failures: number, random: number): number {
  const full = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(full * (0.5 + 0.5 * Math.min(1, Math.max(0, random))));
}

/** The server accepted the batch: remove exactly those events; the reported drop count starts again. */
export function uploadSucceeded(q: UploadQueue, batch: readonly AuditEvent[], now: number): UploadQueue {
  const sent = new Set(batch.map((e) => e.id));
  const rest = q.events.filter((e) => !sent.has(e.id));
  const { lastError: _ignored, ...base } = q;
  return { ...base, events: rest, dropped: 0, failures: 0, nextAt: 0, sentTotal: q.sentTotal + (q.events.length - rest.length), lastSuccessAt: now };
}

export function uploadFailed(q: UploadQueue, now: number, reason: string, random: number): UploadQueue {
  const failures = q.failures + 1;
  return { ...q, failures, nextAt: now + backoffMs(failures, random), lastError: reason.slice(0, 80) };
}

export const UPLOAD_FORMAT = 'sendguard-audit/1';

export interface UploadPayload {
  format: typeof UPLOAD_FORMAT;
  extensionVersion: string;
  /** Events lost since the last successful upload because the queue was full. */
  dropped: number;
  events: AuditEvent[];
}

/** The request body for a batch: the same events as in the local log, nothing else. */
export function uploadPayload(batch: readonly AuditEvent[], q: UploadQueue, extensionVersion: string): UploadPayload {
  return { format: UPLOAD_FORMAT, extensionVersion, dropped: q.dropped, events: [...batch] };
}
