import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { createNode } from '../conductor/helpers.js'

describe.each(dialects())('node children API on %s', (dialect) => {
  let t: TestAnvil
  let parent: string
  let first: string
  let second: string
  let grandchild: string
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    parent = await createNode(t, { name: 'din' })
    await createNode(t, { name: 'other' })
    first = await createNode(t, { name: 'not-yoda', parent_node: parent })
    second = await createNode(t, { name: 'kryze', parent_node: parent })
    grandchild = await createNode(t, { parent_node: first })
  })
  afterAll(async () => {
    await t.close()
  })

  const children = (ident: string, version: string | null = 'latest', query = '') =>
    t.request({ url: `/v1/nodes/${ident}/children${query}`, version })

  it('lists the UUIDs of the children, oldest first, with a link to them', async () => {
    const r = await children(parent, '1.83')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      children: [first, second],
      links: { href: `http://localhost:80/v1/nodes?parent_node=${parent}`, rel: 'children' },
    })
    expect(Object.keys(r.body)).toEqual(['children', 'links'])
  })

  it('finds the parent by name and lists only its own children', async () => {
    expect((await children('din')).body.children).toEqual([first, second])
    expect((await children('not-yoda')).body.children).toEqual([grandchild])
    const none = await children('other')
    expect(none.body.children).toEqual([])
    expect(none.body.links.href).toMatch(/\/v1\/nodes\?parent_node=[0-9a-f-]{36}$/)
  })

  it('follows children re-parented or deleted', async () => {
    const patch = await t.request({
      method: 'PATCH',
      url: `/v1/nodes/${grandchild}`,
      body: [{ op: 'replace', path: '/parent_node', value: parent }],
    })
    expect(patch.status).toBe(200)
    expect((await children(parent)).body.children).toEqual([first, second, grandchild])
    expect((await t.request({ method: 'DELETE', url: `/v1/nodes/${second}` })).status).toBe(204)
    expect((await children(parent)).body.children).toEqual([first, grandchild])
    expect((await children('not-yoda')).body.children).toEqual([])
  })

  it.each([
    ['1.82', 'din'],
    ['1.1', 'din'],
    ['1.82', 'no-such-node'],
  ])('answers 404 below 1.83 (%s, %s)', async (version, ident) => {
    const r = await children(ident, version)
    expect(r.status).toBe(404)
    expect(faultOf(r.body)).toBe('Resource could not be found.')
  })

  it('checks the node segment before the version, and finds no unknown node', async () => {
    const bad = await children('a%20b', '1.1')
    expect(bad.status).toBe(400)
    expect(faultOf(bad.body)).toBe('Expected UUID or name for node: a b')
    const missing = await children('no-such-node')
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe('Node no-such-node could not be found.')
  })

  it.each([
    ['?detail=True', 'detail'],
    ['?fields=uuid', 'fields'],
    ['?limit=1&x=1', 'limit, x'],
  ])('takes no arguments: %s (Ironic fails with 500)', async (query, names) => {
    const r = await children(parent, 'latest', query)
    expect(r.status).toBe(400)
    expect(faultOf(r.body)).toBe(`Unexpected arguments: ${names}`)
  })

  it('answers 405 to other methods', async () => {
    const r = await t.request({ method: 'POST', url: `/v1/nodes/${parent}/children`, body: {} })
    expect(r.status).toBe(405)
  })
  it('stores a parent named by name as its UUID, and refuses parents it cannot link', async () => {
    const byName = await createNode(t, { parent_node: 'din' })
    const node = await t.request({ url: `/v1/nodes/${byName}` })
    expect(node.body.parent_node).toBe(parent)
    expect((await children('din')).body.children).toContain(byName)
    const invalid = (value: string) =>
      `Unable to apply the requested parent_node '${value}'. Requested value was invalid.`
    const missing = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', parent_node: 'no-such-node' },
    })
    expect(missing.status).toBe(400)
    expect(faultOf(missing.body)).toBe(invalid('no-such-node'))
    const patch = (ident: string, value: string) =>
      t.request({
        method: 'PATCH',
        url: `/v1/nodes/${ident}`,
        body: [{ op: 'replace', path: '/parent_node', value }],
      })
    const moved = await patch(byName, 'other')
    expect(moved.status).toBe(200)
    expect(moved.body.parent_node).not.toBe('other')
    expect((await children('other')).body.children).toEqual([byName])
    const owned = await t.request({
      method: 'PATCH',
      url: '/v1/nodes/other',
      body: [{ op: 'add', path: '/owner', value: 'project-a' }],
    })
    expect(owned.status).toBe(200)
    const mismatch = await patch(await createNode(t), 'other')
    expect(mismatch.status).toBe(400)
    expect(faultOf(mismatch.body)).toBe(invalid('other'))
  })
})
