import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

const MISSING = '00000000-0000-4000-8000-000000000001'

describe.each(dialects())('portgroups API on %s', (dialect) => {
  let t: TestAnvil
  let node: string
  let node2: string
  let pg: string
  let pg2: string
  const post = (body: unknown, version = 'latest') =>
    t.request({ method: 'POST', url: '/v1/portgroups', body, version })
  const patch = (
    ident: string,
    body: unknown,
    version = 'latest',
    headers: Record<string, string> = {},
  ) => t.request({ method: 'PATCH', url: `/v1/portgroups/${ident}`, body, version, headers })

  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    node = (
      await t.request({
        method: 'POST',
        url: '/v1/nodes',
        body: { driver: 'fake-hardware', name: 'gn-1' },
      })
    ).body.uuid
    node2 = (
      await t.request({
        method: 'POST',
        url: '/v1/nodes',
        body: { driver: 'fake-hardware', name: 'gn-2' },
      })
    ).body.uuid
  })
  afterAll(async () => {
    await t.close()
  })

  it('does not exist below 1.23', async () => {
    const list = await t.request({ url: '/v1/portgroups', version: '1.22' })
    expect([list.status, faultOf(list.body)]).toEqual([404, 'Resource could not be found.'])
    expect((await t.request({ url: '/v1/portgroups/detail', version: '1.22' })).status).toBe(404)
    expect((await t.request({ url: `/v1/portgroups/${MISSING}`, version: '1.22' })).status).toBe(
      404,
    )
    expect((await post({ node_uuid: node }, '1.22')).status).toBe(404)
    expect((await t.request({ url: `/v1/nodes/${node}/portgroups`, version: '1.23' })).status).toBe(
      404,
    )
  })

  it('creates portgroups with defaults, 201 and Location', async () => {
    const r = await post({ node_uuid: node, name: 'bond0', address: '52:54:00:CC:00:01' }, '1.23')
    expect(r.status).toBe(201)
    pg = r.body.uuid
    expect(r.headers.location).toBe(`http://localhost:80/v1/portgroups/${pg}`)
    expect(Object.keys(r.body)).toEqual([
      'uuid',
      'created_at',
      'updated_at',
      'address',
      'extra',
      'internal_info',
      'mode',
      'name',
      'properties',
      'standalone_ports_supported',
      'node_uuid',
      'links',
      'ports',
    ])
    expect(r.body).toMatchObject({
      address: '52:54:00:cc:00:01',
      mode: 'active-backup',
      properties: {},
      standalone_ports_supported: true,
      node_uuid: node,
    })
    expect(r.body.ports[0].href).toBe(`http://localhost:80/v1/portgroups/${pg}/ports`)
    const full = await post({
      node_uuid: node,
      name: 'bond1',
      mode: '802.3ad',
      properties: { miimon: 100 },
      standalone_ports_supported: 'false',
    })
    pg2 = full.body.uuid
    expect(full.body).toMatchObject({
      mode: '802.3ad',
      properties: { miimon: 100 },
      standalone_ports_supported: false,
      physical_network: null,
      category: null,
      dynamic_portgroup: false,
    })
  })

  it('refuses bad bodies with Ironic messages', async () => {
    const cases: Array<[unknown, number, string, string?]> = [
      [{ node_uuid: node, name: 'bond0' }, 409, 'A portgroup with name bond0 already exists.'],
      [
        { node_uuid: node, address: '52:54:00:cc:00:01' },
        409,
        'A portgroup with MAC address 52:54:00:cc:00:01 already exists.',
      ],
      [
        { node_uuid: node, name: 'bad name' },
        400,
        "Cannot create portgroup with invalid name 'bad name'",
      ],
      [{ node_uuid: node, mode: '802.3ad' }, 406, 'Request not acceptable.', '1.23'],
      [{ name: 'x' }, 400, "Schema error for portgroup: 'node_uuid' is a required property"],
      [{ node_uuid: MISSING }, 400, `Node ${MISSING} could not be found.`],
      [{ node_uuid: node, address: 'x' }, 400, 'Expected valid MAC address for address: x'],
      [
        { node_uuid: node, physical_network: 'p' },
        400,
        "Schema error for portgroup: Additional properties are not allowed ('physical_network' was unexpected)",
        '1.82',
      ],
      [{ node_uuid: node, physical_network: 'p' }, 406, 'Request not acceptable.', '1.101'],
    ]
    for (const [body, status, message, version] of cases) {
      const r = await post(body, version)
      expect([r.status, faultOf(r.body)]).toEqual([status, message])
    }
    // mode: null is not "setting" it, as in Ironic
    expect((await post({ node_uuid: node, mode: null, name: 'bond9' }, '1.23')).status).toBe(201)
  })

  it('shows by UUID or name, with fields and version gates', async () => {
    expect((await t.request({ url: '/v1/portgroups/bond0' })).body.uuid).toBe(pg)
    const at23 = await t.request({ url: `/v1/portgroups/${pg}`, version: '1.23' })
    expect(at23.body).toHaveProperty('mode')
    expect(at23.headers.etag).toMatch(/^".+"$/)
    const bad = await t.request({ url: '/v1/portgroups/bad%20x' })
    expect([bad.status, faultOf(bad.body)]).toEqual([
      400,
      'Expected UUID or name for portgroup: bad x',
    ])
    const missing = await t.request({ url: `/v1/portgroups/${MISSING}` })
    expect([missing.status, faultOf(missing.body)]).toEqual([
      404,
      `Portgroup ${MISSING} could not be found.`,
    ])
    const fields = await t.request({ url: `/v1/portgroups/${pg}?fields=ports,uuid` })
    expect(Object.keys(fields.body)).toEqual(['uuid', 'links', 'ports'])
    expect(
      (await t.request({ url: `/v1/portgroups/${pg}?fields=uuid,mode`, version: '1.25' })).status,
    ).toBe(406)
    expect(
      (await t.request({ url: `/v1/portgroups/${pg}?fields=dynamic_portgroup`, version: '1.110' }))
        .status,
    ).toBe(406)
    const bogus = await t.request({ url: `/v1/portgroups/${pg}?fields=uuid,bogus` })
    expect(faultOf(bogus.body)).toBe('Field(s) "bogus" are not valid')
    const latest = await t.request({ url: `/v1/portgroups/${pg}` })
    expect(latest.body).toMatchObject({
      physical_network: null,
      category: null,
      dynamic_portgroup: false,
    })
  })

  it('lists, filters and pages portgroups', async () => {
    const list = await t.request({ url: '/v1/portgroups?limit=1', version: '1.23' })
    expect(Object.keys(list.body.portgroups[0])).toEqual(['uuid', 'address', 'name', 'links'])
    expect(list.body.next).toBe(
      `http://localhost:80/v1/portgroups?sort_key=id&sort_dir=asc&fields=uuid,address,name&limit=1&marker=${pg}`,
    )
    const next = new URL(list.body.next as string)
    expect((await t.request({ url: next.pathname + next.search })).body.portgroups[0].uuid).toBe(
      pg2,
    )
    const detail = await t.request({ url: '/v1/portgroups/detail?sort_key=name&sort_dir=desc' })
    expect(detail.body.portgroups.map((p: { name: string }) => p.name)).toEqual([
      'bond9',
      'bond1',
      'bond0',
    ])
    expect((await t.request({ url: '/v1/portgroups?node=gn-1' })).body.portgroups).toHaveLength(3)
    expect((await t.request({ url: `/v1/portgroups?node=${node2}` })).body.portgroups).toHaveLength(
      0,
    )
    expect(
      (await t.request({ url: '/v1/portgroups?address=52:54:00:CC:00:01' })).body.portgroups[0]
        .uuid,
    ).toBe(pg)
    const both = await t.request({ url: `/v1/portgroups?address=52:54:00:cc:00:01&node=${node2}` })
    expect(faultOf(both.body)).toBe(
      'Filtering by node, address, or shard simultaneously is not supported.',
    )
    expect(
      (
        await t.request({
          url: `/v1/portgroups?address=52:54:00:cc:00:01&node=${node2}`,
          version: '1.82',
        })
      ).body.portgroups,
    ).toEqual([])
    const props = await t.request({ url: '/v1/portgroups?sort_key=properties' })
    expect(faultOf(props.body)).toBe(
      'The sort_key value properties is an invalid field for sorting',
    )
    expect((await t.request({ url: '/v1/portgroups?sort_key=mode', version: '1.25' })).status).toBe(
      406,
    )
    const shard = await t.request({ url: '/v1/portgroups?shard=x', version: '1.105' })
    expect([shard.status, faultOf(shard.body)]).toEqual([
      406,
      'Request not acceptable. The minimal required API version should be 1.106',
    ])
    expect(
      faultOf((await t.request({ url: '/v1/portgroups?shard=x', version: '1.82' })).body),
    ).toBe('Unexpected arguments: shard')
    expect((await t.request({ url: '/v1/portgroups?shard=x' })).body.portgroups).toEqual([])
  })

  it('serves the portgroups of a node and the ports of a portgroup', async () => {
    const sub = await t.request({ url: `/v1/nodes/${node}/portgroups?fields=uuid,mode` })
    expect(sub.body.portgroups).toHaveLength(3)
    expect(Object.keys(sub.body.portgroups[0])).toEqual(['uuid', 'mode', 'links'])
    // Ironic 404s "Portgroup None could not be found." here (it looks up by UUID only)
    const byName = await t.request({ url: '/v1/nodes/gn-1/portgroups' })
    expect(byName.body.portgroups).toHaveLength(3)
    const one = await t.request({ url: `/v1/nodes/${node}/portgroups/${pg}` })
    expect(one.status).toBe(403)
    const port = await t.request({
      method: 'POST',
      url: '/v1/ports',
      body: { node_uuid: node, address: '52:54:00:aa:00:01', portgroup_uuid: pg },
    })
    expect(port.body.portgroup_uuid).toBe(pg)
    const ports = await t.request({ url: `/v1/portgroups/${pg}/ports` })
    expect(ports.body.ports.map((p: { uuid: string }) => p.uuid)).toEqual([port.body.uuid])
    expect((await t.request({ url: `/v1/portgroups/${pg}/ports`, version: '1.23' })).status).toBe(
      404,
    )
    const pgByName = await t.request({ url: '/v1/portgroups/bond0/ports' })
    expect([pgByName.status, faultOf(pgByName.body)]).toEqual([
      404,
      'Portgroup bond0 could not be found.',
    ])
    expect((await t.request({ url: '/v1/ports?portgroup=bond0' })).body.ports).toHaveLength(1)
  })

  it('applies portgroup membership rules to ports', async () => {
    const other = await t.request({
      method: 'POST',
      url: '/v1/ports',
      body: { node_uuid: node2, address: '52:54:00:aa:00:02', portgroup_uuid: pg },
    })
    expect([other.status, faultOf(other.body)]).toEqual([
      400,
      'Port can not be added to a portgroup belonging to a different node.',
    ])
    const pxe = await t.request({
      method: 'POST',
      url: '/v1/ports',
      body: {
        node_uuid: node,
        address: '52:54:00:aa:00:03',
        portgroup_uuid: pg2,
        pxe_enabled: true,
      },
    })
    expect([pxe.status, faultOf(pxe.body)]).toEqual([
      409,
      `Port group ${pg2} doesn't support standalone ports. This port cannot be created as a member of that portgroup as the port's 'pxe_enabled' field was set to True.`,
    ])
    const first = await t.request({
      method: 'POST',
      url: '/v1/ports',
      body: {
        node_uuid: node,
        address: '52:54:00:aa:00:04',
        portgroup_uuid: pg2,
        physical_network: 'px',
      },
    })
    expect(first.status).toBe(201)
    const mismatch = await t.request({
      method: 'POST',
      url: '/v1/ports',
      body: {
        node_uuid: node,
        address: '52:54:00:aa:00:05',
        portgroup_uuid: pg2,
        physical_network: 'py',
      },
    })
    expect([mismatch.status, faultOf(mismatch.body)]).toEqual([
      409,
      `Port with physical network py cannot become a member of port group ${pg2} which has ports in physical network px.`,
    ])
  })

  it("patches portgroups with Ironic's checks", async () => {
    const show = await t.request({ url: `/v1/portgroups/${pg}` })
    const ok = await patch(
      pg,
      [
        { op: 'add', path: '/extra/x', value: 1 },
        { op: 'add', path: '/properties/y', value: 2 },
      ],
      'latest',
      { 'if-match': show.headers.etag as string },
    )
    expect([ok.status, ok.body.extra, ok.body.properties]).toEqual([200, { x: 1 }, { y: 2 }])
    expect(
      (
        await patch(pg, [{ op: 'add', path: '/extra/z', value: 1 }], 'latest', {
          'if-match': show.headers.etag as string,
        })
      ).status,
    ).toBe(412)
    const cases: Array<[unknown, number, string, string?]> = [
      [
        [{ op: 'remove', path: '/mode' }],
        400,
        "'mode' is a mandatory attribute and can not be removed",
      ],
      [[{ op: 'replace', path: '/mode', value: 'x' }], 406, 'Request not acceptable.', '1.25'],
      [
        [{ op: 'replace', path: '/name', value: 'bad name' }],
        400,
        `Portgroup ${pg}: Cannot change name to invalid name 'bad name'`,
      ],
      [
        [{ op: 'replace', path: '/name', value: 'bond1' }],
        409,
        'A portgroup with name bond1 already exists.',
      ],
      [
        [{ op: 'add', path: '/foo', value: 1 }],
        400,
        'Cannot patch /foo. Only the following can be updated: address, extra, mode, name, node_uuid, properties, standalone_ports_supported',
        '1.82',
      ],
      [
        [{ op: 'replace', path: '/node_uuid', value: node2 }],
        400,
        `Portgroup ${pg} can not be associated with node ${node2} because there are ports associated with this portgroup.`,
      ],
    ]
    for (const [body, status, message, version] of cases) {
      const r = await patch(pg, body, version)
      expect([r.status, faultOf(r.body)]).toEqual([status, message])
    }
    const empty = (await post({ node_uuid: node, name: 'bond5' })).body.uuid
    const moved = await patch(empty, [{ op: 'replace', path: '/node_uuid', value: node2 }])
    expect([moved.status, moved.body.node_uuid]).toEqual([200, node2])
    await t.anvil.database.db
      .updateTable('nodes')
      .set({ provision_state: 'active' })
      .where('uuid', '=', node)
      .execute()
    const back = await patch(empty, [{ op: 'replace', path: '/node_uuid', value: node }])
    expect([back.status, faultOf(back.body)]).toEqual([
      409,
      `Portgroup ${empty} can not be associated to node ${node} unless the node is in a enroll, inspecting, inspect wait, manageable state or in maintenance mode. Current state is 'active'.`,
    ])
    await t.anvil.database.db
      .updateTable('nodes')
      .set({ provision_state: 'enroll' })
      .where('uuid', '=', node)
      .execute()
    const physnet = await patch(pg2, [{ op: 'add', path: '/physical_network', value: 'pz' }])
    expect(physnet.body.physical_network).toBe('pz')
    const member = await t.request({ url: '/v1/ports?address=52:54:00:aa:00:04&detail=true' })
    expect(member.body.ports[0].physical_network).toBe('pz')
  })

  it('serves the newer portgroup fields and keeps member ports on its physical network', async () => {
    const created = await post({
      node_uuid: node,
      name: 'bond7',
      physical_network: 'pq',
      category: 'c1',
    })
    expect(created.body).toMatchObject({
      physical_network: 'pq',
      category: 'c1',
      dynamic_portgroup: false,
    })
    expect((await post({ node_uuid: node, category: 'c' }, '1.102')).status).toBe(406)
    const member = await t.request({
      method: 'POST',
      url: '/v1/ports',
      body: {
        node_uuid: node,
        address: '52:54:00:aa:00:09',
        portgroup_uuid: created.body.uuid,
        physical_network: 'pq',
      },
    })
    expect(member.status).toBe(201)
    const refused = await t.request({
      method: 'PATCH',
      url: `/v1/ports/${member.body.uuid}`,
      body: [{ op: 'replace', path: '/physical_network', value: 'other' }],
    })
    expect([refused.status, faultOf(refused.body)]).toEqual([
      400,
      'physical_network cannot be changed while the port belongs to a portgroup.',
    ])
    const old = await t.request({
      method: 'PATCH',
      url: `/v1/ports/${member.body.uuid}`,
      body: [{ op: 'replace', path: '/physical_network', value: 'other' }],
      version: '1.101',
    })
    expect([old.status, faultOf(old.body)]).toEqual([
      409,
      `Port with physical network other cannot become a member of port group ${created.body.uuid} which has ports in physical network pq.`,
    ])
  })

  it('refuses to delete a portgroup that has ports', async () => {
    const full = await t.request({ method: 'DELETE', url: `/v1/portgroups/${pg}` })
    expect([full.status, faultOf(full.body)]).toEqual([
      400,
      `Cannot complete the requested action because portgroup ${pg} contains ports.`,
    ])
    const bad = await t.request({ method: 'DELETE', url: '/v1/portgroups/bad%20x' })
    expect(bad.status).toBe(400)
    expect(
      (
        await t.request({
          method: 'DELETE',
          url: '/v1/portgroups/bond9',
          headers: { 'if-match': '"x"' },
        })
      ).status,
    ).toBe(412)
    expect((await t.request({ method: 'DELETE', url: '/v1/portgroups/bond9' })).status).toBe(204)
    const again = await t.request({ method: 'DELETE', url: '/v1/portgroups/bond9' })
    expect([again.status, faultOf(again.body)]).toEqual([
      404,
      'Portgroup bond9 could not be found.',
    ])
  })
})
