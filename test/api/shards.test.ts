import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { createNode } from '../conductor/helpers.js'

describe.each(dialects())('shards API on %s', (dialect) => {
  let t: TestAnvil
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
  })
  afterAll(async () => {
    await t.close()
  })

  const shards = (version: string | null = 'latest', url = '/v1/shards') =>
    t.request({ url, version })

  it('lists no shard when there is no node', async () => {
    const r = await shards('1.82')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ shards: [] })
  })

  it.each([
    ['/v1/shards', '1.81'],
    ['/v1/shards/shard1', '1.81'],
    ['/v1/shards', '1.1'],
  ])('answers 404 for %s at %s', async (url, version) => {
    const r = await shards(version, url)
    expect(r.status).toBe(404)
    expect(faultOf(r.body)).toBe('The API version does not allow shards')
  })

  it('answers 404 without a version header', async () => {
    const r = await shards(null)
    expect(r.status).toBe(404)
  })

  it('has no single shard to show', async () => {
    const r = await shards('latest', '/v1/shards/shard1')
    expect(r.status).toBe(404)
    expect(faultOf(r.body)).toBe('The resource could not be found.')
  })

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('answers 405 to %s', async (method) => {
    const r = await t.request({ method, url: '/v1/shards', body: {} })
    expect(r.status).toBe(405)
  })

  it('refuses query arguments (Ironic fails with 500)', async () => {
    const r = await shards('latest', '/v1/shards?detail=True')
    expect(r.status).toBe(400)
    expect(faultOf(r.body)).toBe('Unexpected arguments: detail')
  })

  it('counts the nodes of each shard, most populated first, the unsharded as "None"', async () => {
    // the same nodes as asked of Ironic 21.4, which answered with exactly this list
    for (const shard of ['b', 'a', 'a', null, null, null, 'c', 'c']) {
      await createNode(t, shard === null ? {} : { shard })
    }
    const r = await shards('1.82')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      shards: [
        { name: 'None', count: 3 },
        { name: 'a', count: 2 },
        { name: 'c', count: 2 },
        { name: 'b', count: 1 },
      ],
    })
    expect(Object.keys(r.body.shards[0])).toEqual(['name', 'count'])
    expect((await shards('latest', '/v1/shards/')).body).toEqual(r.body)
  })

  it('follows the nodes as they move between shards or go', async () => {
    const list = await t.request({ url: '/v1/nodes?shard=b&fields=uuid' })
    const b = list.body.nodes[0].uuid as string
    const patch = await t.request({
      method: 'PATCH',
      url: `/v1/nodes/${b}`,
      body: [{ op: 'replace', path: '/shard', value: 'c' }],
    })
    expect(patch.status).toBe(200)
    const unsharded = await t.request({ url: '/v1/nodes?sharded=false&fields=uuid' })
    for (const n of unsharded.body.nodes as { uuid: string }[]) {
      expect((await t.request({ method: 'DELETE', url: `/v1/nodes/${n.uuid}` })).status).toBe(204)
    }
    expect((await shards()).body).toEqual({
      shards: [
        { name: 'c', count: 3 },
        { name: 'a', count: 2 },
      ],
    })
  })
})
