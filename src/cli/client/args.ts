/**
 * @module Turning command-line values into API data like python-ironicclient: `KEY=VALUE` with
 * JSON-decoded values, JSON patches from `--property` style options, JSON-or-file arguments.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { UsageError } from './errors.js'

/** One JSON Patch operation. */
export interface PatchOp {
  op: 'add' | 'remove' | 'replace'
  path: string
  value?: unknown
}

/** Splits `KEY=VALUE` and JSON-decodes the value when it is valid JSON. */
export function splitAndDeserialize(text: string): [string, unknown] {
  const eq = text.indexOf('=')
  if (eq < 0) throw new UsageError(`Attributes must be a list of PATH=VALUE not "${text}"`)
  const raw = text.slice(eq + 1)
  let value: unknown = raw
  try {
    value = JSON.parse(raw)
  } catch {
    value = raw
  }
  return [text.slice(0, eq), value]
}

/** `['a=1', 'b=x']` → `{a: 1, b: 'x'}`. */
export function keyValuesToDict(pairs: readonly string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const p of pairs ?? []) {
    const [k, v] = splitAndDeserialize(p)
    out[k] = v
  }
  return out
}

/** Builds patch operations from `path=value` (add/replace) or `path` (remove) strings. */
export function argsToPatch(op: PatchOp['op'], attributes: readonly string[] | undefined): PatchOp[] {
  return (attributes ?? []).map((attr) => {
    const a = attr.startsWith('/') ? attr : `/${attr}`
    if (op === 'remove') return { op, path: a }
    const [path, value] = splitAndDeserialize(a)
    return { op, path, value }
  })
}

/** Adds `prefix/` to each attribute (`--property a=b` → `properties/a=b`). */
export function prefixed(prefix: string, attrs: readonly string[] | undefined): string[] {
  return (attrs ?? []).map((a) => `${prefix}/${a}`)
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8')
  } catch (err) {
    throw new UsageError(`cannot read standard input: ${(err as Error).message}`)
  }
}

/**
 * A JSON argument given inline, as a file name (JSON or YAML), or as '-' for standard input.
 * Returns undefined for an absent or empty value.
 */
export function jsonArg(value: string | undefined, what: string): unknown {
  if (value === undefined) return undefined
  const text = value === '-' ? readStdin() : value
  if (text.trim() === '') return undefined
  if (value !== '-' && existsSync(value) && statSync(value).isFile()) {
    const content = readFileSync(value, 'utf8')
    try {
      return JSON.parse(content)
    } catch {
      try {
        return parseYaml(content) as unknown
      } catch (err) {
        throw new UsageError(`Invalid ${what} in file ${value}: ${(err as Error).message.split('\n')[0]}`)
      }
    }
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new UsageError(`Invalid ${what}: ${(err as Error).message}`)
  }
}

/** A boolean option value the way OpenStack's CLI accepts it (`true`, `False`, `1`...). */
export function boolArg(value: string, name: string): boolean {
  const v = value.trim().toLowerCase()
  if (['true', '1', 'yes', 'y', 'on', 't'].includes(v)) return true
  if (['false', '0', 'no', 'n', 'off', 'f'].includes(v)) return false
  throw new UsageError(`${name}: expected true or false, got '${value}'`)
}
