import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { createNode, historyOf, setColumns } from '../conductor/helpers.js'

const VIF_A = '6b2e2b1a-5d3c-4a8e-9f0a-1c2d3e4f5a6b'

describe.each(dialects())('node VIFs API on %s', (dialect) => {
  let t: TestAnvil
  let mac = 0
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
  })
  afterAll(async () => {
    await t.close()
  })

  /** A node whose `flat` network interface records VIFs on its ports. */
  const flatNode = (body: Record<string, unknown> = {}) =>
    createNode(t, { network_interface: 'flat', ...body })
  const url = (node: string, path = '') => `/v1/nodes/${node}/vifs${path}`
  const list = async (node: string) => (await t.request({ url: url(node) })).body.vifs
  const attach = (node: string, body: unknown, version = 'latest') =>
    t.request({ method: 'POST', url: url(node), body, version })
  const detach = (node: string, vif: string, version = 'latest') =>
    t.request({ method: 'DELETE', url: url(node, `/${vif}`), version })

  async function addPort(node: string, extra: Record<string, unknown> = {}): Promise<string> {
    const address = `52:54:00:00:01:${(mac++).toString(16).padStart(2, '0')}`
    const r = await t.request({
      method: 'POST',
      url: '/v1/ports',
      body: { node_uuid: node, address, ...extra },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body.uuid as string
  }

  async function addPortgroup(node: string): Promise<string> {
    const r = await t.request({ method: 'POST', url: '/v1/portgroups', body: { node_uuid: node } })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body.uuid as string
  }

  const internalInfo = async (kind: 'ports' | 'portgroups', uuid: string) =>
    (await t.request({ url: `/v1/${kind}/${uuid}` })).body.internal_info

  it('exists from 1.28, after the node segment is checked', async () => {
    const node = await flatNode({ name: 'vif-gate' })
    const old = await t.request({ url: url(node), version: '1.27' })
    expect(old.status).toBe(404)
    expect((await attach(node, { id: 'x' }, '1.27')).status).toBe(404)
    expect((await detach(node, 'x', '1.27')).status).toBe(404)
    const ok = await t.request({ url: url('vif-gate'), version: '1.28' })
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual({ vifs: [] })
    const bad = await t.request({ url: url('a%20b') })
    expect(bad.status).toBe(400)
    expect(faultOf(bad.body)).toBe('Expected UUID or name for node: a b')
    const missing = await t.request({ url: url('no-such-node') })
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe('Node no-such-node could not be found.')
    const put = await t.request({ method: 'PUT', url: url(node), body: {} })
    expect(put.status).toBe(405)
  })

  it('refuses bad VIF bodies and arguments with Ironic messages', async () => {
    const node = await flatNode()
    const cases: Array<[string, unknown, string]> = [
      ['', {}, "Schema error for vif: 'id' is a required property"],
      ['', undefined, "Schema error for vif: 'id' is a required property"],
      ['', { id: 5 }, "Schema error for vif: 5 is not of type 'string'"],
      ['', ['x'], "Schema error for vif: ['x'] is not of type 'object'"],
      ['', { id: 'a b' }, 'Expected UUID or name for id: a b'],
      ['?x=1', { id: 'vif-1' }, 'Unexpected arguments: x'],
    ]
    for (const [query, body, message] of cases) {
      const r = await t.request({ method: 'POST', url: `${url(node)}${query}`, body })
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(faultOf(r.body)).toBe(message)
    }
    const badId = await detach(node, 'a%20b')
    expect(badId.status).toBe(400)
    expect(faultOf(badId.body)).toBe('Expected UUID or name for vif_id: a b')
    const unknownNode = await attach('no-such-node', { id: 'vif-1' })
    expect(unknownNode.status).toBe(404)
  })

  it('refuses a VIF when the node has no free port, and records it in the history', async () => {
    const node = await flatNode()
    const r = await attach(node, { id: VIF_A })
    expect(r.status).toBe(400)
    expect(faultOf(r.body)).toBe(`Unable to attach VIF ${VIF_A}, not enough free physical ports.`)
    const events = await historyOf(t, node)
    expect(events.at(-1)).toMatchObject({
      severity: 'ERROR',
      event: `Failed to attach VIF ${VIF_A} to node ${node}. Error: Unable to attach VIF ${VIF_A}, not enough free physical ports.`,
    })
    // Ironic never saves the last_error it sets on the node object here
    expect((await t.request({ url: `/v1/nodes/${node}` })).body.last_error).toBeNull()
  })

  it('attaches to PXE-enabled ports first, lists, refuses duplicates and detaches', async () => {
    const node = await flatNode({ name: 'vif-ports' })
    const noPxe = await addPort(node, { pxe_enabled: false })
    const pxe = await addPort(node)
    const r = await attach('vif-ports', { id: 'vif-a' })
    expect(r.status).toBe(204)
    expect(r.text).toBe('')
    expect(await internalInfo('ports', pxe)).toEqual({ tenant_vif_port_id: 'vif-a' })
    expect(await internalInfo('ports', noPxe)).toEqual({})

    const again = await attach(node, { id: 'vif-a' })
    expect(again.status).toBe(409)
    expect(faultOf(again.body)).toBe(
      `Unable to attach VIF because VIF vif-a is already attached to Ironic Port ${pxe}`,
    )

    expect((await attach(node, { id: 'vif-b', extra_key: 'kept' })).status).toBe(204)
    expect(await internalInfo('ports', noPxe)).toEqual({ tenant_vif_port_id: 'vif-b' })
    expect(await list(node)).toEqual([{ id: 'vif-b' }, { id: 'vif-a' }])
    const full = await attach(node, { id: 'vif-c' })
    expect(full.status).toBe(400)
    expect(faultOf(full.body)).toBe('Unable to attach VIF vif-c, not enough free physical ports.')

    const d = await detach('vif-ports', 'vif-a')
    expect(d.status).toBe(204)
    expect(await internalInfo('ports', pxe)).toEqual({})
    expect(await list(node)).toEqual([{ id: 'vif-b' }])
    const gone = await detach(node, 'vif-a')
    expect(gone.status).toBe(400)
    expect(faultOf(gone.body)).toBe(
      `Unable to detach VIF vif-a from node ${node} because it is not attached to it.`,
    )
    const events = await historyOf(t, node)
    expect(events.at(-1)?.event).toBe(
      `Failed to detach VIF vif-a from node ${node}, Error: Unable to detach VIF vif-a from node ${node} because it is not attached to it.`,
    )
  })

  it('drops a legacy extra.vif_port_id on detach', async () => {
    const node = await flatNode()
    const port = await addPort(node, { extra: { vif_port_id: 'old', rack: 'r1' } })
    expect((await attach(node, { id: 'vif-x' })).status).toBe(204)
    expect((await detach(node, 'vif-x')).status).toBe(204)
    expect((await t.request({ url: `/v1/ports/${port}` })).body.extra).toEqual({ rack: 'r1' })
  })

  it('prefers port groups, and uses a group member when another member has a VIF', async () => {
    const node = await flatNode()
    const pg = await addPortgroup(node)
    const m1 = await addPort(node, { portgroup_uuid: pg })
    const m2 = await addPort(node, { portgroup_uuid: pg })
    const lone = await addPort(node, { pxe_enabled: false })
    expect((await attach(node, { id: 'vif-pg' })).status).toBe(204)
    expect(await internalInfo('portgroups', pg)).toEqual({ tenant_vif_port_id: 'vif-pg' })
    const again = await attach(node, { id: 'vif-pg' })
    expect(again.status).toBe(409)
    expect(faultOf(again.body)).toBe(
      `Unable to attach VIF because VIF vif-pg is already attached to Ironic Portgroup ${pg}`,
    )
    expect(await list(node)).toEqual([{ id: 'vif-pg' }])
    expect((await detach(node, 'vif-pg')).status).toBe(204)

    // a member port with a VIF makes the group unusable; its other members become candidates
    await t.anvil.database.db
      .updateTable('ports')
      .set({ internal_info: JSON.stringify({ tenant_vif_port_id: 'vif-m1' }) })
      .where('uuid', '=', m1)
      .execute()
    expect((await attach(node, { id: 'vif-m2' })).status).toBe(204)
    expect(await internalInfo('ports', m2)).toEqual({ tenant_vif_port_id: 'vif-m2' })
    expect(await internalInfo('portgroups', pg)).toEqual({})
    expect((await attach(node, { id: 'vif-lone' })).status).toBe(204)
    expect(await internalInfo('ports', lone)).toEqual({ tenant_vif_port_id: 'vif-lone' })
  })

  it('attaches to the port or port group named in the body', async () => {
    const node = await flatNode()
    const pg = await addPortgroup(node)
    await addPort(node, { portgroup_uuid: pg })
    const p1 = await addPort(node)
    const p2 = await addPort(node)
    expect((await attach(node, { id: 'vif-p2', port_uuid: p2 }, '1.67')).status).toBe(204)
    expect(await internalInfo('ports', p2)).toEqual({ tenant_vif_port_id: 'vif-p2' })
    const both = await attach(node, { id: 'vif-z', port_uuid: p1, portgroup_uuid: pg }, '1.67')
    expect(both.status).toBe(400)
    expect(faultOf(both.body)).toBe('Cannot specify both port_uuid and portgroup_uuid')
    // before 1.67 the API does not check, and the port wins as in Ironic's driver
    expect((await attach(node, { id: 'vif-p1', port_uuid: p1, portgroup_uuid: pg }, '1.66')).status).toBe(204)
    expect(await internalInfo('ports', p1)).toEqual({ tenant_vif_port_id: 'vif-p1' })
    expect(await internalInfo('portgroups', pg)).toEqual({})
    expect((await attach(node, { id: 'vif-pg', portgroup_uuid: pg })).status).toBe(204)
    expect(await internalInfo('portgroups', pg)).toEqual({ tenant_vif_port_id: 'vif-pg' })
    const taken = await attach(node, { id: 'vif-q', port_uuid: p1 })
    expect(taken.status).toBe(400)
    expect(faultOf(taken.body)).toBe('Unable to attach VIF vif-q, not enough free physical ports.')
  })

  it('skips Smart NIC ports without switch information', async () => {
    const node = await flatNode()
    await t.anvil.database.db
      .insertInto('ports')
      .values({
        uuid: 'a4b6c8d0-1e2f-4a5b-8c7d-9e0f1a2b3c4d',
        address: '52:54:00:00:02:01',
        node_id: (await t.anvil.database.db
          .selectFrom('nodes')
          .select('id')
          .where('uuid', '=', node)
          .executeTakeFirstOrThrow()).id,
        is_smartnic: 1,
        internal_info: '{}',
        extra: '{}',
        local_link_connection: '{}',
        created_at: new Date().toISOString(),
      })
      .execute()
    const r = await attach(node, { id: 'vif-s' })
    expect(r.status).toBe(400)
  })

  it('needs the node lock to attach or detach, not to list', async () => {
    const node = await flatNode()
    await addPort(node)
    await setColumns(t, node, { reservation: 'other-conductor' })
    const r = await attach(node, { id: 'vif-l' })
    expect(r.status).toBe(409)
    expect(faultOf(r.body)).toContain(`Node ${node} is locked by host other-conductor`)
    expect((await t.request({ url: url(node) })).status).toBe(200)
    await setColumns(t, node, { reservation: null })
  })
  it('accepts and forgets VIFs on a noop network interface, as Ironic does', async () => {
    const node = await createNode(t, { network_interface: 'noop' })
    await addPort(node)
    const r = await attach(node, { id: VIF_A })
    expect(r.status).toBe(204)
    expect(await list(node)).toEqual([])
    expect((await detach(node, VIF_A)).status).toBe(204)
  })
})
