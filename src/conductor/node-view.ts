/**
 * @module A stored node row as drivers see it (JSON decoded, booleans as booleans), and driver
 * patches turned back into columns.
 */
import type { NodeRecord } from '../db/repos/nodes.js'
import type { JsonObject, NodePatch, NodeView } from '../drivers/types.js'

const JSON_FIELDS = [
  'driver_info', 'driver_internal_info', 'instance_info', 'properties', 'extra', 'raid_config',
  'target_raid_config', 'network_data',
] as const

function decode(text: string | null): JsonObject {
  if (!text) return {}
  const v = JSON.parse(text) as unknown
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {}
}

export function toNodeView(row: NodeRecord): NodeView {
  const view: Record<string, unknown> = { ...row }
  for (const f of JSON_FIELDS) view[f] = decode(row[f])
  view.maintenance = Boolean(row.maintenance)
  view.console_enabled = Boolean(row.console_enabled)
  view.secure_boot = row.secure_boot === null ? null : Boolean(row.secure_boot)
  return view as unknown as NodeView
}

/** Driver-visible field changes → column values. */
export function patchToColumns(patch: NodePatch): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(patch)) {
    if ((JSON_FIELDS as readonly string[]).includes(k)) out[k] = v === null ? null : JSON.stringify(v)
    else if (k === 'secure_boot') out[k] = v === null ? null : v ? 1 : 0
    else out[k] = v
  }
  return out
}
