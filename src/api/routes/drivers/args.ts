/**
 * @module Query arguments checked as Ironic's `common/args.py` checks them (`@args.validate`),
 * with its messages: unknown arguments, repeated ones, strings, booleans, integers, names.
 */
import { InvalidParameterValueError } from '../../../common/errors.js'
import type { Query } from '../../query.js'
import { pyRepr } from '../../../common/python-repr.js'

const LOGICAL_NAME = /^[A-Z0-9\-._~]+$/i
const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/
const TRUE_VALUES = ['1', 't', 'true', 'on', 'y', 'yes']
const FALSE_VALUES = ['0', 'f', 'false', 'off', 'n', 'no']
const ACCEPTABLE = [...TRUE_VALUES, ...FALSE_VALUES]
  .sort()
  .map((v) => `'${v}'`)
  .join(', ')

/** 400 "Unexpected arguments: a, b" for query arguments the endpoint does not take. */
export function checkArgs(query: Query, allowed: readonly string[]): void {
  const extra = Object.keys(query).filter((k) => !allowed.includes(k))
  if (extra.length > 0) {
    throw new InvalidParameterValueError(`Unexpected arguments: ${extra.join(', ')}`)
  }
}

/** Python's str() of what webob passes: the string, or the list of a repeated argument. */
function show(value: string | string[]): string {
  return Array.isArray(value) ? pyRepr(value) : value
}

/** A string argument; repeating it is an error, as in Ironic. */
export function stringArg(query: Query, name: string): string | undefined {
  const v = query[name]
  if (v === undefined) return undefined
  if (Array.isArray(v))
    throw new InvalidParameterValueError(`Expected string for ${name}: ${pyRepr(v)}`)
  return v
}

/** oslo's strict `bool_from_string` as `args.boolean` reports it. */
export function booleanArg(query: Query, name: string): boolean | undefined {
  const v = query[name]
  if (v === undefined) return undefined
  const text = show(v)
  const lowered = text.trim().toLowerCase()
  if (TRUE_VALUES.includes(lowered)) return true
  if (FALSE_VALUES.includes(lowered)) return false
  throw new InvalidParameterValueError(
    `Invalid ${name}: Unrecognized value '${text}', acceptable values are: ${ACCEPTABLE}`,
  )
}

/** An integer argument as Python's int() reads it. */
export function integerArg(query: Query, name: string): number | undefined {
  const v = query[name]
  if (v === undefined) return undefined
  if (Array.isArray(v) || !PY_INT.test(v)) {
    throw new InvalidParameterValueError(`Expected an integer for ${name}: ${show(v)}`)
  }
  return Number(v.replace(/_/g, '').trim())
}

/** True for Ironic's logical names (RFC 3986 unreserved characters, at most 255). */
export function isLogicalName(value: string): boolean {
  return value.length <= 255 && LOGICAL_NAME.test(value)
}

/** A logical-name argument (a query argument or a path segment). */
export function nameArg(value: string | string[] | undefined, name: string): string | undefined {
  if (value === undefined) return undefined
  if (Array.isArray(value) || !isLogicalName(value)) {
    throw new InvalidParameterValueError(`Expected name for ${name}: ${show(value)}`)
  }
  return value
}

/** A comma-separated list, lower-cased and without duplicates (`args.string_list`). */
export function stringListArg(query: Query, name: string): string[] | undefined {
  const v = stringArg(query, name)
  if (v === undefined) return undefined
  const items: string[] = []
  for (const part of v.split(',')) {
    const item = part.trim().toLowerCase()
    if (item !== '' && !items.includes(item)) items.push(item)
  }
  return items
}

/**
 * Keeps only the requested keys (and `links`) of an API object, after checking that each
 * requested key exists in it: Ironic's `check_for_invalid_fields` then `sanitize_dict`.
 */
export function selectFields(obj: Record<string, unknown>, fields: readonly string[] | undefined) {
  if (fields === undefined) return obj
  const invalid = fields.filter((f) => !(f in obj))
  if (invalid.length > 0) {
    throw new InvalidParameterValueError(`Field(s) "${invalid.join(', ')}" are not valid`)
  }
  for (const key of Object.keys(obj)) {
    if (key !== 'links' && !fields.includes(key)) delete obj[key]
  }
  return obj
}
