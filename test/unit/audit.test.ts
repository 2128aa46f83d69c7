// The audit log's pure parts (src/core/audit.ts): what an event may hold, hour rounding, retention,
// CSV, week counts, and the upload queue (batches, backoff, bound, drop counter).
import { describe, expect, it } from 'vitest';
import {
  AUDIT_CHOICES, BACKOFF_MAX_MS, DAY_MS, HOUR_MS, QUEUE_LIMIT, backoffMs, countEvents, emptyQueue, enqueue, eventFromReport,
  hourOf, pruneLog, readQueue, takeBatch, toCsv, uploadDue, uploadFailed, uploadPayload, uploadSucceeded, weekStart,
  type AuditEvent,
} from '../../src/core/audit.js';
import { analyze, parsePolicy, type Policy } from '../../src/core/index.js';
import { verdict } from '../../src/content/logic.js';

const policy = (raw: Record<string, unknown> = {}): Policy => parsePolicy(raw).policy;
const NOW = Date.UTC(2026, 10, 23, 14, 37, 12, 345); // Monday 23 Nov 2026, 14:37:12 UTC

const report = (extra: Record<string, unknown> = {}) => ({ site: 'whatsapp', types: ['iban'], action: 'warn', choice: 'edited', ...extra });

function ev(hour: number, extra: Partial<AuditEvent> = {}): AuditEvent {
  return { id: `id-${hour}-${Math.random()}`, hour, site: 'teams', types: ['health'], action: 'warn', choice: 'edited', mode: 'enforce', ...extra };
}

describe('eventFromReport: only metadata, rebuilt from known values', () => {
  it('rounds the time down to the hour and stamps mode and policy version', () => {
    const e = eventFromReport(report(), policy({ version: '2026-11-a' }), NOW, 'x1');
    expect(e).toEqual({ id: 'x1', hour: Date.UTC(2026, 10, 23, 14), site: 'whatsapp', types: ['iban'], action: 'warn', choice: 'edited', mode: 'enforce', policyVersion: '2026-11-a' });
    expect(hourOf(NOW) % HOUR_MS).toBe(0);
  });

  it('drops any field it does not know, whatever a content script sends', () => {
    const e = eventFromReport(report({ text: 'Frau Yilmaz, Diagnose Depression', excerpt: 'DE89 3704', hash: 'abc', length: 42 }), policy(), NOW, 'x');
    expect(Object.keys(e!).sort()).toEqual(['action', 'choice', 'hour', 'id', 'mode', 'site', 'types']);
    expect(JSON.stringify(e)).not.toMatch(/Yilmaz|Depression|3704|"abc"|"length"/);
  });

  it('rejects unknown sites, types, actions and choices', () => {
    const p = policy();
    expect(eventFromReport(report({ site: 'slack' }), p, NOW, 'x')).toBeNull();
    expect(eventFromReport(report({ types: ['iban', 'Frau Yilmaz'] }), p, NOW, 'x')).toBeNull();
    expect(eventFromReport(report({ action: 'allow' }), p, NOW, 'x')).toBeNull();
    expect(eventFromReport(report({ choice: 'typed: hello' }), p, NOW, 'x')).toBeNull();
    expect(eventFromReport('text', p, NOW, 'x')).toBeNull();
    expect(eventFromReport(null, p, NOW, 'x')).toBeNull();
  });

  it('keeps only rule ids the policy has; types sorted in their canonical order, deduplicated', () => {
    const p = policy({ customRules: [{ id: 'falke', words: ['Projekt Falke'] }] });
    const e = eventFromReport(report({ types: ['custom', 'iban', 'health', 'iban'], rules: ['custom.falke', 'custom.Frau Yilmaz', 'custom.falke'] }), p, NOW, 'x');
    expect(e?.types).toEqual(['health', 'iban', 'custom']);
    expect(e?.rules).toEqual(['custom.falke']);
  });

  it('records a chosen justification by the policy\'s own label, a typed one only as "own"', () => {
    const p = policy({ override: { requireJustification: true, justificationChoices: ['Vom Mandanten gewünscht', 'Intern'] } });
    expect(eventFromReport(report({ choice: 'sent_anyway', justification: { kind: 'choice', index: 1 } }), p, NOW, 'x')?.justification).toEqual({ kind: 'choice', label: 'Intern' });
    const own = eventFromReport(report({ choice: 'sent_anyway', justification: { kind: 'own', text: 'Herr Peters wollte es so' } }), p, NOW, 'x');
    expect(own?.justification).toEqual({ kind: 'own' });
    expect(JSON.stringify(own)).not.toContain('Peters');
    // An index outside the list, or a label instead of an index, is not a choice.
    expect(eventFromReport(report({ choice: 'sent_anyway', justification: { kind: 'choice', index: 7 } }), p, NOW, 'x')?.justification).toBeUndefined();
    expect(eventFromReport(report({ choice: 'sent_anyway', justification: { kind: 'choice', label: 'free text' } }), p, NOW, 'x')?.justification).toBeUndefined();
    // Only "sent anyway" carries one.
    expect(eventFromReport(report({ choice: 'edited', justification: { kind: 'own' } }), p, NOW, 'x')?.justification).toBeUndefined();
  });

  it('training mode records nothing; monitor mode records only "not interrupted"', () => {
    expect(eventFromReport(report(), policy({ mode: 'training' }), NOW, 'x')).toBeNull();
    expect(eventFromReport(report(), policy({ mode: 'monitor' }), NOW, 'x')).toBeNull();
    expect(eventFromReport(report({ choice: 'not_interrupted' }), policy({ mode: 'monitor' }), NOW, 'x')?.mode).toBe('monitor');
    expect(eventFromReport(report({ choice: 'not_interrupted' }), policy(), NOW, 'x')).toBeNull();
  });

  it('keeps the fail-closed flag', () => {
    expect(eventFromReport(report({ types: [], action: 'block', checkFailed: true }), policy(), NOW, 'x')?.checkFailed).toBe(true);
  });
});

describe('retention', () => {
  it('keeps entries within retentionDays, counted from the current hour', () => {
    const h = hourOf(NOW);
    const events = [ev(h - 91 * DAY_MS), ev(h - 90 * DAY_MS), ev(h - 3 * HOUR_MS), ev(h)];
    expect(pruneLog(events, NOW, 90).map((e) => e.hour)).toEqual([h - 90 * DAY_MS, h - 3 * HOUR_MS, h]);
    expect(pruneLog(events, NOW, 1).map((e) => e.hour)).toEqual([h - 3 * HOUR_MS, h]);
  });

  it('never holds more than the limit (the oldest go)', () => {
    const events = Array.from({ length: 10 }, (_, i) => ev(hourOf(NOW) - (10 - i) * HOUR_MS));
    expect(pruneLog(events, NOW, 90, 4)).toEqual(events.slice(6));
  });
});

describe('CSV', () => {
  it('has a header, one row per event oldest first, UTF-8 BOM and CRLF', () => {
    const h = Date.UTC(2026, 10, 23, 14);
    const csv = toCsv([
      ev(h, { site: 'whatsapp', types: ['health', 'iban'], choice: 'sent_anyway', justification: { kind: 'choice', label: 'Vom Mandanten gewünscht, dringend' }, policyVersion: '2026-11-a' }),
      ev(h - HOUR_MS, { choice: 'false_alarm', rules: ['custom.falke'], action: 'block' }),
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('time_utc,site,detector_types,custom_rules,action,choice,justification,mode,policy_version,check_failed');
    expect(lines[1]).toBe('2026-11-23T13:00Z,teams,health,custom.falke,block,false_alarm,,enforce,,');
    expect(lines[2]).toBe('2026-11-23T14:00Z,whatsapp,health iban,,warn,sent_anyway,"Vom Mandanten gewünscht, dringend",enforce,2026-11-a,');
    expect(lines[3]).toBe('');
  });

  it('says a typed reason was not recorded, and defuses spreadsheet formulas in admin texts', () => {
    const h = hourOf(NOW);
    const csv = toCsv([
      ev(h, { choice: 'sent_anyway', justification: { kind: 'own' } }),
      ev(h, { choice: 'sent_anyway', justification: { kind: 'choice', label: '=HYPERLINK("x")' }, policyVersion: '+1' }),
    ]);
    expect(csv).toContain('(own reason, not recorded)');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(",'+1,");
  });
});

describe('week counts', () => {
  it('week starts on Monday 00:00 local time', () => {
    // Monday 23 Nov 2026 14:37 UTC: in Berlin (UTC+1) the week started Sunday 22 Nov 23:00 UTC.
    expect(weekStart(NOW, 60)).toBe(Date.UTC(2026, 10, 22, 23));
    expect(weekStart(NOW, 0)).toBe(Date.UTC(2026, 10, 23));
    // Sunday 29 Nov 2026 23:30 in Berlin is still the same week.
    expect(weekStart(Date.UTC(2026, 10, 29, 22, 30), 60)).toBe(Date.UTC(2026, 10, 22, 23));
    // New York (UTC-5): Monday 00:00 local = 05:00 UTC.
    expect(weekStart(NOW, -300)).toBe(Date.UTC(2026, 10, 23, 5));
  });

  it('counts dialogs and choices since a time', () => {
    const since = weekStart(NOW, 0);
    const events = [
      ev(since - HOUR_MS),
      ev(since, { choice: 'edited' }),
      ev(since, { choice: 'sent_anyway' }),
      ev(since, { choice: 'false_alarm', action: 'block' }),
      ev(since, { choice: 'redacted', action: 'block' }),
      ev(since, { choice: 'not_interrupted', mode: 'monitor' }),
    ];
    expect(countEvents(events, since)).toEqual({ warned: 2, blocked: 2, edited: 1, sentAnyway: 1, falseAlarms: 1, redacted: 1, notInterrupted: 1 });
  });
});

describe('upload queue', () => {
  const batch = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ev(hourOf(NOW), { id: `e${from + i}` }));

  it('is bounded: the oldest are dropped first and counted', () => {
    let q = enqueue(emptyQueue(), batch(3), 5);
    q = enqueue(q, batch(4, 3), 5);
    expect(q.events.map((e) => e.id)).toEqual(['e2', 'e3', 'e4', 'e5', 'e6']);
    expect(q.dropped).toBe(2);
    expect(q.droppedTotal).toBe(2);
    expect(enqueue(emptyQueue(), batch(QUEUE_LIMIT + 1)).events.length).toBe(QUEUE_LIMIT);
  });

  it('sends in batches, oldest first; a full batch goes at once, a partial one with the scheduled upload', () => {
    const q = enqueue(emptyQueue(), batch(5));
    expect(takeBatch(q, 2).map((e) => e.id)).toEqual(['e0', 'e1']);
    expect(uploadDue(q, NOW, 5, false)).toBe(true);
    expect(uploadDue(q, NOW, 50, false)).toBe(false);
    expect(uploadDue(q, NOW, 50, true)).toBe(true);
    expect(uploadDue(emptyQueue(), NOW, 1, true)).toBe(false);
  });

  it('retries with exponential backoff and jitter, up to 6 hours', () => {
    expect(backoffMs(1, 1)).toBe(60_000);
    expect(backoffMs(1, 0)).toBe(30_000);
    expect(backoffMs(2, 1)).toBe(120_000);
    expect(backoffMs(5, 1)).toBe(16 * 60_000);
    expect(backoffMs(30, 1)).toBe(BACKOFF_MAX_MS);
    let q = enqueue(emptyQueue(), batch(3));
    q = uploadFailed(q, NOW, 'HTTP 503', 1);
    expect(q).toMatchObject({ failures: 1, nextAt: NOW + 60_000, lastError: 'HTTP 503' });
    expect(uploadDue(q, NOW + 59_999, 1, true)).toBe(false);
    expect(uploadDue(q, NOW + 60_000, 1, true)).toBe(true);
    q = uploadFailed(q, NOW + 60_000, 'network', 1);
    expect(q.nextAt).toBe(NOW + 60_000 + 120_000);
  });

  it('a success removes exactly the sent events, resets backoff and the reported drop count', () => {
    let q = enqueue(emptyQueue(), batch(4), 3);
    q = uploadFailed(q, NOW, 'HTTP 500', 0.5);
    const sent = takeBatch(q, 2);
    const payload = uploadPayload(sent, q, '0.1.0');
    expect(payload).toEqual({ format: 'sendguard-audit/1', extensionVersion: '0.1.0', dropped: 1, events: sent });
    // An event added meanwhile stays queued.
    q = enqueue(q, batch(1, 10));
    q = uploadSucceeded(q, sent, NOW + 1000);
    expect(q.events.map((e) => e.id)).toEqual(['e3', 'e10']);
    expect(q).toMatchObject({ failures: 0, nextAt: 0, dropped: 0, droppedTotal: 1, sentTotal: 2, lastSuccessAt: NOW + 1000 });
    expect(q.lastError).toBeUndefined();
  });

  it('reads whatever is stored defensively', () => {
    expect(readQueue(undefined)).toEqual(emptyQueue());
    expect(readQueue({ events: 'x' })).toEqual(emptyQueue());
    expect(readQueue({ events: [], dropped: 3 }).dropped).toBe(3);
  });
});

describe('the event model has no room for content', () => {
  it('every choice is a fixed word', () => {
    expect(AUDIT_CHOICES).toEqual(['edited', 'sent_anyway', 'false_alarm', 'redacted', 'not_interrupted']);
  });
});

describe('monitor mode', () => {
  it('lets the message through and says what enforce mode would have done (the guard reports it as "not interrupted")', () => {
    const p = policy({ mode: 'monitor' });
    const v = verdict({ text: 'Meine Karte: 4111 1111 1111 1111', images: 0, files: 0 }, p, (t) => analyze(t, p));
    expect(v.kind).toBe('allow');
    expect(v.kind === 'allow' ? [v.monitored?.action, v.monitored?.reasons.map((r) => r.type)] : null).toEqual(['block', ['credit_card']]);
    const clean = verdict({ text: 'Bis morgen!', images: 0, files: 0 }, p, (t) => analyze(t, p));
    expect(clean).toEqual({ kind: 'allow' });
  });
});
