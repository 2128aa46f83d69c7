// Policy files as admins hold them: the bare policy object, Chrome's/Edge's policy JSON
// ({"3rdparty": {"extensions": {"<id>": {...}}}}, as in /etc/opt/chrome/policies/managed) or
// Firefox's policies.json ({"policies": {"3rdparty": {"Extensions": {"<id>": {...}}}}}).
// `sendguard policy check` and `sendguard scan --policy` accept all three.

export type PolicyFileFormat = 'policy' | 'chrome' | 'firefox';

export type UnwrapResult =
  | { ok: true; policy: unknown; format: PolicyFileFormat; extensionId?: string }
  | { ok: false; message: string };

function obj(x: unknown): Record<string, unknown> | undefined {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}

/** A key of `o` equal to `name` ignoring case ("extensions" / "Extensions"). */
function key(o: Record<string, unknown>, name: string): unknown {
  const k = Object.keys(o).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : o[k];
}

/**
 * Take SendGuard's policy out of a browser policy file. `id`: the extension id asked for (an error if
 * the file has none for it); else SendGuard's `knownIds`; else the only extension in the file.
 */
export function unwrapPolicyFile(json: unknown, options: { id?: string; knownIds?: readonly string[] } = {}): UnwrapResult {
  const top = obj(json);
  if (!top) return { ok: true, policy: json, format: 'policy' };
  const firefox = obj(key(top, 'policies'));
  const third = obj(key(firefox ?? top, '3rdparty'));
  if (!firefox && !third) return { ok: true, policy: json, format: 'policy' };
  const format: PolicyFileFormat = firefox ? 'firefox' : 'chrome';
  const where = firefox ? 'policies.3rdparty.Extensions' : '3rdparty.extensions';
  if (!third) return { ok: false, message: `has no "3rdparty" section under "policies", so it holds no extension policy` };
  const exts = obj(key(third, 'extensions'));
  if (!exts) return { ok: false, message: `has no "${where}" object` };
  const ids = Object.keys(exts);
  if (ids.length === 0) return { ok: false, message: `"${where}" is empty` };
  if (options.id !== undefined && !ids.includes(options.id)) {
    return { ok: false, message: `"${where}" has no policy for extension ${options.id} (it has: ${ids.join(', ')})` };
  }
  const id = options.id ?? (options.knownIds ?? []).find((k) => ids.includes(k)) ?? (ids.length === 1 ? ids[0]! : undefined);
  if (id === undefined) {
    return { ok: false, message: `"${where}" holds policies for ${ids.length} extensions (${ids.join(', ')}); choose one with --id` };
  }
  return { ok: true, policy: exts[id], format, extensionId: id };
}
