import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

describe.each(dialects())('nodes API on %s', (dialect) => {
  let t: TestAnvil
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
  })
  afterAll(async () => {
    await t.close()
  })

  it('creates a node in enroll with default interfaces and returns 201 with Location', async () => {
    const r = await t.request({ method: 'POST', url: '/v1/nodes', body: { driver: 'fake-hardware', name: 'n-1' } })
    expect(r.status).toBe(201)
    expect(r.headers.location).toBe(`http://localhost:80/v1/nodes/${r.body.uuid}`)
    expect(r.body).toMatchObject({
      name: 'n-1',
      driver: 'fake-hardware',
      provision_state: 'enroll',
      power_interface: 'fake',
      network_interface: 'noop',
      maintenance: false,
      driver_info: {},
      traits: [],
    })
    expect(r.headers.etag).toMatch(/^".+"$/)
  })

  it('shows a node by name and by uuid, and 404s an unknown one', async () => {
    const byName = await t.request({ url: '/v1/nodes/n-1' })
    expect(byName.status).toBe(200)
    const byUuid = await t.request({ url: `/v1/nodes/${byName.body.uuid}` })
    expect(byUuid.body.name).toBe('n-1')
    const missing = await t.request({ url: '/v1/nodes/nope' })
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe('Node nope could not be found.')
  })

  it('refuses a duplicate name with 409', async () => {
    const r = await t.request({ method: 'POST', url: '/v1/nodes', body: { driver: 'fake-hardware', name: 'n-1' } })
    expect(r.status).toBe(409)
    expect(faultOf(r.body)).toBe('A node with name n-1 already exists.')
  })

  it('refuses unknown fields, wrong types and bad JSON with 400', async () => {
    const unknown = await t.request({ method: 'POST', url: '/v1/nodes', body: { driver: 'fake-hardware', foo: 1 } })
    expect(unknown.status).toBe(400)
    expect(faultOf(unknown.body)).toContain("Additional properties are not allowed ('foo' was unexpected)")
    const wrong = await t.request({ method: 'POST', url: '/v1/nodes', body: { driver: 'fake-hardware', properties: 'x' } })
    expect(wrong.status).toBe(400)
    expect(faultOf(wrong.body)).toContain("'x' is not of type 'object', 'null'")
    const bad = await t.request({ method: 'POST', url: '/v1/nodes', body: '{"driver": ' })
    expect(bad.status).toBe(400)
  })

  it('masks secrets in driver_info', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', driver_info: { ipmi_password: 'hunter2', ipmi_address: '10.0.0.1' } },
    })
    expect(r.body.driver_info).toEqual({ ipmi_password: '******', ipmi_address: '10.0.0.1' })
  })

  it('lists default fields, pages with next links, and sorts', async () => {
    for (const name of ['p-a', 'p-b', 'p-c']) {
      await t.request({ method: 'POST', url: '/v1/nodes', body: { driver: 'fake-hardware', name } })
    }
    const list = await t.request({ url: '/v1/nodes?limit=2&sort_key=name&sort_dir=desc' })
    expect(list.status).toBe(200)
    expect(Object.keys(list.body.nodes[0]).sort()).toEqual(
      ['instance_uuid', 'links', 'maintenance', 'name', 'power_state', 'provision_state', 'uuid'].sort(),
    )
    expect(list.body.nodes.map((n: { name: string }) => n.name)).toEqual(['p-c', 'p-b'])
    const next = new URL(list.body.next)
    const page2 = await t.request({ url: next.pathname + next.search })
    expect(page2.body.nodes[0].name).toBe('p-a')
  })

  it('patches fields, enforces read-only ones, and honours If-Match', async () => {
    const show = await t.request({ url: '/v1/nodes/n-1' })
    const ok = await t.request({
      method: 'PATCH',
      url: '/v1/nodes/n-1',
      body: [{ op: 'add', path: '/extra/foo', value: 'bar' }],
      headers: { 'if-match': show.headers.etag as string },
    })
    expect(ok.status).toBe(200)
    expect(ok.body.extra).toEqual({ foo: 'bar' })
    const stale = await t.request({
      method: 'PATCH',
      url: '/v1/nodes/n-1',
      body: [{ op: 'add', path: '/extra/x', value: 1 }],
      headers: { 'if-match': show.headers.etag as string },
    })
    expect(stale.status).toBe(412)
    const ro = await t.request({ method: 'PATCH', url: '/v1/nodes/n-1', body: [{ op: 'replace', path: '/provision_state', value: 'active' }] })
    expect(ro.status).toBe(400)
    expect(faultOf(ro.body)).toMatch(/^Cannot patch \/provision_state\. Only the following can be updated:/)
  })

  it('negotiates versions: 1.1 without a header, 406 above the maximum', async () => {
    const none = await t.request({ url: '/v1/nodes', version: null })
    expect(none.headers['x-openstack-ironic-api-version']).toBe('1.1')
    const tooNew = await t.request({ url: '/v1/nodes', version: '1.999' })
    expect(tooNew.status).toBe(406)
    expect(tooNew.headers['x-openstack-ironic-api-maximum-version']).toBe('1.115')
  })

  it('deletes a node and 404s afterwards', async () => {
    const del = await t.request({ method: 'DELETE', url: '/v1/nodes/p-a' })
    expect(del.status).toBe(204)
    expect((await t.request({ url: '/v1/nodes/p-a' })).status).toBe(404)
  })
})
