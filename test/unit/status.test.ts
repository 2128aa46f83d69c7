// Per-tab protection status from frame reports.
import { describe, expect, it } from 'vitest';
import { mergeFrame, tabStatus } from '../../src/shared/status.js';
import type { FrameStatus } from '../../src/shared/messages.js';

const fr = (state: FrameStatus['state'], since: number, reason?: FrameStatus['reason']): FrameStatus => ({
  site: 'teams', state, since, boxes: state === 'active' ? 1 : 0, ...(reason ? { reason } : {}),
});

describe('tabStatus', () => {
  it('is active when any frame guards a compose box (app in an iframe)', () => {
    expect(tabStatus([fr('inactive', 1, 'app-not-recognised'), fr('active', 2)]).state).toBe('active');
  });
  it('is checking while a frame still looks', () => {
    expect(tabStatus([fr('inactive', 1, 'app-not-recognised'), fr('checking', 2)]).state).toBe('checking');
    expect(tabStatus([]).state).toBe('checking');
  });
  it('is inactive with the most specific reason', () => {
    expect(tabStatus([fr('inactive', 1, 'app-not-recognised'), fr('inactive', 2, 'editor-not-recognised')])).toMatchObject({
      state: 'inactive', reason: 'editor-not-recognised',
    });
  });
});

describe('mergeFrame', () => {
  it('a new top document drops the frames of the previous page', () => {
    let t = mergeFrame({}, 0, fr('active', 100));
    t = mergeFrame(t, 7, fr('active', 150));
    t = mergeFrame(t, 0, fr('checking', 500)); // navigation: a new top document
    expect(Object.keys(t)).toEqual(['0']);
    t = mergeFrame(t, 9, fr('active', 600));
    t = mergeFrame(t, 0, fr('inactive', 500, 'app-not-recognised')); // same top document reports again
    expect(Object.keys(t).sort()).toEqual(['0', '9']);
  });
});
