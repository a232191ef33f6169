import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

describe.each(dialects())('node maintenance API on %s', (dialect) => {
  let t: TestAnvil
  let uuid: string
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    const r = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', name: 'mt-1' },
    })
    uuid = r.body.uuid
  })
  afterAll(async () => {
    await t.close()
  })

  const db = () => t.anvil.database.db
  const show = async () => (await t.request({ url: `/v1/nodes/${uuid}` })).body
  const put = (body: unknown, query = '', version = 'latest') =>
    t.request({ method: 'PUT', url: `/v1/nodes/${uuid}/maintenance${query}`, body, version })

  it('puts a node in maintenance with a reason: 202 and no body', async () => {
    const before = await show()
    const r = await put({ reason: 'testing' }, '', '1.1')
    expect(r.status).toBe(202)
    expect(r.text).toBe('')
    expect(r.headers.location).toBeUndefined()
    const node = await show()
    expect(node).toMatchObject({ maintenance: true, maintenance_reason: 'testing' })
    expect(node.updated_at).not.toBeNull()
    expect(node.updated_at).not.toBe(before.updated_at)
  })

  it('takes the reason from the query, and none means null', async () => {
    expect((await put(undefined, '?reason=qq')).status).toBe(202)
    expect((await show()).maintenance_reason).toBe('qq')
    expect((await put(undefined)).status).toBe(202)
    expect(await show()).toMatchObject({ maintenance: true, maintenance_reason: null })
  })

  it('refuses a non-string reason and unknown arguments', async () => {
    const bad = await put({ reason: 5 })
    expect(bad.status).toBe(400)
    expect(faultOf(bad.body)).toBe('Expected string for reason: 5')
    expect(faultOf((await put({ foo: 5 })).body)).toBe('Unexpected arguments: foo')
    const del = await t.request({
      method: 'DELETE',
      url: `/v1/nodes/${uuid}/maintenance`,
      body: { reason: 'x' },
    })
    expect(faultOf(del.body)).toBe('Unexpected arguments: reason')
  })

  it('takes a node out of maintenance, clearing the reason and the fault', async () => {
    await put({ reason: 'broken' })
    await db()
      .updateTable('nodes')
      .set({ fault: 'power failure' })
      .where('uuid', '=', uuid)
      .execute()
    const r = await t.request({ method: 'DELETE', url: `/v1/nodes/${uuid}/maintenance` })
    expect(r.status).toBe(202)
    expect(r.text).toBe('')
    expect(await show()).toMatchObject({
      maintenance: false,
      maintenance_reason: null,
      fault: null,
    })
  })

  it('answers 409 while the node is locked, 404 for an unknown node, 405 for GET', async () => {
    await db()
      .updateTable('nodes')
      .set({ reservation: 'other-host' })
      .where('uuid', '=', uuid)
      .execute()
    try {
      const r = await put({ reason: 'x' })
      expect(r.status).toBe(409)
      expect(faultOf(r.body)).toBe(
        `Node ${uuid} is locked by host other-host, please retry after the current operation is completed.`,
      )
    } finally {
      await db().updateTable('nodes').set({ reservation: null }).where('uuid', '=', uuid).execute()
    }
    const missing = await t.request({ method: 'PUT', url: '/v1/nodes/nope/maintenance', body: {} })
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe('Node nope could not be found.')
    const bad = await t.request({ method: 'PUT', url: '/v1/nodes/bad%20x/maintenance', body: {} })
    expect(faultOf(bad.body)).toBe('Expected UUID or name for node_ident: bad x')
    expect((await t.request({ url: `/v1/nodes/${uuid}/maintenance` })).status).toBe(405)
  })

  it('finds the node by name only from 1.5', async () => {
    const named = await t.request({
      method: 'PUT',
      url: '/v1/nodes/mt-1/maintenance',
      body: {},
      version: '1.5',
    })
    expect(named.status).toBe(202)
    const old = await t.request({
      method: 'PUT',
      url: '/v1/nodes/mt-1/maintenance',
      body: {},
      version: '1.1',
    })
    expect(old.status).toBe(404)
    expect(faultOf(old.body)).toBe('Node mt-1 could not be found.')
  })
})
