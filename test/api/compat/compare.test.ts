/** @module The replay comparator finds every kind of difference it is meant to find. */
import { describe, expect, it } from 'vitest'
import { compareBody, compareError, compareHeaders, matchesString } from './compare.js'

const ctx = { hostname: 'cond-1', ignore: [] }
const err = (inner: object) => ({ error_message: JSON.stringify(inner) })

describe('replay comparator', () => {
  it.each([
    ['<uuid>', '3f2504e0-4f89-41d3-9a0c-0305e82c3301', true],
    ['<uuid>', 'not-a-uuid', false],
    ['<timestamp>', '2026-11-25T06:43:06.311231+00:00', true],
    ['<timestamp>', '2026-11-25T06:43:06Z', false],
    ['Node <uuid> is <hostname>', 'Node 3f2504e0-4f89-41d3-9a0c-0305e82c3301 is cond-1', true],
    ['Node <uuid> is <hostname>', 'Node 3f2504e0-4f89-41d3-9a0c-0305e82c3301 is cond-2', false],
    ['<6 chars: aa...>', 'aaaaaa', true],
    ['<6 chars: aa...>', 'aaaaa', false],
    ['a.b', 'axb', false],
  ])('matches %j against %j: %s', (recorded, actual, ok) => {
    expect(matchesString(recorded, actual, 'cond-1')).toBe(ok)
  })

  it('reports missing and extra keys at any depth, and different values', () => {
    const recorded = { a: 1, n: { x: '<uuid>', y: [1, 2] } }
    const actual = { a: 2, b: 0, n: { y: [1, 3] } }
    expect(compareBody(recorded, actual, ctx)).toEqual([
      'body: keys only in Anvil: b',
      'body.a: recorded 1, Anvil 2',
      'body.n: keys missing in Anvil: x',
      'body.n.y.1: recorded 2, Anvil 3',
    ])
  })

  it('skips the values of ignored paths but still wants their keys', () => {
    const c = { ...ctx, ignore: ['nodes.*.name'] }
    expect(compareBody({ nodes: [{ name: 'a' }] }, { nodes: [{ name: 'b' }] }, c)).toEqual([])
    expect(compareBody({ nodes: [{ name: 'a' }] }, { nodes: [{}] }, c)).toHaveLength(1)
  })

  it("checks that a next link's marker is the last item's uuid", () => {
    const u = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
    const next = `http://h/v1/nodes?limit=1&marker=${u}`
    const recorded = {
      nodes: [{ uuid: '<uuid>' }],
      next: 'http://h/v1/nodes?limit=1&marker=<uuid>',
    }
    expect(compareBody(recorded, { nodes: [{ uuid: u }], next }, ctx)).toEqual([])
    const other = { nodes: [{ uuid: u.replace('3f', '4f') }], next }
    expect(compareBody(recorded, other, ctx)).toHaveLength(1)
  })

  it("compares Ironic's faultstring or webob's description with Anvil's faultstring", () => {
    const msg = 'Node x could not be found.'
    const anvil = err({ faultcode: 'Client', faultstring: msg, debuginfo: null })
    const webob = (description: string) => err({ code: 404, title: 'Not Found', description })
    expect(compareError(anvil, anvil)).toEqual([])
    expect(compareError(webob(msg), anvil)).toEqual([])
    expect(compareError(webob('Other'), anvil)).toHaveLength(1)
    // Anvil must always use the faultstring format
    expect(compareError(anvil, webob(msg))).toHaveLength(1)
  })

  it('wants every recorded header, Content-Type by media type only', () => {
    const recorded = { 'Content-Type': 'application/json', Location: 'http://h/v1/nodes/<uuid>' }
    const ok = {
      'content-type': 'application/json; charset=utf-8',
      location: 'http://h/v1/nodes/3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    }
    expect(compareHeaders(recorded, ok, ctx)).toEqual([])
    expect(compareHeaders(recorded, { 'content-type': 'text/plain' }, ctx)).toHaveLength(2)
  })
})
