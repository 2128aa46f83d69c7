// The popup's per-site view (issue 6): for each messenger, protection over all its open tabs — active,
// inactive with the reason, not open, or switched off by the policy. Pure (unit-tested).
import { isManagedPath, SITE_IDS, type Policy } from '../core/index.js';
import type { FrameStatus, SiteStates } from './messages.js';
import { tabStatus, type TabStatus } from './status.js';

export function siteStates(tabs: readonly TabStatus[], policy: Policy, managed: readonly string[]): SiteStates {
  const out = {} as SiteStates;
  for (const site of SITE_IDS) {
    if (policy.sites?.[site]?.enabled === false) {
      out[site] = { state: 'off', byOrg: isManagedPath(managed, `sites.${site}.enabled`) };
      continue;
    }
    const mine = tabs.filter((s) => s.site === site);
    if (mine.length === 0) {
      out[site] = { state: 'not-open' };
      continue;
    }
    // A site is protected when any of its tabs is; the tab-level rule does exactly that over frames.
    const all = tabStatus(mine.map((s): FrameStatus => ({ site, state: s.state, boxes: s.boxes, since: 0, ...(s.reason ? { reason: s.reason } : {}) })));
    out[site] = all.state === 'inactive'
      ? { state: 'inactive', tabs: mine.length, ...(all.reason ? { reason: all.reason } : {}) }
      : { state: all.state, tabs: mine.length };
  }
  return out;
}
