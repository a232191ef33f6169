import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deleteInventory, findInventory, saveInventory } from '../../src/db/repos/inventory.js'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { act, nodeIn } from '../conductor/helpers.js'

const INVENTORY = {
  cpu: { count: 4, architecture: 'x86_64', model_name: 'QEMU Virtual CPU' },
  memory: { physical_mb: 8192, total: 8589934592 },
  interfaces: [{ name: 'eth0', mac_address: '52:54:00:12:34:56', ipv4_address: '192.0.2.10' }],
  disks: [{ name: '/dev/vda', size: 21474836480, rotational: false }],
  bmc_address: '192.0.2.1',
}
const PLUGIN_DATA = { root_disk: { name: '/dev/vda' }, all_interfaces: { eth0: {} } }

describe.each(dialects())('node inventory API on %s', (dialect) => {
  let t: TestAnvil
  let node: string
  let nodeId: number
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    node = await nodeIn(t, 'manageable', { name: 'inv-1' })
    const row = await t.anvil.database.db
      .selectFrom('nodes')
      .select('id')
      .where('uuid', '=', node)
      .executeTakeFirstOrThrow()
    nodeId = row.id
  })
  afterAll(async () => {
    await t.close()
  })

  const db = () => t.anvil.database.db
  const get = (ident = node, version = 'latest') =>
    t.request({ url: `/v1/nodes/${ident}/inventory`, version })
  const now = () => new Date().toISOString()

  it('exists from 1.81', async () => {
    expect((await get(node, '1.80')).status).toBe(404)
    const bad = await get('a%20b')
    expect(bad.status).toBe(400)
    expect(faultOf(bad.body)).toBe('Expected UUID or name for node: a b')
    const missing = await get('no-such-node')
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe('Node no-such-node could not be found.')
    const post = await t.request({ method: 'POST', url: `/v1/nodes/${node}/inventory`, body: {} })
    expect(post.status).toBe(405)
  })

  it('answers 404 naming the node by database id when nothing is stored', async () => {
    const r = await get(node, '1.81')
    expect(r.status).toBe(404)
    expect(faultOf(r.body)).toBe(`Node inventory record for node ${nodeId} could not be found.`)
  })

  it('stores nothing when the fake inspect interface inspects, as Ironic does', async () => {
    const n = await act(t, node, { target: 'inspect' })
    expect(n.provision_state).toBe('manageable')
    expect((await get()).status).toBe(404)
  })

  it('returns the stored inventory and plugin data', async () => {
    await saveInventory(db(), nodeId, INVENTORY, PLUGIN_DATA, now())
    const r = await get('inv-1', '1.81')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ inventory: INVENTORY, plugin_data: PLUGIN_DATA })
    expect(Object.keys(r.body)).toEqual(['inventory', 'plugin_data'])
    const q = await t.request({ url: `/v1/nodes/${node}/inventory?x=1` })
    expect(q.status).toBe(400)
    expect(faultOf(q.body)).toBe('Unexpected arguments: x')
  })

  it('keeps only the newest data, and reads null columns as {}', async () => {
    await saveInventory(db(), nodeId, { cpu: { count: 1 } }, {}, now())
    expect((await get()).body).toEqual({ inventory: { cpu: { count: 1 } }, plugin_data: {} })
    const rows = await db().selectFrom('node_inventory').selectAll().where('node_id', '=', nodeId).execute()
    expect(rows).toHaveLength(1)
    await db().updateTable('node_inventory').set({ plugin_data: null }).where('node_id', '=', nodeId).execute()
    expect((await findInventory(db(), nodeId))?.plugin_data).toEqual({})
    expect((await get()).body.plugin_data).toEqual({})
  })

  it('reads the newest row when an old database holds several', async () => {
    await db()
      .insertInto('node_inventory')
      .values({
        node_id: nodeId,
        inventory_data: JSON.stringify({ old: true }),
        plugin_data: '{}',
        created_at: '2020-01-01T00:00:00.000000+00:00',
      })
      .execute()
    expect((await get()).body.inventory).toEqual({ cpu: { count: 1 } })
  })

  it('is gone once deleted, and with its node', async () => {
    expect(await deleteInventory(db(), nodeId)).toBe(true)
    expect(await deleteInventory(db(), nodeId)).toBe(false)
    expect((await get()).status).toBe(404)
    await saveInventory(db(), nodeId, INVENTORY, PLUGIN_DATA, now())
    expect((await t.request({ method: 'DELETE', url: `/v1/nodes/${node}` })).status).toBe(204)
    expect(await findInventory(db(), nodeId)).toBeUndefined()
  })
})
