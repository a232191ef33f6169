import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

describe.each(dialects())('node tags API on %s', (dialect) => {
  let t: TestAnvil
  let uuid: string
  const tagsOf = async (ident = 'tagged') =>
    (await t.request({ url: `/v1/nodes/${ident}/tags` })).body.tags

  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    const r = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', name: 'tagged' },
    })
    uuid = r.body.uuid
    await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', name: 'other' },
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('starts with no tags, by name or uuid, at any version', async () => {
    const r = await t.request({ url: `/v1/nodes/${uuid}/tags`, version: null })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ tags: [] })
    expect(r.headers.etag).toMatch(/^".+"$/)
    expect(await tagsOf()).toEqual([])
  })

  it('adds tags one at a time with 204, bumping the ETag only on change', async () => {
    const before = (await t.request({ url: '/v1/nodes/tagged' })).headers.etag
    const add = await t.request({ method: 'PUT', url: '/v1/nodes/tagged/tags/rack-1' })
    expect(add.status).toBe(204)
    expect(add.text).toBe('')
    expect(add.headers.etag).not.toBe(before)
    const again = await t.request({ method: 'PUT', url: '/v1/nodes/tagged/tags/rack-1' })
    expect(again.status).toBe(204)
    expect(again.headers.etag).toBe(add.headers.etag)
    await t.request({ method: 'PUT', url: '/v1/nodes/tagged/tags/gpu' })
    expect(await tagsOf()).toEqual(['gpu', 'rack-1'])
    const node = await t.request({ url: '/v1/nodes/tagged' })
    expect(node.headers.etag).not.toBe(before)
  })

  it('checks one tag with GET: 204 when present, 404 when not', async () => {
    expect((await t.request({ url: '/v1/nodes/tagged/tags/gpu' })).status).toBe(204)
    const missing = await t.request({ url: '/v1/nodes/tagged/tags/nope' })
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe(`Node ${uuid} doesn't have a tag 'nope'`)
  })

  it('replaces every tag with PUT, dropping duplicates', async () => {
    const r = await t.request({
      method: 'PUT',
      url: '/v1/nodes/tagged/tags',
      body: { tags: ['b', 'a', 'b', 'ünï'] },
    })
    expect(r.status).toBe(204)
    expect(await tagsOf()).toEqual(['a', 'b', 'ünï'])
  })

  it('filters node lists on every tag given, and shows tags with fields=tags', async () => {
    await t.request({ method: 'PUT', url: '/v1/nodes/other/tags', body: { tags: ['a'] } })
    const both = await t.request({ url: '/v1/nodes?tags=a,b&fields=name,tags' })
    expect(both.body.nodes).toEqual([
      { name: 'tagged', tags: ['a', 'b', 'ünï'], links: expect.any(Array) },
    ])
    const one = await t.request({ url: '/v1/nodes?tags=a&fields=name&sort_key=name' })
    expect(one.body.nodes.map((n: { name: string }) => n.name)).toEqual(['other', 'tagged'])
    const none = await t.request({ url: '/v1/nodes?tags=zzz' })
    expect(none.body.nodes).toEqual([])
  })

  it('removes one tag with DELETE, 404 when the node does not have it', async () => {
    expect((await t.request({ method: 'DELETE', url: '/v1/nodes/tagged/tags/b' })).status).toBe(204)
    expect(await tagsOf()).toEqual(['a', 'ünï'])
    const again = await t.request({ method: 'DELETE', url: '/v1/nodes/tagged/tags/b' })
    expect(again.status).toBe(404)
    expect(faultOf(again.body)).toBe(`Node ${uuid} doesn't have a tag 'b'`)
    const encoded = await t.request({
      method: 'DELETE',
      url: `/v1/nodes/tagged/tags/${encodeURIComponent('ünï')}`,
    })
    expect(encoded.status).toBe(204)
  })

  it('removes every tag with DELETE on the collection', async () => {
    const r = await t.request({ method: 'DELETE', url: '/v1/nodes/tagged/tags' })
    expect(r.status).toBe(204)
    expect(await tagsOf()).toEqual([])
    expect((await t.request({ method: 'DELETE', url: '/v1/nodes/tagged/tags' })).status).toBe(204)
  })

  it('refuses bad tags and bodies with 400 in Ironic format', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      [
        'PUT',
        '/v1/nodes/tagged/tags/a%2Cb',
        undefined,
        "Schema error for tag: 'a,b' does not match",
      ],
      ['PUT', '/v1/nodes/tagged/tags', { tags: ['x'.repeat(256)] }, 'is too long'],
      ['PUT', '/v1/nodes/tagged/tags', { tags: [''] }, "Schema error for tags: '' is too short"],
      ['PUT', '/v1/nodes/tagged/tags', { tags: [' pad'] }, 'does not match'],
      [
        'PUT',
        '/v1/nodes/tagged/tags',
        { tags: 'a' },
        "Schema error for tags: 'a' is not of type 'array'",
      ],
      ['PUT', '/v1/nodes/tagged/tags', { tags: [1] }, "1 is not of type 'string'"],
      ['PUT', '/v1/nodes/tagged/tags', {}, "Schema error for tags: 'tags' is a required property"],
      ['PUT', '/v1/nodes/tagged/tags', { tags: [], x: 1 }, 'Additional properties are not allowed'],
    ]
    for (const [method, url, body, message] of cases) {
      const r = await t.request({ method, url, body })
      expect(r.status, url).toBe(400)
      expect(faultOf(r.body)).toContain(message)
    }
    const longest = await t.request({
      method: 'PUT',
      url: '/v1/nodes/tagged/tags',
      body: { tags: ['x'.repeat(255)] },
    })
    expect(longest.status).toBe(204)
    await t.request({ method: 'DELETE', url: '/v1/nodes/tagged/tags' })
  })

  it('honours If-Match on writes with 412 for a stale ETag', async () => {
    const { etag } = (await t.request({ url: '/v1/nodes/tagged/tags' })).headers as { etag: string }
    const stale = await t.request({
      method: 'PUT',
      url: '/v1/nodes/tagged/tags/x',
      headers: { 'if-match': '"0-0"' },
    })
    expect(stale.status).toBe(412)
    const ok = await t.request({
      method: 'PUT',
      url: '/v1/nodes/tagged/tags/x',
      headers: { 'if-match': etag },
    })
    expect(ok.status).toBe(204)
    const old = await t.request({
      method: 'DELETE',
      url: '/v1/nodes/tagged/tags',
      headers: { 'if-match': etag },
    })
    expect(old.status).toBe(412)
    expect(await tagsOf()).toEqual(['x'])
  })

  it('404s an unknown node and 405s other methods', async () => {
    const missing = await t.request({ url: '/v1/nodes/nope/tags' })
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe('Node nope could not be found.')
    const add = await t.request({ method: 'PUT', url: '/v1/nodes/nope/tags/a' })
    expect(add.status).toBe(404)
    expect(
      (await t.request({ method: 'POST', url: '/v1/nodes/tagged/tags', body: {} })).status,
    ).toBe(405)
  })

  it('drops the tags with the node', async () => {
    await t.request({ method: 'PUT', url: '/v1/nodes/other/tags/gone' })
    expect((await t.request({ method: 'DELETE', url: '/v1/nodes/other' })).status).toBe(204)
    const rows = await t.anvil.database.db
      .selectFrom('node_tags')
      .select('tag')
      .where('tag', '=', 'gone')
      .execute()
    expect(rows).toEqual([])
  })
})
