/**
 * @module Request arguments checked as Ironic's `@args.validate` checks them: query arguments
 * and the keys of a JSON object body are one set of keyword arguments; unknown ones, missing
 * ones and ill-typed ones get Ironic's messages.
 */
import type { FastifyRequest } from 'fastify'
import { InvalidParameterValueError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import { MissingParameterValueError } from '../../../drivers/errors.js'
import { pyStr } from '../../../common/python-repr.js'
import { MINOR } from '../../versions.js'
import { isValidLogicalName } from '../nodes/lookup.js'

/** Checks and converts one argument; `null` passes through (Python's `None`). */
export type ArgValidator = (name: string, value: unknown) => unknown

const TRUE_VALUES = ['1', 't', 'true', 'on', 'y', 'yes']
const FALSE_VALUES = ['0', 'f', 'false', 'off', 'n', 'no']
const ACCEPTABLE = [...TRUE_VALUES, ...FALSE_VALUES]
  .sort()
  .map((v) => `'${v}'`)
  .join(', ')
const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/

/** `args.string` */
export const string: ArgValidator = (name, value) => {
  if (value === null) return null
  if (typeof value !== 'string') {
    throw new InvalidParameterValueError(`Expected string for ${name}: ${pyStr(value)}`)
  }
  return value
}

/** `args.boolean`: oslo's strict `bool_from_string`. */
export const boolean: ArgValidator = (name, value) => {
  if (value === null) return null
  if (typeof value === 'boolean') return value
  const text = pyStr(value)
  const lowered = text.trim().toLowerCase()
  if (TRUE_VALUES.includes(lowered)) return true
  if (FALSE_VALUES.includes(lowered)) return false
  throw new InvalidParameterValueError(
    `Invalid ${name}: Unrecognized value '${text}', acceptable values are: ${ACCEPTABLE}`,
  )
}

/** `args.integer`: Python's `int()` (booleans are 0/1, floats truncate). */
export const integer: ArgValidator = (name, value) => {
  if (value === null) return null
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value)
  if (typeof value === 'string' && PY_INT.test(value)) return Number(value.replace(/_/g, ''))
  throw new InvalidParameterValueError(`Expected an integer for ${name}: ${pyStr(value)}`)
}

/** `args.uuid` */
export const uuid: ArgValidator = (name, value) => {
  if (value === null) return null
  if (!isUuidLike(value)) {
    throw new InvalidParameterValueError(`Expected UUID for ${name}: ${pyStr(value)}`)
  }
  return value
}

/** `args.uuid_or_name`: a UUID, or RFC 3986 unreserved characters (at any microversion). */
export const uuidOrName: ArgValidator = (name, value) => {
  if (value === null) return null
  const ok =
    isUuidLike(value) ||
    (typeof value === 'string' && isValidLogicalName(value, MINOR.UNRESTRICTED_NODE_NAME))
  if (!ok)
    throw new InvalidParameterValueError(`Expected UUID or name for ${name}: ${pyStr(value)}`)
  return value
}

/** One parameter of the handler: its name, its validator, and whether it has no default. */
export type ArgSpec = readonly [name: string, validate: ArgValidator, required?: boolean]

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/**
 * The keyword arguments pecan builds for a request: the query arguments, plus the keys of a
 * JSON object body unless the handler takes the body whole (`@method.body`).
 */
export function kwargsOf(
  req: FastifyRequest,
  opts: { bodyArgs: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(req.query as Record<string, unknown>) }
  if (opts.bodyArgs && isPlainObject(req.body)) Object.assign(out, req.body)
  return out
}

/**
 * Validates keyword arguments against the handler's parameters, in Ironic's order: unknown
 * arguments first, then each parameter in turn (missing mandatory ones included).
 */
export function validateArgs(
  kwargs: Record<string, unknown>,
  spec: readonly ArgSpec[],
): Record<string, unknown> {
  const names = spec.map(([n]) => n)
  const extra = Object.keys(kwargs).filter((k) => !names.includes(k))
  if (extra.length > 0) {
    throw new InvalidParameterValueError(`Unexpected arguments: ${extra.join(', ')}`)
  }
  const out: Record<string, unknown> = {}
  for (const [name, validate, required] of spec) {
    if (Object.hasOwn(kwargs, name) && kwargs[name] !== undefined) {
      out[name] = validate(name, kwargs[name])
    } else if (required) {
      throw new MissingParameterValueError(`Missing mandatory parameter: ${name}`)
    }
  }
  return out
}
