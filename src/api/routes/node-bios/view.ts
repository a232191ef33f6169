/**
 * @module A BIOS setting as the API shows it (Ironic's `bios.convert_with_links` through
 * `object_to_dict`): `created_at`, `updated_at`, the asked fields, then `links`.
 */
import type { BiosSettingRecord } from '../../../db/repos/bios.js'
import { links } from '../../http.js'

/** Fields shown by default. */
export const DEFAULT_FIELDS = ['name', 'value'] as const

/** Fields shown with `detail=True`, and by `GET .../bios/{name}` from 1.74 (the registry). */
export const REGISTRY_FIELDS = [
  'name',
  'value',
  'attribute_type',
  'allowable_values',
  'lower_bound',
  'max_length',
  'min_length',
  'read_only',
  'reset_required',
  'unique',
  'upper_bound',
] as const

const BOOLEANS = new Set(['read_only', 'reset_required', 'unique'])
const INTEGERS = new Set(['lower_bound', 'max_length', 'min_length', 'upper_bound'])

/** One column as the API shows it: JSON decoded, 0/1 as booleans, bigints as numbers. */
function fieldValue(row: BiosSettingRecord, field: string): unknown {
  const raw = (row as unknown as Record<string, unknown>)[field]
  // a list-of-strings field shows None as []
  if (field === 'allowable_values') return raw ? (JSON.parse(String(raw)) as unknown) : []
  if (raw === null || raw === undefined) return null
  if (BOOLEANS.has(field)) return Boolean(raw)
  if (INTEGERS.has(field)) return Number(raw)
  return raw
}

/** What `object_to_dict` can read: the object's own fields (not `links` nor `node_uuid`). */
const READABLE: ReadonlySet<string> = new Set([...REGISTRY_FIELDS, 'created_at', 'updated_at'])

/**
 * A setting with its timestamps, `fields` and links to `nodes/<node>/bios/<name>`. Ironic fails
 * with 500 on `links` and `node_uuid` (not attributes of the object); Anvil leaves them out.
 */
export function biosView(
  row: BiosSettingRecord,
  opts: { base: string; node: string; fields: readonly string[] },
): Record<string, unknown> {
  const out: Record<string, unknown> = { created_at: row.created_at, updated_at: row.updated_at }
  for (const field of opts.fields) if (READABLE.has(field)) out[field] = fieldValue(row, field)
  out.links = links(opts.base, `nodes/${opts.node}/bios/${row.name}`)
  return out
}
