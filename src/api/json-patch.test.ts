import { describe, expect, it } from 'vitest'
import { applyPatch, checkPatch } from './json-patch.js'

const ALLOWED = ['extra', 'name', 'driver_info']

describe('checkPatch', () => {
  it.each([
    ['a non-list body', { op: 'replace', path: '/name', value: 'x' }, "Schema error for patch: {'op': 'replace', 'path': '/name', 'value': 'x'} is not of type 'array'"],
    ['an unknown op', [{ op: 'frobnicate', path: '/name' }], "Schema error for patch: 'frobnicate' is not one of ['add', 'replace', 'remove']"],
    ['a missing path', [{ op: 'add', value: 1 }], "Schema error for patch: 'path' is a required property"],
    ['a field that may not be patched', [{ op: 'replace', path: '/uuid', value: 'x' }], 'Cannot patch /uuid. Only the following can be updated: extra, name, driver_info'],
    ['a missing value', [{ op: 'add', path: '/extra/a' }], "Couldn't apply patch '{'op': 'add', 'path': '/extra/a'}'. Reason: The operation does not contain a 'value' member"],
  ])('refuses %s', (_name, body, message) => {
    expect(() => checkPatch(body, ALLOWED, 82)).toThrow(message)
  })

  it('accepts escaped keys only from 1.98', () => {
    const body = [{ op: 'add', path: '/extra/a~1b', value: 1 }]
    expect(() => checkPatch(body, ALLOWED, 97)).toThrow(/does not match/)
    expect(checkPatch(body, ALLOWED, 98)).toHaveLength(1)
  })
})

describe('applyPatch', () => {
  const doc = { name: 'n', extra: { a: 1, list: [1, 2] }, driver_info: {} }

  it('adds, replaces and removes nested values without touching the input', () => {
    const out = applyPatch(doc, [
      { op: 'add', path: '/extra/b', value: 2 },
      { op: 'replace', path: '/name', value: 'm' },
      { op: 'remove', path: '/extra/a' },
      { op: 'add', path: '/extra/list/-', value: 3 },
    ])
    expect(out).toEqual({ name: 'm', extra: { b: 2, list: [1, 2, 3] }, driver_info: {} })
    expect(doc.extra).toEqual({ a: 1, list: [1, 2] })
  })

  it('decodes RFC 6901 escapes', () => {
    expect(applyPatch(doc, [{ op: 'add', path: '/extra/a~1b~0c', value: 1 }]).extra).toMatchObject({ 'a/b~c': 1 })
  })

  it.each([
    ['adding a new root attribute', { op: 'add', path: '/bogus', value: 1 }, 'Adding a new attribute (/bogus) to the root of the resource is not allowed'],
    ['removing a missing key', { op: 'remove', path: '/extra/zz' }, "Couldn't apply patch '{'op': 'remove', 'path': '/extra/zz'}'. Reason: can't remove a non-existent object 'zz'"],
    ['replacing a missing key', { op: 'replace', path: '/extra/zz', value: 1 }, "can't replace a non-existent object 'zz'"],
    ['a path through a missing member', { op: 'add', path: '/extra/x/y', value: 1 }, "member 'x' not found in"],
  ] as const)('refuses %s', (_name, op, message) => {
    expect(() => applyPatch(doc, [op])).toThrow(message)
  })
})
