/**
 * @module What Ironic's collection endpoints share (`api/controllers/v1/collection.py` and the
 * list helpers of `utils.py`), with its exact checks and messages: returned fields, `detail`,
 * limit, sort key and direction, and the `next` link.
 */
import {
  ClientSideError,
  InvalidParameterValueError,
  NotFoundError,
} from '../../../common/errors.js'
import type { ResourceFields } from '../../fields/registry.js'
import { notAcceptable } from '../../query.js'
import { MINOR } from '../../versions.js'
import { MAX_MINOR_21_4 } from './args.js'

/**
 * True when the field exists for a client of this version: Ironic 21.4 did not know the fields
 * added after 1.82, so asking for them at 1.82 or below is an unknown field, not a too-new one.
 */
export function isKnownField(fields: ResourceFields, name: string, minor: number): boolean {
  const spec = fields.byName.get(name)
  return spec !== undefined && (minor > MAX_MINOR_21_4 || spec.since <= MAX_MINOR_21_4)
}

/** 406 when a named field exists but is newer than the request's version. */
export function checkFieldVersions(
  fields: ResourceFields,
  names: Iterable<string> | undefined,
  minor: number,
): void {
  if (names === undefined) return
  for (const name of names) {
    const spec = fields.byName.get(name)
    if (spec && spec.since > minor && isKnownField(fields, name, minor)) throw notAcceptable()
  }
}

/** `check_allow_specify_fields`: `fields` needs 1.8. */
export function checkFieldsAllowed(fields: readonly string[] | undefined, minor: number): void {
  if (fields !== undefined && minor < MINOR.FETCHING_SUBSET_OF_FIELDS) throw notAcceptable()
}

/** `check_for_invalid_fields`: 400 naming the fields the resource does not have. */
export function checkFieldsExist(
  fields: ResourceFields,
  names: readonly string[] | undefined,
  minor: number,
  extra: readonly string[] = [],
): void {
  if (names === undefined) return
  const invalid = names.filter(
    (n) => n !== 'links' && !extra.includes(n) && !isKnownField(fields, n, minor),
  )
  if (invalid.length > 0) {
    throw new InvalidParameterValueError(`Field(s) "${invalid.join(', ')}" are not valid`)
  }
}

/**
 * `get_request_return_fields`: the fields a list returns (undefined = all), with the checks
 * on `detail` (1.43) and on `detail` together with `fields`.
 */
export function returnFields(
  fields: string[] | undefined,
  detail: boolean | undefined,
  defaults: readonly string[],
  minor: number,
): string[] | undefined {
  if (detail !== undefined && minor < MINOR.ENABLE_DETAIL_QUERY) {
    throw new InvalidParameterValueError(
      `Invalid query parameter ?detail=${detail ? 'True' : 'False'} received.`,
    )
  }
  if (fields !== undefined && detail) {
    throw new InvalidParameterValueError(
      'Can not specify ?detail=True and fields in the same request.',
    )
  }
  if (fields === undefined && !detail) return [...defaults]
  return fields
}

/** `validate_limit`: the effective page size. */
export function validateLimit(limit: number | undefined, maxLimit: number): number {
  if (limit === undefined) return maxLimit
  if (limit <= 0) throw new ClientSideError('Limit must be positive')
  return Math.min(maxLimit, limit)
}

/** `validate_sort_dir`. */
export function validateSortDir(dir: string | undefined): 'asc' | 'desc' {
  const d = dir ?? 'asc'
  if (d !== 'asc' && d !== 'desc') {
    throw new ClientSideError(`Invalid sort direction: ${d}. Acceptable values are 'asc' or 'desc'`)
  }
  return d
}

/** What a resource allows as `sort_key`. */
export interface SortSpec {
  fields: ResourceFields
  /** Keys refused by name, before the query runs. */
  unsortable: readonly string[]
  /** Table columns that are not API fields but that Ironic sorts on. */
  extraColumns?: readonly string[]
}

/** The column to sort on, or Ironic's 400 for a JSON field or an unknown key. */
export function sortColumn(key: string, spec: SortSpec, minor: number): string {
  if (spec.unsortable.includes(key)) {
    throw new InvalidParameterValueError(
      `The sort_key value ${key} is an invalid field for sorting`,
    )
  }
  if (key === 'id' || spec.extraColumns?.includes(key)) return key
  const f = spec.fields.byName.get(key)
  if (f && f.kind !== 'computed' && f.kind !== 'json' && isKnownField(spec.fields, key, minor)) {
    return key
  }
  throw new InvalidParameterValueError(
    `The sort_key value "${key}" is an invalid field for sorting`,
  )
}

/** The marker row, or Ironic's 404 naming the resource. */
export function markerNotFound(kind: string, marker: string): NotFoundError {
  return new NotFoundError(`${kind} ${marker} could not be found.`)
}

/** The arguments Ironic repeats in a `next` link. */
export interface NextOptions {
  sortKey: string
  sortDir: string
  detail?: boolean | undefined
  fields?: readonly string[] | undefined
}

/**
 * `collection.get_next`: a link to the next page when this one is full. Like Ironic it keeps
 * only the sort, `detail` and `fields` arguments (not the filters).
 */
export function nextHref(
  base: string,
  resourceUrl: string,
  items: readonly { uuid: string }[],
  limit: number,
  opts: NextOptions,
): string | undefined {
  if (items.length === 0 || items.length !== limit) return undefined
  const args = [`sort_key=${opts.sortKey}`, `sort_dir=${opts.sortDir}`]
  if (opts.detail !== undefined) args.push(`detail=${opts.detail ? 'True' : 'False'}`)
  if (opts.fields && opts.fields.length > 0) args.push(`fields=${opts.fields.join(',')}`)
  const marker = items[items.length - 1]!.uuid
  return `${base}/v1/${resourceUrl}?${args.join('&')}&limit=${limit}&marker=${marker}`
}
