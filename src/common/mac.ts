/**
 * @module MAC address and OpenFlow datapath ID checks with oslo.utils' and Ironic's rules.
 */

/**
 * oslo's `netutils.is_valid_mac`: six colon-separated octets, any case. Python's `re.match`
 * with `$` also accepts one trailing newline, and so does this check.
 */
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}\n?$/

/** Ironic's `is_valid_datapath_id`: sixteen hexadecimal digits. */
const DATAPATH_ID = /^[0-9a-f]{16}\n?$/

/** True when `value` is a MAC address Ironic accepts. */
export function isValidMac(value: unknown): value is string {
  return typeof value === 'string' && MAC.test(value.toLowerCase())
}

/**
 * The normalized (lower-case) form of a valid MAC address, or undefined when it is not one
 * (Ironic's `validate_and_normalize_mac`).
 * @example normalizeMac('52:54:00:AB:CD:EF') // '52:54:00:ab:cd:ef'
 */
export function normalizeMac(value: unknown): string | undefined {
  return isValidMac(value) ? value.toLowerCase() : undefined
}

/**
 * The normalized (lower-case) form of an OpenFlow datapath ID, or undefined when it is not one
 * (Ironic's `validate_and_normalize_datapath_id`).
 */
export function normalizeDatapathId(value: unknown): string | undefined {
  return typeof value === 'string' && DATAPATH_ID.test(value.toLowerCase())
    ? value.toLowerCase()
    : undefined
}
