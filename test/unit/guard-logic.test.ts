// The send guard's pure decisions: which keys send, and what an analysis means for a send.
import { describe, expect, it } from 'vitest';
import { failureVerdict, keySends, verdict, type KeyInfo } from '../../src/content/logic.js';
import { analyze, defaultPolicy, type Analysis, type Policy } from '../../src/core/index.js';

const key = (k: Partial<KeyInfo>): KeyInfo => ({
  key: 'Enter', code: 'Enter', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, isComposing: false, keyCode: 13, ...k,
});

describe('keySends', () => {
  const cases: [string, Partial<KeyInfo>, boolean, boolean][] = [
    // name, key, sends when Enter sends, sends in an expanded (Enter = paragraph) box
    ['Enter', {}, true, false],
    ['NumpadEnter', { code: 'NumpadEnter' }, true, false],
    ['Shift+Enter', { shiftKey: true }, false, false],
    ['Ctrl+Enter', { ctrlKey: true }, true, true],
    ['Cmd+Enter', { metaKey: true }, true, true],
    ['Ctrl+Shift+Enter', { ctrlKey: true, shiftKey: true }, true, true],
    ['Alt+Enter', { altKey: true }, true, false],
    ['IME commit (isComposing)', { isComposing: true }, false, false],
    ['IME commit (keyCode 229)', { keyCode: 229 }, false, false],
    ['IME Ctrl+Enter', { isComposing: true, ctrlKey: true }, false, false],
    ['a letter', { key: 'a', code: 'KeyA', keyCode: 65 }, false, false],
    ['Ctrl+Shift+X', { key: 'X', code: 'KeyX', keyCode: 88, ctrlKey: true, shiftKey: true }, false, false],
  ];
  for (const [name, k, compact, expanded] of cases) {
    it(`${name}: ${compact ? 'sends' : 'does not send'}; in the expanded box ${expanded ? 'sends' : 'does not send'}`, () => {
      expect(keySends(key(k), 'enter-sends')).toBe(compact);
      expect(keySends(key(k), 'enter-newline')).toBe(expanded);
    });
  }
});

describe('verdict', () => {
  const policy = defaultPolicy();
  const run = (t: string) => analyze(t, policy);
  const draft = (text: string) => ({ text, images: 0, files: 0 });

  it('lets an empty or whitespace draft through without running the engine', () => {
    const never = () => {
      throw new Error('must not run');
    };
    expect(verdict(draft(''), policy, never)).toEqual({ kind: 'allow' });
    expect(verdict({ text: ' \n ', images: 2, files: 0 }, policy, never)).toEqual({ kind: 'allow' });
  });

  it('allows a clean message', () => {
    expect(verdict(draft('Bis morgen um 10!'), policy, run)).toEqual({ kind: 'allow' });
  });

  it('warns on an IBAN (with "Send anyway") and blocks a card number (without)', () => {
    const w = verdict(draft('IBAN DE89 3704 0044 0532 0130 00'), policy, run);
    expect(w).toMatchObject({ kind: 'hold', action: 'warn', failed: false, sendAnyway: true });
    const b = verdict(draft('Karte 4111 1111 1111 1111'), policy, run);
    expect(b).toMatchObject({ kind: 'hold', action: 'block', failed: false, sendAnyway: false });
  });

  it('holds per onError when the engine throws or reports an error (fail closed)', () => {
    const boom = () => {
      throw new Error('boom');
    };
    expect(verdict(draft('hello'), policy, boom)).toMatchObject({ kind: 'hold', action: 'block', failed: true, sendAnyway: false });
    const lenient: Policy = { ...policy, onError: 'warn' };
    expect(verdict(draft('hello'), lenient, boom)).toMatchObject({ kind: 'hold', action: 'warn', failed: true, sendAnyway: true });
    const reported: Analysis = { findings: [], decision: { action: 'block', reasons: [] }, error: { recognizer: 'x', message: 'y' } };
    expect(verdict(draft('hello'), policy, () => reported)).toMatchObject({ kind: 'hold', action: 'block', failed: true });
  });

  it('treats an unexpected action as a block, never as a way to send', () => {
    const odd = { findings: [], decision: { action: 'maybe', reasons: [] } } as unknown as Analysis;
    expect(verdict(draft('hello'), policy, () => odd)).toMatchObject({ kind: 'hold', action: 'block', sendAnyway: false });
  });

  it('failureVerdict follows onError', () => {
    expect(failureVerdict(policy)).toMatchObject({ action: 'block', failed: true, sendAnyway: false });
  });
});
