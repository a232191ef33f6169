/** @module A node history event as the API shows it, short in lists and whole in detail. */
import { MINOR } from '../../versions.js'
import type { HistoryRecord } from './store.js'

/** The fields of a list entry (Ironic's `standard_fields`). */
export const STANDARD_FIELDS = ['uuid', 'created_at', 'severity', 'event'] as const

/** The fields of a detailed entry, in Ironic's order (`detail_fields`). */
export const DETAIL_FIELDS = [
  'uuid',
  'created_at',
  'severity',
  'event_type',
  'event',
  'conductor',
  'user',
  'project',
  'state',
  'target_provision_state',
  'duration_seconds',
] as const

/** The longest event a list entry shows whole; longer ones are cut to 251 characters + `...`. */
const MAX_EVENT = 255

/** Python's `s[0:251] + '...'` for text longer than 255 code points. */
function truncate(event: string): string {
  const chars = Array.from(event)
  return chars.length > MAX_EVENT ? `${chars.slice(0, MAX_EVENT - 4).join('')}...` : event
}

function hiddenAt(field: string, minor: number): boolean {
  if (field === 'project') return minor < MINOR.NODE_HISTORY_PROJECT
  if (field === 'state' || field === 'target_provision_state' || field === 'duration_seconds') {
    return minor < MINOR.NODE_HISTORY_FIELDS
  }
  return false
}

/** The detail fields shown at `minor` (also what the `next` link of a detailed list names). */
export function detailFields(minor: number): string[] {
  return DETAIL_FIELDS.filter((f) => !hiddenAt(f, minor))
}

/** One event with its self link (Ironic gives history events no bookmark link). */
export function historyView(
  e: HistoryRecord,
  opts: { base: string; nodeUuid: string; detail: boolean; minor: number },
): Record<string, unknown> {
  const row = e as unknown as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const field of opts.detail ? detailFields(opts.minor) : STANDARD_FIELDS) {
    out[field] = row[field] ?? null
  }
  if (!opts.detail) out.event = truncate(String(e.event ?? ''))
  out.links = [{ href: `${opts.base}/v1/nodes/${opts.nodeUuid}/history/${e.uuid}`, rel: 'self' }]
  return out
}
