/**
 * @module UUID helpers with oslo.utils' rules (`uuidutils.is_uuid_like`).
 */
import { randomUUID } from 'node:crypto'

const HEX32 = /^[0-9a-f]{32}$/

/** True when `value` parses as a UUID (dashes, braces, `urn:uuid:` and case are forgiven). */
export function isUuidLike(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const bare = value
    .toLowerCase()
    .replace(/^urn:/, '')
    .replace(/^uuid:/, '')
    .replace(/^\{(.*)\}$/, '$1')
  if (bare.includes('-') && !/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/.test(bare)) {
    return false
  }
  return HEX32.test(bare.replaceAll('-', ''))
}

export function newUuid(): string {
  return randomUUID()
}
