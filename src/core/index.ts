// Public API of the engine.
export * from './types.js';
export { analyze, recognize, recognizersFor, buildContext, resolveOverlaps, type Analysis, type AnalyzeOptions } from './engine.js';
export { decide, actionFor, applyMode, overrideOffer, THRESHOLDS, type Decision, type Reason, type OverrideOffer } from './policy/decide.js';
export {
  parsePolicy,
  defaultPolicy,
  formatProblem,
  formatProblemIn,
  problemLang,
  problemTexts,
  effectiveAction,
  customRuleAction,
  DEFAULT_ACTIONS,
  type Policy,
  type PolicyProblem,
  type ParsedPolicy,
  type DetectorPolicy,
  type LocalizedTexts,
  type Mode,
  type SiteId,
} from './policy/policy.js';
export {
  PROBLEM_MESSAGES,
  FALLBACK_MESSAGES,
  PHRASES,
  placeholders,
  type ProblemCode,
  type FallbackCode,
  type PhraseCode,
  type ProblemLang,
  type ProblemParams,
} from './policy/problems.js';
export {
  POLICY_SCHEMA,
  LIMITS,
  MODES,
  SITE_IDS,
  DETECTOR_LABELS,
  managedSchema,
  managedSchemaJson,
  walkSchema,
  schemaNodeAt,
  type SchemaNode,
  type L10n,
  type MergeRule,
} from './policy/schema.js';
export {
  mergePolicies,
  mergeUnits,
  isManagedPath,
  strictStartupPolicy,
  resolvePolicyState,
  policyCacheEntry,
  type MergeResult,
  type PolicySource,
  type PolicyState,
  type PolicyCache,
  type PolicyInputs,
} from './policy/merge.js';
export { customRecognizers, compileCustomRule, type CustomRule } from './policy/custom-rules.js';
export {
  normalizeClientName,
  hashClientName,
  clientHashEntries,
  makeHashedClientMatcher,
  findHashedClientMentions,
  MAX_NAME_TOKENS,
  type ClientHashes,
  type ClientHashKind,
  type HashedClientMatcher,
  type HashedClientMention,
} from './policy/client-hash.js';
export { unwrapPolicyFile, type PolicyFileFormat, type UnwrapResult } from './policy/policy-file.js';
