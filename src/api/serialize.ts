/**
 * @module Row → API object for any resource described in the field registry. Stored JSON
 * text is parsed, 0/1 booleans become booleans, and only the fields visible at the request's
 * microversion (and named in `fields=`, if given) are kept.
 */
import type { FieldSpec, ResourceFields } from './fields/registry.js'
import { visibleFields } from './fields/registry.js'

export type ApiObject = Record<string, unknown>

export function parseJson(text: unknown, empty: unknown): unknown {
  if (text === null || text === undefined || text === '') return cloneEmpty(empty)
  if (typeof text !== 'string') return text
  return JSON.parse(text)
}

function cloneEmpty(empty: unknown): unknown {
  if (Array.isArray(empty)) return []
  if (empty !== null && typeof empty === 'object') return {}
  return empty ?? null
}

/** The value of one stored column as the API shows it. */
export function columnValue(spec: FieldSpec, raw: unknown): unknown {
  switch (spec.kind) {
    case 'json':
      return parseJson(raw, spec.emptyJson ?? null)
    case 'bool':
      return raw === null || raw === undefined ? null : Boolean(raw)
    default:
      return raw ?? null
  }
}

/**
 * Builds the API object of a row.
 * @param computed values of the registry's `computed` fields (chassis_uuid, traits, ...)
 * @param selected the names from `fields=`, or undefined for all visible fields
 */
export function serializeRow(
  fields: ResourceFields,
  row: Record<string, unknown>,
  minor: number,
  computed: Record<string, unknown>,
  selected: readonly string[] | undefined,
  optIn: ReadonlySet<string> = EMPTY,
): ApiObject {
  const out: ApiObject = {}
  if (selected) {
    for (const name of selected) {
      const spec = fields.byName.get(name)
      if (!spec) continue
      out[name] = spec.kind === 'computed' ? (computed[name] ?? null) : columnValue(spec, row[name])
    }
    return out
  }
  for (const spec of visibleFields(fields, minor)) {
    if (optIn.has(spec.name)) continue
    out[spec.name] =
      spec.kind === 'computed' ? (computed[spec.name] ?? null) : columnValue(spec, row[spec.name])
  }
  return out
}
const EMPTY: ReadonlySet<string> = new Set()
