/**
 * @module A firmware component as the API shows it (Ironic's `firmware.convert_with_links`
 * through `object_to_dict`), and the query schema of the list (`api/schemas/v1/firmware.py`).
 */
import type { FirmwareComponentRecord } from '../../../db/repos/firmware.js'
import type { JsonSchema } from '../node-provision/jsonschema.js'

/** Fields shown by default. */
export const DEFAULT_FIELDS = [
  'component',
  'initial_version',
  'current_version',
  'last_version_flashed',
] as const

/** Fields that identify the hardware, shown (and asked for) from 1.114. */
export const IDENTITY_FIELDS = ['vendor', 'model', 'serial_number'] as const

/** What `?fields=` may name, in the schema's order (the identity fields at every version). */
const FIELD_CHOICES = [
  'created_at',
  'updated_at',
  ...DEFAULT_FIELDS,
  ...IDENTITY_FIELDS,
] as const

type Field = (typeof FIELD_CHOICES)[number]

/**
 * The query of `GET .../firmware` (≥1.86). Ironic converts `fields` to a list before checking it
 * but passes `detail` on as the query's string, which is never a boolean: any `detail` fails.
 */
export const QUERY_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    fields: { type: 'array', items: { enum: FIELD_CHOICES } },
    detail: { type: 'boolean' },
  },
  required: [],
  additionalProperties: false,
}

/**
 * A component: `created_at` and `updated_at` always, then the asked fields in their order.
 * @example firmwareView(row, DEFAULT_FIELDS) // { created_at, updated_at, component, ... }
 */
export function firmwareView(
  row: FirmwareComponentRecord,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { created_at: row.created_at, updated_at: row.updated_at }
  for (const field of fields) {
    if ((FIELD_CHOICES as readonly string[]).includes(field)) out[field] = row[field as Field]
  }
  return out
}
