/**
 * @module Parsing of the query parameters every collection shares (`limit`, `marker`,
 * `sort_key`, `sort_dir`, `fields`, `detail`) and of typed filter values.
 */
import {
  ClientSideError,
  InvalidParameterValueError,
  NotAcceptableError,
} from '../common/errors.js'
import { isUuidLike } from '../common/uuid.js'
import { type ResourceFields, isVisible } from './fields/registry.js'
import { MINOR } from './versions.js'

export type Query = Record<string, string | string[] | undefined>

/** A request not acceptable at this version (Ironic's bare NotAcceptable). */
export function notAcceptable(minVersion?: number): NotAcceptableError {
  return new NotAcceptableError(
    minVersion === undefined
      ? 'Request not acceptable.'
      : `Request not acceptable. The minimal required API version should be 1.${minVersion}`,
  )
}

/** 400 "Unexpected arguments: a, b" for query arguments an endpoint does not take. */
export function checkArgs(query: Query, allowed: readonly string[]): void {
  const extra = Object.keys(query).filter((k) => !allowed.includes(k))
  if (extra.length > 0) throw new InvalidParameterValueError(`Unexpected arguments: ${extra.join(', ')}`)
}

/** The last value of a query parameter (repeated parameters: the last one wins, as in webob). */
export function param(query: Query, name: string): string | undefined {
  const v = query[name]
  return Array.isArray(v) ? v[v.length - 1] : v
}

/** oslo's strict boolean parsing as the API uses it for filters and flags. */
export function parseBool(value: string, name: string): boolean {
  const v = value.trim().toLowerCase()
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(v)) return true
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(v)) return false
  throw new InvalidParameterValueError(
    `Invalid ${name}: Unrecognized value '${value}', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'`,
  )
}

export function optionalBool(query: Query, name: string): boolean | undefined {
  const v = param(query, name)
  return v === undefined ? undefined : parseBool(v, name)
}

export interface Page {
  limit: number
  marker: string | undefined
  sortKey: string
  sortDir: 'asc' | 'desc'
}

/** limit/marker/sort_key/sort_dir with Ironic's checks. */
export function parsePage(query: Query, fields: ResourceFields, minor: number, maxLimit: number): Page {
  const rawLimit = param(query, 'limit')
  let limit = maxLimit
  if (rawLimit !== undefined) {
    if (!/^\s*[+-]?\d+\s*$/.test(rawLimit)) {
      throw new InvalidParameterValueError(`Expected an integer for limit: ${rawLimit}`)
    }
    const n = Number(rawLimit)
    if (n <= 0) throw new ClientSideError('Limit must be positive')
    limit = Math.min(n, maxLimit)
  }
  const marker = param(query, 'marker')
  if (marker !== undefined && !isUuidLike(marker)) {
    throw new InvalidParameterValueError(`Expected UUID for marker: ${marker}`)
  }
  const sortDir = param(query, 'sort_dir') ?? 'asc'
  if (sortDir !== 'asc' && sortDir !== 'desc') {
    throw new ClientSideError(
      `Invalid sort direction: ${sortDir}. Acceptable values are 'asc' or 'desc'`,
    )
  }
  const sortKey = param(query, 'sort_key') ?? 'id'
  if (sortKey !== 'id') {
    const spec = fields.byName.get(sortKey)
    // check_allowed_fields([sort_key]): a field too new for the version is not acceptable
    if (spec && spec.since > minor) throw notAcceptable()
    if (spec && !spec.sortable) {
      throw new InvalidParameterValueError(`The sort_key value ${sortKey} is an invalid field for sorting`)
    }
    if (!spec || !isVisible(fields, sortKey, minor)) {
      throw new InvalidParameterValueError(
        `The sort_key value "${sortKey}" is an invalid field for sorting`,
      )
    }
  }
  return { limit, marker, sortKey, sortDir }
}

/**
 * `fields=a,b` (≥1.8) validated against the registry, or undefined when absent.
 * `detail` and `fields` together are refused.
 */
export function parseFields(
  query: Query,
  fields: ResourceFields,
  minor: number,
  optIn: ReadonlySet<string> = new Set(),
): string[] | undefined {
  const raw = param(query, 'fields')
  if (raw === undefined) return undefined
  if (minor < MINOR.FETCHING_SUBSET_OF_FIELDS) throw notAcceptable()
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  for (const name of names) {
    const spec = fields.byName.get(name)
    if (spec && spec.since > minor && !optIn.has(name)) throw notAcceptable()
  }
  const invalid = names.find((n) => !fields.byName.has(n) && n !== 'links')
  if (invalid !== undefined) {
    throw new InvalidParameterValueError(`Field ${invalid} is not a valid field.`)
  }
  return names
}

/** `detail=` on a list (≥1.43); refused with `fields`. */
export function parseDetail(query: Query, minor: number, hasFields: boolean): boolean {
  const raw = param(query, 'detail')
  if (raw === undefined) return false
  // the value is parsed first, and the message shows it as Python prints a bool
  const detail = parseBool(raw, 'detail')
  if (minor < MINOR.ENABLE_DETAIL_QUERY) {
    throw new InvalidParameterValueError(
      `Invalid query parameter ?detail=${detail ? 'True' : 'False'} received.`,
    )
  }
  if (detail && hasFields) {
    throw new InvalidParameterValueError('Can not specify ?detail=True and fields in the same request.')
  }
  return detail
}

/** The `next` link of a full page, keeping the filters the client passed. */
export function nextLink(
  base: string,
  resourcePath: string,
  count: number,
  page: Page,
  lastUuid: string | undefined,
  keep: Record<string, string | undefined>,
): string | undefined {
  if (count === 0 || count < page.limit || lastUuid === undefined) return undefined
  const args = Object.entries(keep)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${v}&`)
    .join('')
  return `${base}/v1/${resourcePath}?${args}limit=${page.limit}&marker=${lastUuid}`
}
