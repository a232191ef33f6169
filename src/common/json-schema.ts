/**
 * @module A small JSON-schema subset with the messages of Python's jsonschema, so that
 * request validation errors read exactly like Ironic's ("Schema error for node: ...").
 */
import { InvalidParameterValueError } from './errors.js'
import { pyRepr } from './python-repr.js'

export type JsonType = 'string' | 'boolean' | 'object' | 'array' | 'integer' | 'number' | 'null'

export interface Schema {
  type?: JsonType | readonly JsonType[]
  properties?: Record<string, Schema>
  required?: readonly string[]
  additionalProperties?: boolean
  maxLength?: number
  minLength?: number
  enum?: readonly unknown[]
  pattern?: string
  items?: Schema
  minItems?: number
  minimum?: number
  /** Draft 4: `minimum` itself is excluded. */
  exclusiveMinimum?: boolean
  anyOf?: readonly Schema[]
  /** Draft 4 property dependencies: when the key is present, the listed keys must be too. */
  dependencies?: Record<string, readonly string[]>
  description?: string
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value as JsonType
}

function matchesType(value: unknown, type: JsonType): boolean {
  const actual = typeOf(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

/** The first error jsonschema's best_match would report, or undefined when valid. */
export function schemaError(schema: Schema, value: unknown): string | undefined {
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type
    if (!types.some((t) => matchesType(value, t))) {
      return `${pyRepr(value)} is not of type ${types.map((t) => `'${t}'`).join(', ')}`
    }
  }
  if (schema.anyOf) {
    const failed = anyOfError(schema.anyOf, value)
    if (failed !== undefined) return failed
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) {
    return `${pyRepr(value)} is not one of ${pyRepr(schema.enum)}`
  }
  if (typeof value === 'string') {
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) {
      return `${pyRepr(value)} is too long`
    }
    if (schema.minLength !== undefined && [...value].length < schema.minLength) {
      return `${pyRepr(value)} is too short`
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      return `${pyRepr(value)} does not match ${pyRepr(schema.pattern)}`
    }
  }
  if (typeof value === 'number' && schema.minimum !== undefined) {
    if (schema.exclusiveMinimum === true && value <= schema.minimum)
      return `${pyRepr(value)} is less than or equal to the minimum of ${schema.minimum}`
    if (value < schema.minimum) return `${pyRepr(value)} is less than the minimum of ${schema.minimum}`
  }
  if (Array.isArray(value) && schema.minItems !== undefined && value.length < schema.minItems) {
    return `${pyRepr(value)} is too short`
  }
  if (Array.isArray(value) && schema.items) {
    for (const item of value) {
      const e = schemaError(schema.items, item)
      if (e) return e
    }
  }
  if (typeOf(value) === 'object') return objectError(schema, value as Record<string, unknown>)
  return undefined
}

/**
 * jsonschema's `best_match` of an `anyOf` nobody satisfies: the error of the one branch whose
 * `type` fits the value ("'x' is not one of ['MAX']" for a string against integer-or-"MAX"); when
 * no single branch stands out, the `anyOf` error itself.
 */
function anyOfError(branches: readonly Schema[], value: unknown): string | undefined {
  const failures: Array<{ error: string; fits: boolean }> = []
  for (const branch of branches) {
    const error = schemaError(branch, value)
    if (error === undefined) return undefined
    const types = branch.type === undefined ? [] : typeof branch.type === 'string' ? [branch.type] : branch.type
    failures.push({ error, fits: types.some((t) => matchesType(value, t)) })
  }
  const fitting = failures.filter((f) => f.fits)
  if (fitting.length === 1) return fitting[0]!.error
  return `${pyRepr(value)} is not valid under any of the given schemas`
}

function objectError(schema: Schema, obj: Record<string, unknown>): string | undefined {
  for (const key of schema.required ?? []) {
    if (!(key in obj)) return `${pyRepr(key)} is a required property`
  }
  if (schema.additionalProperties === false && schema.properties) {
    const extra = Object.keys(obj).filter((k) => !(k in schema.properties!))
    if (extra.length > 0) {
      const names = extra.map(pyRepr).join(', ')
      return `Additional properties are not allowed (${names} ${extra.length === 1 ? 'was' : 'were'} unexpected)`
    }
  }
  for (const [key, needs] of Object.entries(schema.dependencies ?? {})) {
    if (!(key in obj)) continue
    const missing = needs.find((n) => !(n in obj))
    if (missing !== undefined) return `${pyRepr(missing)} is a dependency of ${pyRepr(key)}`
  }
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (key in obj) {
      const e = schemaError(sub, obj[key])
      if (e) return e
    }
  }
  return undefined
}

/** Throws Ironic's InvalidParameterValue "Schema error for <name>: <message>". */
export function validateSchema(name: string, schema: Schema, value: unknown): void {
  const e = schemaError(schema, value)
  if (e !== undefined) throw new InvalidParameterValueError(`Schema error for ${name}: ${e}`)
}
