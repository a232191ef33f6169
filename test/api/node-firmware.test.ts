import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createFirmwareComponent,
  findFirmwareComponent,
  listFirmwareComponents,
  updateFirmwareComponent,
} from '../../src/db/repos/firmware.js'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { act, nodeIn } from '../conductor/helpers.js'

const CREATED = '2016-08-18T22:28:49.653974+00:00'
const UPDATED = '2016-08-19T10:00:00.000000+00:00'
const ALL_FIELDS =
  "['created_at', 'updated_at', 'component', 'initial_version', 'current_version', " +
  "'last_version_flashed', 'vendor', 'model', 'serial_number']"

describe.each(dialects())('node firmware API on %s', (dialect) => {
  let t: TestAnvil
  let node: string
  let nodeId: number
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    node = await nodeIn(t, 'manageable', { name: 'fw-1' })
    const row = await db()
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
  const get = (ident = node, version: string | null = 'latest', query = '') =>
    t.request({ url: `/v1/nodes/${ident}/firmware${query}`, version })

  it('exists from 1.86, after the node segment is checked', async () => {
    for (const version of ['1.85', '1.1', null]) {
      const r = await get(node, version)
      expect(r.status).toBe(404)
      expect(faultOf(r.body)).toBe('The resource could not be found.')
    }
    expect((await get('no-such-node', '1.85')).status).toBe(404)
    const bad = await get('a%20b', '1.85')
    expect(bad.status).toBe(400)
    expect(faultOf(bad.body)).toBe('Expected UUID or name for node: a b')
    const missing = await get('no-such-node')
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe('Node no-such-node could not be found.')
    const post = await t.request({ method: 'POST', url: `/v1/nodes/${node}/firmware`, body: {} })
    expect(post.status).toBe(405)
  })

  it('records nothing when the fake firmware interface updates, as Ironic does', async () => {
    const settings = [{ component: 'bmc', url: 'http://images.example/bmc.bin' }]
    const n = await act(t, node, {
      target: 'clean',
      clean_steps: [{ interface: 'firmware', step: 'update', args: { settings } }],
    })
    expect(n.provision_state).toBe('manageable')
    expect(n.last_error).toBeNull()
    const r = await get(node, '1.86')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ firmware: [] })
  })

  it('stores components through the repository, one per name', async () => {
    const bmc = await createFirmwareComponent(db(), nodeId, {
      component: 'bmc',
      initial_version: 'v1.0.0',
      current_version: 'v1.0.0',
      created_at: CREATED,
    })
    expect(bmc).toMatchObject({ node_id: nodeId, component: 'bmc', last_version_flashed: null })
    const again = { component: 'bmc', initial_version: 'v9', created_at: CREATED }
    expect(await createFirmwareComponent(db(), nodeId, again)).toBeUndefined()
    await createFirmwareComponent(db(), nodeId, {
      component: 'BIOS',
      initial_version: 'v1.0.0',
      current_version: 'v1.0.0',
      created_at: CREATED,
    })
    await createFirmwareComponent(db(), nodeId, {
      component: 'NIC:SN123',
      initial_version: '22.0.9',
      current_version: '22.0.9',
      vendor: 'Intel Corporation',
      model: 'XXV710',
      serial_number: 'SN123',
      created_at: CREATED,
    })
    const changed = await updateFirmwareComponent(db(), nodeId, 'NIC:SN123', {
      current_version: '22.5.0',
      last_version_flashed: '22.5.0',
      updated_at: UPDATED,
    })
    expect(changed).toMatchObject({ initial_version: '22.0.9', current_version: '22.5.0' })
    const none = await updateFirmwareComponent(db(), nodeId, 'nope', { updated_at: UPDATED })
    expect(none).toBeUndefined()
    expect(await findFirmwareComponent(db(), nodeId, 'nope')).toBeUndefined()
    const names = (await listFirmwareComponents(db(), nodeId)).map((c) => c.component)
    expect(names).toEqual(['BIOS', 'NIC:SN123', 'bmc'])
  })

  it('lists the components by name with the default fields before 1.114', async () => {
    const r = await get('fw-1', '1.86')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      firmware: [
        {
          created_at: CREATED,
          updated_at: null,
          component: 'BIOS',
          initial_version: 'v1.0.0',
          current_version: 'v1.0.0',
          last_version_flashed: null,
        },
        {
          created_at: CREATED,
          updated_at: UPDATED,
          component: 'NIC:SN123',
          initial_version: '22.0.9',
          current_version: '22.5.0',
          last_version_flashed: '22.5.0',
        },
        {
          created_at: CREATED,
          updated_at: null,
          component: 'bmc',
          initial_version: 'v1.0.0',
          current_version: 'v1.0.0',
          last_version_flashed: null,
        },
      ],
    })
    expect(Object.keys(r.body.firmware[0])).toEqual([
      'created_at',
      'updated_at',
      'component',
      'initial_version',
      'current_version',
      'last_version_flashed',
    ])
    expect((await get(node, '1.113')).body).toEqual(r.body)
  })

  it('adds vendor, model and serial_number from 1.114', async () => {
    const r = await get(node, '1.114')
    expect(r.status).toBe(200)
    const [bios, nic] = r.body.firmware
    expect(Object.keys(nic)).toEqual([
      'created_at',
      'updated_at',
      'component',
      'initial_version',
      'current_version',
      'last_version_flashed',
      'vendor',
      'model',
      'serial_number',
    ])
    expect(nic).toMatchObject({
      vendor: 'Intel Corporation',
      model: 'XXV710',
      serial_number: 'SN123',
    })
    expect(bios).toMatchObject({ vendor: null, model: null, serial_number: null })
  })

  it('shows the timestamps and the asked fields, in the asked order', async () => {
    const r = await get(node, '1.86', '?fields=last_version_flashed,%20COMPONENT,component')
    expect(r.status).toBe(200)
    expect(r.body.firmware[1]).toEqual({
      created_at: CREATED,
      updated_at: UPDATED,
      last_version_flashed: '22.5.0',
      component: 'NIC:SN123',
    })
    expect(Object.keys(r.body.firmware[1])).toEqual([
      'created_at',
      'updated_at',
      'last_version_flashed',
      'component',
    ])
    const identity = await get(node, '1.114', '?fields=component,vendor,model,serial_number')
    expect(identity.body.firmware[1]).toEqual({
      created_at: CREATED,
      updated_at: UPDATED,
      component: 'NIC:SN123',
      vendor: 'Intel Corporation',
      model: 'XXV710',
      serial_number: 'SN123',
    })
    const stamps = await get(node, 'latest', '?fields=updated_at')
    expect(stamps.body.firmware[0]).toEqual({ created_at: CREATED, updated_at: null })
  })

  it.each([
    ['1.113', '?fields=component,vendor', 'Fields vendor are not allowed'],
    ['1.86', '?fields=serial_number,model', 'Fields model, serial_number are not allowed'],
  ])('refuses identity fields below 1.114 (%s %s)', async (version, query, start) => {
    const r = await get(node, version, query)
    expect(r.status).toBe(400)
    expect(faultOf(r.body)).toBe(
      `${start} in this API version. They require at least API version 1.114.`,
    )
  })

  it.each([
    ['?x=1', 'Unexpected arguments: x'],
    ['?fields=component&limit=1', 'Unexpected arguments: limit'],
    ['?fields=links', `Schema error: 'links' is not one of ${ALL_FIELDS}`],
    ['?fields=component,foo', `Schema error: 'foo' is not one of ${ALL_FIELDS}`],
    // Ironic passes detail on as a string, which its schema wants boolean: it always fails
    ['?detail=True', "Schema error: 'True' is not of type 'boolean'"],
    ['?detail=false&fields=component', "Schema error: 'false' is not of type 'boolean'"],
  ])('checks the query %s', async (query, message) => {
    const r = await get(node, '1.86', query)
    expect(r.status).toBe(400)
    expect(faultOf(r.body)).toBe(message)
  })

  it('checks the query before looking the node up', async () => {
    const r = await get('no-such-node', 'latest', '?x=1')
    expect(r.status).toBe(400)
    expect(faultOf(r.body)).toBe('Unexpected arguments: x')
  })

  it('lists nothing for a node without components, and loses them with their node', async () => {
    const other = await nodeIn(t, 'enroll')
    expect((await get(other)).body).toEqual({ firmware: [] })
    expect((await t.request({ method: 'DELETE', url: `/v1/nodes/${node}` })).status).toBe(204)
    expect(await listFirmwareComponents(db(), nodeId)).toEqual([])
  })
})
