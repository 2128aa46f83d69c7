// The popup's protection per site (src/shared/site-states.ts).
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/core/index.js';
import { siteStates } from '../../src/shared/site-states.js';

const policy = parsePolicy({}).policy;

describe('siteStates', () => {
  it('not open, active over several tabs, inactive with the most specific reason', () => {
    expect(siteStates([], policy, [])).toEqual({ whatsapp: { state: 'not-open' }, teams: { state: 'not-open' } });
    expect(siteStates([
      { state: 'inactive', site: 'whatsapp', reason: 'no-chat-open', boxes: 0 },
      { state: 'active', site: 'whatsapp', boxes: 1 },
      { state: 'inactive', site: 'teams', reason: 'app-not-recognised', boxes: 0 },
      { state: 'inactive', site: 'teams', reason: 'editor-not-recognised', boxes: 0 },
    ], policy, [])).toEqual({
      whatsapp: { state: 'active', tabs: 2 },
      teams: { state: 'inactive', tabs: 2, reason: 'editor-not-recognised' },
    });
  });

  it('a site switched off by the policy says so, and by whom', () => {
    const off = parsePolicy({ sites: { teams: { enabled: false } } }).policy;
    expect(siteStates([{ state: 'active', site: 'teams', boxes: 1 }], off, ['sites.teams.enabled']).teams).toEqual({ state: 'off', byOrg: true });
    expect(siteStates([], off, []).teams).toEqual({ state: 'off', byOrg: false });
  });
});
