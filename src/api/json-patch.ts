/**
 * @module JSON PATCH (RFC 6902 add/replace/remove) with Ironic's rules: the patch document
 * is validated, only allowed root fields may be touched, `add` may not create a new root
 * attribute, and operations are applied one at a time so an error names the failing one.
 */
import { ClientSideError, InvalidParameterValueError } from '../common/errors.js'
import { type Schema, validateSchema } from '../common/json-schema.js'
import { pyRepr } from '../common/python-repr.js'
import { MINOR } from './versions.js'

export interface PatchOp {
  op: 'add' | 'replace' | 'remove'
  path: string
  value?: unknown
}

const PATCH_SCHEMA_STRICT: Schema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      path: { type: 'string', pattern: '^(/[\\p{L}\\p{N}_-]+)+$' },
      op: { type: 'string', enum: ['add', 'replace', 'remove'] },
      value: {},
    },
    additionalProperties: false,
    required: ['op', 'path'],
  },
}

/** From 1.98 keys may hold any character, escaped as RFC 6901 says (`~0`, `~1`). */
const PATCH_SCHEMA_ESCAPED: Schema = {
  ...PATCH_SCHEMA_STRICT,
  items: {
    ...PATCH_SCHEMA_STRICT.items,
    properties: { ...PATCH_SCHEMA_STRICT.items!.properties, path: { type: 'string', pattern: '^(/[^/]+)+$' } },
  },
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** Validates the patch document and returns the root fields it changes. */
export function checkPatch(body: unknown, allowed: readonly string[], minor: number): PatchOp[] {
  const schema = minor >= MINOR.SUPPORT_SPECIAL_CHAR_IN_ATTRIBUTES ? PATCH_SCHEMA_ESCAPED : PATCH_SCHEMA_STRICT
  validateSchema('patch', schema, body)
  const ops = body as PatchOp[]
  for (const p of ops) {
    const root = decodePointer(p.path.split('/')[1] ?? '')
    if (!allowed.includes(root)) {
      throw new InvalidParameterValueError(
        `Cannot patch ${p.path}. Only the following can be updated: ${allowed.join(', ')}`,
      )
    }
    if (p.op !== 'remove' && !('value' in p)) {
      throw new InvalidParameterValueError(
        `Couldn't apply patch '${pyRepr(p)}'. Reason: The operation does not contain a 'value' member`,
      )
    }
  }
  return ops
}

/** The root fields a patch touches. */
export function patchedRoots(ops: readonly PatchOp[]): Set<string> {
  return new Set(ops.map((p) => decodePointer(p.path.split('/')[1] ?? '')))
}

/** Applies the operations to a deep copy of `doc`. */
export function applyPatch(doc: Record<string, unknown>, ops: readonly PatchOp[]): Record<string, unknown> {
  for (const p of ops) {
    if (p.op === 'add' && p.path.split('/').length === 2) {
      const root = decodePointer(p.path.slice(1))
      if (!(root in doc)) {
        throw new ClientSideError(
          `Adding a new attribute (${p.path}) to the root of the resource is not allowed`,
        )
      }
    }
  }
  let out = structuredClone(doc)
  for (const p of ops) {
    try {
      out = applyOne(out, p)
    } catch (e) {
      if (!(e instanceof PatchFailure)) throw e
      throw new InvalidParameterValueError(
        `Couldn't apply patch '${pyRepr(p)}'. Reason: ${e.message}`,
      )
    }
  }
  return out
}

class PatchFailure extends Error {}

function applyOne(doc: Record<string, unknown>, p: PatchOp): Record<string, unknown> {
  const parts = p.path.split('/').slice(1).map(decodePointer)
  const last = parts.pop() as string
  let parent: unknown = doc
  for (const part of parts) {
    parent = child(parent, part)
  }
  if (Array.isArray(parent)) return applyToArray(doc, parent, last, p)
  if (parent === null || typeof parent !== 'object') {
    throw new PatchFailure(`member '${last}' not found in ${pyRepr(parent)}`)
  }
  const obj = parent as Record<string, unknown>
  switch (p.op) {
    case 'add':
      obj[last] = structuredClone(p.value)
      break
    case 'replace':
      if (!(last in obj)) throw new PatchFailure(`can't replace a non-existent object '${last}'`)
      obj[last] = structuredClone(p.value)
      break
    case 'remove':
      if (!(last in obj)) throw new PatchFailure(`can't remove a non-existent object '${last}'`)
      delete obj[last]
      break
  }
  return doc
}

function child(parent: unknown, part: string): unknown {
  if (Array.isArray(parent)) {
    const i = arrayIndex(part, parent.length - 1)
    return parent[i]
  }
  if (parent !== null && typeof parent === 'object' && part in parent) {
    return (parent as Record<string, unknown>)[part]
  }
  throw new PatchFailure(`member '${part}' not found in ${pyRepr(parent)}`)
}

function arrayIndex(part: string, max: number): number {
  if (!/^(0|[1-9]\d*)$/.test(part)) throw new PatchFailure(`'${part}' is not a valid sequence index`)
  const i = Number(part)
  if (i > max) throw new PatchFailure('index out of range')
  return i
}

function applyToArray(doc: Record<string, unknown>, arr: unknown[], last: string, p: PatchOp) {
  if (p.op === 'add') {
    const i = last === '-' ? arr.length : arrayIndex(last, arr.length)
    arr.splice(i, 0, structuredClone(p.value))
  } else if (p.op === 'replace') {
    arr[arrayIndex(last, arr.length - 1)] = structuredClone(p.value)
  } else {
    arr.splice(arrayIndex(last, arr.length - 1), 1)
  }
  return doc
}
