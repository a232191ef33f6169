/**
 * @module A JSON-schema subset that reports errors exactly as Python's jsonschema 4.10 does:
 * every error with its instance and schema paths, `best_match` to pick one, and the long
 * `str(error)` form (message, failing schema and instance pretty-printed) that Ironic puts in
 * `Invalid clean_steps: ...`.
 */
import { pyRepr } from '../../../common/python-repr.js'
import { pformat } from './pprint.js'

/** The keywords understood. */
export interface JsonSchema {
  readonly type?: string | readonly string[]
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: readonly string[]
  readonly additionalProperties?: boolean
  readonly items?: JsonSchema
  readonly enum?: readonly unknown[]
  readonly minLength?: number
  readonly maxLength?: number
  readonly minItems?: number
  readonly pattern?: string
  readonly minimum?: number
  readonly anyOf?: readonly JsonSchema[]
  readonly [other: string]: unknown
}

/** One validation error, as jsonschema's `ValidationError`. */
export interface SchemaError {
  readonly message: string
  readonly validator: string
  readonly path: readonly (string | number)[]
  readonly schemaPath: readonly (string | number)[]
  readonly schema: JsonSchema
  readonly instance: unknown
  readonly context: readonly SchemaError[]
}

function isType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
    case 'array':
      return Array.isArray(value)
    case 'string':
      return typeof value === 'string'
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
    case 'number':
      return typeof value === 'number'
    case 'boolean':
      return typeof value === 'boolean'
    case 'null':
      return value === null
    default:
      return true
  }
}

function typesOf(schema: JsonSchema): string[] | undefined {
  return schema.type === undefined
    ? undefined
    : typeof schema.type === 'string'
      ? [schema.type]
      : [...schema.type]
}

/** Python's `re.search`: a final `$` also matches before a trailing newline. */
function pySearch(pattern: string, value: string): boolean {
  const re = new RegExp(pattern, 'u')
  return (
    re.test(value) || (pattern.endsWith('$') && value.endsWith('\n') && re.test(value.slice(0, -1)))
  )
}

type Check = (
  schema: JsonSchema,
  value: unknown,
) => Omit<SchemaError, 'path' | 'schemaPath' | 'schema' | 'instance'>[]

function err(validator: string, message: string, context: SchemaError[] = []) {
  return [{ validator, message, context }]
}

const CHECKS: Record<string, Check> = {
  type: (s, v) => {
    const types = typesOf(s) ?? []
    return types.some((t) => isType(v, t))
      ? []
      : err('type', `${pyRepr(v)} is not of type ${types.map((t) => pyRepr(t)).join(', ')}`)
  },
  required: (s, v) =>
    isType(v, 'object')
      ? (s.required ?? [])
          .filter((k) => !Object.hasOwn(v as object, k))
          .flatMap((k) => err('required', `${pyRepr(k)} is a required property`))
      : [],
  additionalProperties: (s, v) => {
    if (s.additionalProperties !== false || !isType(v, 'object')) return []
    const extra = Object.keys(v as object).filter((k) => !Object.hasOwn(s.properties ?? {}, k))
    if (extra.length === 0) return []
    const verb = extra.length === 1 ? 'was' : 'were'
    return err(
      'additionalProperties',
      `Additional properties are not allowed (${extra.map((k) => pyRepr(k)).join(', ')} ${verb} unexpected)`,
    )
  },
  enum: (s, v) =>
    (s.enum ?? []).some((e) => e === v)
      ? []
      : err('enum', `${pyRepr(v)} is not one of ${pyRepr(s.enum)}`),
  minLength: (s, v) =>
    typeof v === 'string' && [...v].length < (s.minLength ?? 0)
      ? err('minLength', `${pyRepr(v)} is too short`)
      : [],
  maxLength: (s, v) =>
    typeof v === 'string' && [...v].length > (s.maxLength ?? Infinity)
      ? err('maxLength', `${pyRepr(v)} is too long`)
      : [],
  minItems: (s, v) =>
    Array.isArray(v) && v.length < (s.minItems ?? 0)
      ? err('minItems', `${pyRepr(v)} is too short`)
      : [],
  pattern: (s, v) =>
    typeof v === 'string' && !pySearch(s.pattern ?? '', v)
      ? err('pattern', `${pyRepr(v)} does not match ${pyRepr(s.pattern)}`)
      : [],
  minimum: (s, v) =>
    typeof v === 'number' && v < (s.minimum ?? -Infinity)
      ? err('minimum', `${pyRepr(v)} is less than the minimum of ${s.minimum}`)
      : [],
}

/**
 * Every error of `value` against `schema`, in jsonschema's order (schema keyword order). Paths
 * are relative, as jsonschema's `relative_path`: errors inside an `anyOf` stay relative to it.
 */
export function iterErrors(schema: JsonSchema, value: unknown): SchemaError[] {
  const out: SchemaError[] = []
  for (const key of Object.keys(schema)) {
    if (key === 'properties' && isType(value, 'object')) {
      for (const [name, sub] of Object.entries(schema.properties ?? {})) {
        if (!Object.hasOwn(value as object, name)) continue
        out.push(
          ...descend(
            iterErrors(sub, (value as Record<string, unknown>)[name]),
            ['properties', name],
            [name],
          ),
        )
      }
    } else if (key === 'items' && Array.isArray(value) && schema.items) {
      value.forEach((item, i) =>
        out.push(...descend(iterErrors(schema.items as JsonSchema, item), ['items'], [i])),
      )
    } else if (key === 'anyOf') {
      out.push(...anyOf(schema, value))
    } else {
      const check = CHECKS[key]
      if (check)
        out.push(
          ...check(schema, value).map((e) => ({
            ...e,
            path: [],
            schemaPath: [key],
            schema,
            instance: value,
          })),
        )
    }
  }
  return out
}

function descend(
  errors: SchemaError[],
  schemaPath: (string | number)[],
  path: (string | number)[] = [],
): SchemaError[] {
  return errors.map((e) => ({
    ...e,
    schemaPath: [...schemaPath, ...e.schemaPath],
    path: [...path, ...e.path],
  }))
}

function anyOf(schema: JsonSchema, value: unknown): SchemaError[] {
  const context: SchemaError[] = []
  for (const [i, sub] of (schema.anyOf ?? []).entries()) {
    const errors = iterErrors(sub, value)
    if (errors.length === 0) return []
    context.push(...descend(errors, [i]))
  }
  const message = `${pyRepr(value)} is not valid under any of the given schemas`
  return [
    {
      message,
      validator: 'anyOf',
      path: [],
      schemaPath: ['anyOf'],
      schema,
      instance: value,
      context,
    },
  ]
}

/** jsonschema's `relevance` key, as a comparable tuple. */
function relevance(e: SchemaError): number[] {
  const types = typesOf(e.schema)
  const matches = types !== undefined && types.some((t) => isType(e.instance, t))
  return [
    -e.path.length,
    e.validator !== 'anyOf' && e.validator !== 'oneOf' ? 1 : 0,
    0,
    matches ? 0 : 1,
  ]
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number)
  return 0
}

/** jsonschema's `best_match`. */
export function bestMatch(errors: readonly SchemaError[]): SchemaError | undefined {
  let best = errors.reduce<SchemaError | undefined>(
    (m, e) => (m === undefined || compare(relevance(e), relevance(m)) > 0 ? e : m),
    undefined,
  )
  while (best && best.context.length > 0) {
    const sorted = [...best.context].sort((a, b) => compare(relevance(a), relevance(b)))
    if (
      sorted.length >= 2 &&
      compare(relevance(sorted[0] as SchemaError), relevance(sorted[1] as SchemaError)) === 0
    )
      return best
    best = sorted[0]
  }
  return best
}

function indexPath(container: string, indices: readonly (string | number)[]): string {
  return indices.length === 0
    ? container
    : `${container}[${indices.map((i) => pyRepr(i)).join('][')}]`
}

/** `str(ValidationError)`: the message, then the failing schema and instance. */
export function errorText(e: SchemaError): string {
  const indent = (text: string) => text.split('\n').join('\n    ')
  return [
    e.message,
    '',
    `Failed validating ${pyRepr(e.validator)} in ${indexPath('schema', e.schemaPath.slice(0, -1))}:`,
    `    ${indent(pformat(e.schema, 72))}`,
    '',
    `On ${indexPath('instance', e.path)}:`,
    `    ${indent(pformat(e.instance, 72))}`,
  ].join('\n')
}

/** The error `jsonschema.validate` raises, or undefined when `value` is valid. */
export function validationError(schema: JsonSchema, value: unknown): SchemaError | undefined {
  return bestMatch(iterErrors(schema, value))
}

/** Ironic's `args.schema` message: `Schema error for <name>: <msg>[. Possible root cause: ...]`. */
export function argsSchemaMessage(name: string, e: SchemaError): string {
  let msg = `Schema error for ${name}: ${e.message}`
  let cause: string | undefined
  let current = e
  while (current.context.length > 0) {
    current = bestMatch(current.context) as SchemaError
    cause = current.message
  }
  if (cause !== undefined) msg += `. Possible root cause: ${cause}`
  return msg
}
