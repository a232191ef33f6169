/** @module PUT /v1/nodes/{node}/states/raid: the target RAID configuration (≥1.12). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { createNode, getNode, setColumns } from '../conductor/helpers.js'

const CONFIG = { logical_disks: [{ raid_level: '1', size_gb: 100, is_root_volume: true }] }

describe.each(dialects())('target RAID config on %s', (dialect) => {
  let t: TestAnvil
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
  })
  afterAll(async () => {
    await t.close()
  })
  const put = (node: string, body: unknown, version = 'latest') =>
    t.request({ method: 'PUT', url: `/v1/nodes/${node}/states/raid`, body, version })

  it('stores a valid configuration, shown by the node and its states, and clears it with {}', async () => {
    const node = await createNode(t, { name: 'raid-ok' })
    const r = await put('raid-ok', CONFIG)
    expect(r.status, r.text).toBe(204)
    expect(r.text).toBe('')
    expect((await getNode(t, node)).target_raid_config).toEqual(CONFIG)
    const states = await t.request({ url: `/v1/nodes/${node}/states` })
    expect(states.body.target_raid_config).toEqual(CONFIG)
    expect((await put(node, {})).status).toBe(204)
    expect((await getNode(t, node)).target_raid_config).toEqual({})
  })

  it('refuses what is not a valid RAID configuration, with Ironic messages', async () => {
    const node = await createNode(t)
    const bad = await put(node, { logical_disks: [{ raid_level: '7', size_gb: 1 }] })
    expect(bad.status).toBe(400)
    expect(faultOf(bad.body)).toBe(
      "RAID config validation error: '7' is not one of ['JBOD', '0', '1', '2', '5', '6', '1+0', '5+0', '6+0']",
    )
    const list = await put(node, [1])
    expect(list.status).toBe(400)
    expect(faultOf(list.body)).toBe("Expected types <class 'dict'> for target_raid_config: [1]")
    expect((await getNode(t, node)).target_raid_config).toEqual({})
  })

  it('answers 406 below 1.12, after finding the node', async () => {
    const node = await createNode(t)
    expect((await put(node, CONFIG, '1.11')).status).toBe(406)
    expect((await put('no-such-node', CONFIG, '1.11')).status).toBe(404)
    expect((await put(node, CONFIG, '1.12')).status).toBe(204)
  })

  it('answers 404 when the RAID interface cannot validate, yet lets {} through', async () => {
    const node = await createNode(t, { raid_interface: 'no-raid' })
    const r = await put(node, CONFIG)
    expect(r.status).toBe(404)
    expect(faultOf(r.body)).toBe(
      'Driver fake-hardware does not support raid (disabled or not implemented).',
    )
    expect((await put(node, {})).status).toBe(204)
  })

  it('answers 409 while another conductor holds the node', async () => {
    const node = await createNode(t)
    await setColumns(t, node, { reservation: 'other-conductor' })
    const r = await put(node, CONFIG)
    expect(r.status).toBe(409)
    expect(faultOf(r.body)).toContain('is locked by host other-conductor')
    await setColumns(t, node, { reservation: null })
  })
})
