// Public API of the engine.
export * from './types.js';
export { analyze, recognize, buildContext, resolveOverlaps, type Analysis, type AnalyzeOptions } from './engine.js';
export { decide, THRESHOLDS, type Decision, type Reason } from './policy/decide.js';
export { parsePolicy, defaultPolicy, formatProblem, DEFAULT_ACTIONS, type Policy, type PolicyProblem, type ParsedPolicy } from './policy/policy.js';
