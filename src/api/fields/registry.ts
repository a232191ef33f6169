/**
 * @module The field registry: for each API resource, every field, the microversion that
 * introduced it, how it is stored and whether it can be sorted on or patched. Serialization,
 * `fields=` checks, sort keys and PATCH rules all read this one table.
 */

/** How a field's value is stored and shown. */
export type FieldKind = 'string' | 'bool' | 'json' | 'int' | 'time' | 'computed'

export interface FieldSpec {
  readonly name: string
  /** Minor version of API v1 that introduced the field (1 when always present). */
  readonly since: number
  readonly kind: FieldKind
  /** Sortable with `sort_key` (JSON fields never are). */
  readonly sortable: boolean
  /** May be changed with PATCH. */
  readonly patchable: boolean
  /** Value shown when the column is NULL for JSON fields ({} or [] or null). */
  readonly emptyJson?: unknown
}

export interface ResourceFields {
  readonly resource: string
  readonly all: readonly FieldSpec[]
  readonly byName: ReadonlyMap<string, FieldSpec>
  /** Fields returned by a plain (non-detail) list. */
  readonly listDefault: readonly string[]
}

type FieldOptions = Partial<Omit<FieldSpec, 'name' | 'kind'>>

/** Shorthand used by the resource tables. */
export function field(name: string, kind: FieldKind, opts: FieldOptions = {}): FieldSpec {
  return {
    name,
    kind,
    since: opts.since ?? 1,
    sortable: opts.sortable ?? (kind !== 'json' && kind !== 'computed'),
    patchable: opts.patchable ?? false,
    ...(opts.emptyJson !== undefined ? { emptyJson: opts.emptyJson } : {}),
  }
}

export function defineFields(
  resource: string,
  all: readonly FieldSpec[],
  listDefault: readonly string[],
): ResourceFields {
  return { resource, all, byName: new Map(all.map((f) => [f.name, f])), listDefault }
}

/** The fields visible at a minor version (cached per version: this runs on every request). */
export function visibleFields(fields: ResourceFields, minor: number): readonly FieldSpec[] {
  let cache = visibleCache.get(fields)
  if (!cache) visibleCache.set(fields, (cache = new Map()))
  let list = cache.get(minor)
  if (!list) cache.set(minor, (list = fields.all.filter((f) => f.since <= minor)))
  return list
}
const visibleCache = new WeakMap<ResourceFields, Map<number, readonly FieldSpec[]>>()

/** True when the field exists at this minor version. */
export function isVisible(fields: ResourceFields, name: string, minor: number): boolean {
  const spec = fields.byName.get(name)
  return spec !== undefined && spec.since <= minor
}
