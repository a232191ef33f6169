/**
 * @module Validation of a port's `local_link_connection` as Ironic does it: a JSON schema
 * `anyOf` (switch port, smart NIC, unmanaged network, OVN VTEP, or empty) whose error names the
 * most relevant cause as python-jsonschema's `best_match` picks it, then the switch ID check.
 */
import { InvalidParameterValueError } from '../../../common/errors.js'
import { normalizeDatapathId, normalizeMac } from '../../../common/mac.js'
import { pyRepr } from '../../../common/python-repr.js'
import { MAX_MINOR_21_4 } from './args.js'

interface SubSchema {
  required: readonly string[]
  /** allowed network_type values, when restricted */
  networkTypes?: readonly string[]
  /** the empty schema: no property at all */
  empty?: boolean
}

const BASE_KEYS = ['port_id', 'switch_id', 'hostname', 'switch_info', 'network_type']
const VTEP_KEYS = ['vtep-logical-switch', 'vtep-physical-switch']
const NETWORK_TYPES = ['managed', 'unmanaged']

const SUBSCHEMAS_21_4: readonly SubSchema[] = [
  { required: ['port_id', 'switch_id'] },
  { required: ['port_id', 'hostname'] },
  { required: ['network_type'], networkTypes: ['unmanaged'] },
  { required: [], empty: true },
]

const SUBSCHEMAS: readonly SubSchema[] = [
  ...SUBSCHEMAS_21_4.slice(0, 3),
  { required: ['port_id', ...VTEP_KEYS] },
  SUBSCHEMAS_21_4[3]!,
]

interface SchemaError {
  message: string
  /** (depth, type mismatch): the order of python-jsonschema's relevance */
  depth: number
  typeMismatch: boolean
}

const rootError = (message: string): SchemaError => ({ message, depth: 0, typeMismatch: false })

/** Errors of the `properties` keyword: wrong types and network types (one level deep). */
function propertyErrors(
  llc: Record<string, unknown>,
  s: SubSchema,
  keys: readonly string[],
): SchemaError[] {
  const errors: SchemaError[] = []
  const types = s.networkTypes ?? NETWORK_TYPES
  for (const key of s.empty ? [] : keys) {
    if (!(key in llc)) continue
    const v = llc[key]
    if (typeof v !== 'string') {
      errors.push({ message: `${pyRepr(v)} is not of type 'string'`, depth: 1, typeMismatch: true })
    } else if (key === 'network_type' && !types.includes(v)) {
      const message = `${pyRepr(v)} is not one of ${pyRepr([...types])}`
      errors.push({ message, depth: 1, typeMismatch: false })
    }
  }
  return errors
}

/** Every error of one subschema, in the order python-jsonschema yields them. */
function subschemaErrors(
  llc: Record<string, unknown>,
  s: SubSchema,
  keys: readonly string[],
): SchemaError[] {
  const errors = propertyErrors(llc, s, keys)
  const extra = Object.keys(llc)
    .filter((k) => s.empty || !keys.includes(k))
    .sort()
  if (extra.length > 0) {
    const names = extra.map((k) => pyRepr(k)).join(', ')
    const verb = extra.length === 1 ? 'was' : 'were'
    errors.push(rootError(`Additional properties are not allowed (${names} ${verb} unexpected)`))
  }
  if (keys.includes(VTEP_KEYS[0]!)) {
    for (const [a, b] of [VTEP_KEYS, [...VTEP_KEYS].reverse()] as [string, string][]) {
      if (a in llc && !(b in llc))
        errors.push(rootError(`${pyRepr(b)} is a dependency of ${pyRepr(a)}`))
    }
  }
  for (const key of s.required) {
    if (!(key in llc)) errors.push(rootError(`${pyRepr(key)} is a required property`))
  }
  return errors
}

/** The first most relevant error: shallowest, then a type mismatch, then schema order. */
function bestMatch(errors: readonly SchemaError[]): SchemaError | undefined {
  let best: SchemaError | undefined
  for (const e of errors) {
    if (
      !best ||
      e.depth < best.depth ||
      (e.depth === best.depth && e.typeMismatch && !best.typeMismatch)
    ) {
      best = e
    }
  }
  return best
}

/**
 * Validates and normalizes a `local_link_connection` (an object; null is left alone) for a
 * request at `minor`: the `switch_id` becomes a lower-case MAC or datapath ID.
 */
export function checkLocalLinkConnection(value: unknown, minor: number): unknown {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value))
    return value
  const llc = { ...(value as Record<string, unknown>) }
  const vtep = minor > MAX_MINOR_21_4
  const keys = vtep ? [...BASE_KEYS, ...VTEP_KEYS] : BASE_KEYS
  const all: SchemaError[] = []
  for (const s of vtep ? SUBSCHEMAS : SUBSCHEMAS_21_4) {
    const errors = subschemaErrors(llc, s, keys)
    if (errors.length === 0) return normalizeSwitchId(llc)
    all.push(...errors)
  }
  const cause = bestMatch(all)
  throw new InvalidParameterValueError(
    `Schema error for local_link_connection: ${pyRepr(llc)} is not valid under any of the given schemas. Possible root cause: ${cause?.message ?? ''}`,
  )
}

function normalizeSwitchId(llc: Record<string, unknown>): Record<string, unknown> {
  if (Object.keys(llc).length === 0 || !('switch_id' in llc)) return llc
  const id = llc.switch_id
  const normalized = normalizeMac(id) ?? normalizeDatapathId(id)
  if (normalized === undefined) {
    throw new InvalidParameterValueError(
      `Expected a MAC address or OpenFlow datapath ID but received ${String(id)}.`,
    )
  }
  llc.switch_id = normalized
  return llc
}

/** A smart NIC port needs `port_id` and `hostname` (a missing connection passes, as in Ironic). */
export function checkSmartNicLink(value: unknown): void {
  if (value === null || value === undefined) return
  const llc = value as Record<string, unknown>
  const ok =
    subschemaErrors(llc, { required: ['port_id', 'hostname'] }, [...BASE_KEYS, ...VTEP_KEYS])
      .length === 0
  if (!ok) {
    throw new InvalidParameterValueError(
      'Smart NIC port must have port_id and hostname in local_link_connection',
    )
  }
}
