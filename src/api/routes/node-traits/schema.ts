/**
 * @module Trait names as Ironic checks them (`api_utils.TRAITS_SCHEMA`: a standard os-traits
 * name or `CUSTOM_[A-Z0-9_]+`, 1 to 255 characters), with jsonschema's messages and its
 * `best_match` choice among several errors.
 */
import { InvalidParameterValueError } from '../../../common/errors.js'
import { pyRepr } from '../../../common/python-repr.js'
import { STANDARD_TRAIT_SET } from './standard-traits.js'

const CUSTOM_PATTERN = '^CUSTOM_[A-Z0-9_]+$'
/** Python's `re.search` lets `$` match before a final newline. */
const CUSTOM_RE = /^CUSTOM_[A-Z0-9_]+\n?$/

/** One schema error; `weak` ones (anyOf) lose to any other, as in jsonschema's `best_match`. */
interface TraitError {
  weak: boolean
  message: string
}

/** Errors of one value against the trait schema, in jsonschema's keyword order. */
function traitErrors(value: unknown): TraitError[] {
  if (typeof value !== 'string')
    return [{ weak: false, message: `${pyRepr(value)} is not of type 'string'` }]
  const errors: TraitError[] = []
  const length = [...value].length
  if (length < 1) errors.push({ weak: false, message: `${pyRepr(value)} is too short` })
  if (length > 255) errors.push({ weak: false, message: `${pyRepr(value)} is too long` })
  if (!CUSTOM_RE.test(value) && !STANDARD_TRAIT_SET.has(value)) {
    errors.push({
      weak: true,
      message:
        `${pyRepr(value)} is not valid under any of the given schemas. ` +
        `Possible root cause: ${pyRepr(value)} does not match ${pyRepr(CUSTOM_PATTERN)}`,
    })
  }
  return errors
}

/** The error `best_match` reports among errors at the same depth. */
function best(errors: readonly TraitError[]): TraitError | undefined {
  return errors.find((e) => !e.weak) ?? errors[0]
}

/** True when `value` is a valid trait name. */
export function isValidTrait(value: unknown): boolean {
  return traitErrors(value).length === 0
}

/** Throws "Schema error for <name>: ..." for an invalid trait (a path segment). */
export function checkTrait(name: string, value: string): void {
  const e = best(traitErrors(value))
  if (e) throw new InvalidParameterValueError(`Schema error for ${name}: ${e.message}`)
}

/** The error of a `PUT /traits` body (`{"traits": [...]}`, nothing else), or undefined. */
function bodyError(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return `${pyRepr(body)} is not of type 'object'`
  }
  const extra = Object.keys(body).filter((k) => k !== 'traits')
  if (extra.length > 0) {
    const names = extra.map((k) => pyRepr(k)).join(', ')
    const verb = extra.length === 1 ? 'was' : 'were'
    return `Additional properties are not allowed (${names} ${verb} unexpected)`
  }
  if (!('traits' in body)) return undefined
  const traits = (body as { traits: unknown }).traits
  if (!Array.isArray(traits)) return `${pyRepr(traits)} is not of type 'array'`
  return best(traits.flatMap(traitErrors))?.message
}

/** Throws "Schema error for body: ..." for an invalid traits body. */
export function checkTraitsBody(body: unknown): void {
  const e = bodyError(body)
  if (e !== undefined) throw new InvalidParameterValueError(`Schema error for body: ${e}`)
}
