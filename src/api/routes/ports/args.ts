/**
 * @module Ironic's argument validators (`ironic/common/args.py`) with their exact messages,
 * shared by the port, portgroup and chassis resources: query parameters and body values.
 */
import { IronicError, InvalidParameterValueError, NotFoundError } from '../../../common/errors.js'
import { normalizeMac } from '../../../common/mac.js'
import { isUuidLike } from '../../../common/uuid.js'
import { param, type Query } from '../../query.js'

/** Ironic 21.4 (Debian bookworm) serves up to 1.82: below, we answer as it does. */
export const MAX_MINOR_21_4 = 82

const TRUE = ['1', 't', 'true', 'on', 'y', 'yes']
const FALSE = ['0', 'f', 'false', 'off', 'n', 'no']
const ACCEPTABLE = "'0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'"
const LOGICAL_NAME = /^[A-Z0-9\-._~]+$/i

/** oslo's `bool_from_string(strict=True)`: the boolean, or the error message. */
export function strictBool(value: unknown): boolean | string {
  if (typeof value === 'boolean') return value
  const v = String(value).trim().toLowerCase()
  if (TRUE.includes(v)) return true
  if (FALSE.includes(v)) return false
  return `Unrecognized value '${String(value)}', acceptable values are: ${ACCEPTABLE}`
}

/** Ironic's `utils.is_valid_logical_name` (RFC 3986 unreserved characters, at most 255). */
export function isLogicalName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 255 && LOGICAL_NAME.test(value)
}

/** `args.boolean`: "Invalid <name>: Unrecognized value ..." */
export function booleanArg(name: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined
  const b = strictBool(value)
  if (typeof b === 'string') throw new InvalidParameterValueError(`Invalid ${name}: ${b}`)
  return b
}

/** `args.uuid`: "Expected UUID for <name>: <value>" */
export function uuidArg(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (!isUuidLike(value)) {
    throw new InvalidParameterValueError(`Expected UUID for ${name}: ${String(value)}`)
  }
  return value
}

/** `args.uuid_or_name`: "Expected UUID or name for <name>: <value>" */
export function uuidOrNameArg(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (!isLogicalName(value) && !isUuidLike(value)) {
    throw new InvalidParameterValueError(`Expected UUID or name for ${name}: ${String(value)}`)
  }
  return value as string
}

/** `args.mac_address`: the normalized address, or "Expected valid MAC address for ..." */
export function macArg(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  const mac = normalizeMac(value)
  if (mac === undefined) {
    throw new InvalidParameterValueError(`Expected valid MAC address for ${name}: ${String(value)}`)
  }
  return mac
}

/** `args.integer` (Python's `int()` of a string). */
export function integerArg(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) {
    throw new InvalidParameterValueError(`Expected an integer for ${name}: ${value}`)
  }
  return Number(value.replaceAll('_', ''))
}

/** `args.string_list`: comma-separated, trimmed, lower-cased, without duplicates or blanks. */
export function stringListArg(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined
  const items: string[] = []
  for (const raw of value.split(',')) {
    const v = raw.trim().toLowerCase()
    if (v !== '' && !items.includes(v)) items.push(v)
  }
  return items
}

/** The query parameters of a request, last value winning, refusing unknown ones as pecan does. */
export function queryArgs(
  query: Query,
  allowed: readonly string[],
): Record<string, string | undefined> {
  const extra = Object.keys(query).filter((k) => !allowed.includes(k))
  if (extra.length > 0) {
    throw new InvalidParameterValueError(`Unexpected arguments: ${extra.join(', ')}`)
  }
  return Object.fromEntries(allowed.map((k) => [k, param(query, k)]))
}

/** Ironic's bare exception.NotFound (404 "Resource could not be found."). */
export function resourceNotFound(): NotFoundError {
  return new NotFoundError('Resource could not be found.')
}

/** 403 "Operation not permitted." (Ironic's OperationNotPermitted). */
export function operationNotPermitted(): IronicError {
  return new IronicError('Operation not permitted.', {
    code: 'OPERATION_NOT_PERMITTED',
    status: 403,
  })
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
}

/**
 * An error pecan raises before Ironic's code runs (`pecan.abort`). Ironic's body then reads
 * `{"code": 404, "title": "Not Found", "description": ""}` instead of the usual faultstring;
 * `details.pecan` marks it for the error handler.
 */
export function pecanAbort(status: 400 | 404 | 405, description = ''): IronicError {
  const title = TITLES[status] ?? ''
  return new IronicError(description || title, {
    code: 'PECAN_ABORT',
    status,
    details: { pecan: true, title, description },
  })
}
