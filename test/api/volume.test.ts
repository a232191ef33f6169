import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listVolumeConnectors } from '../../src/db/repos/volume-connectors.js'
import { listVolumeTargets } from '../../src/db/repos/volume-targets.js'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

const MISSING = '00000000-0000-4000-8000-000000000001'
const BASE = 'http://localhost:80'
const IQN = 'iqn.2017-08.org.example:01'

describe.each(dialects())('volume API on %s', (dialect) => {
  let t: TestAnvil
  let node: string
  let node2: string
  let connector: string
  let target: string

  const db = () => t.anvil.database.db
  const req = (
    method: string,
    url: string,
    body?: unknown,
    opts: { version?: string; headers?: Record<string, string> } = {},
  ) => t.request({ method, url, body, version: opts.version ?? '1.32', headers: opts.headers ?? {} })
  const fault = async (
    method: string,
    url: string,
    body?: unknown,
    opts: { version?: string; headers?: Record<string, string> } = {},
  ) => {
    const r = await req(method, url, body, opts)
    return [r.status, faultOf(r.body)]
  }
  const power = (uuid: string, state: string | null) =>
    db().updateTable('nodes').set({ power_state: state }).where('uuid', '=', uuid).execute()
  const newNode = async (name: string) =>
    (await t.request({ method: 'POST', url: '/v1/nodes', body: { driver: 'fake-hardware', name } }))
      .body.uuid as string
  const newTarget = async (body: Record<string, unknown>) =>
    (await req('POST', '/v1/volume/targets', { node_uuid: node, volume_type: 'iscsi', ...body }))
      .body.uuid as string

  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    node = await newNode('vol-1')
    node2 = await newNode('vol-2')
  })
  afterAll(async () => {
    await t.close()
  })

  describe('the volume root', () => {
    it('links to connectors and targets from 1.32, at the root and under a node', async () => {
      const root = await req('GET', '/v1/volume')
      expect(root.status).toBe(200)
      expect(JSON.stringify(root.body)).toBe(
        JSON.stringify({
          links: [
            { href: `${BASE}/v1/volume/`, rel: 'self' },
            { href: `${BASE}/volume/`, rel: 'bookmark' },
          ],
          connectors: [
            { href: `${BASE}/v1/volume/connectors`, rel: 'self' },
            { href: `${BASE}/volume/connectors`, rel: 'bookmark' },
          ],
          targets: [
            { href: `${BASE}/v1/volume/targets`, rel: 'self' },
            { href: `${BASE}/volume/targets`, rel: 'bookmark' },
          ],
        }),
      )
      // Ironic names the node as the path does, without looking it up.
      const byName = await req('GET', '/v1/nodes/vol-1/volume')
      expect(byName.body.targets[1]).toEqual({
        href: `${BASE}/nodes/vol-1/volume/targets`,
        rel: 'bookmark',
      })
      expect(byName.body.links[0].href).toBe(`${BASE}/v1/nodes/vol-1/volume/`)
      const node = await t.request({ url: `/v1/nodes/${node2}`, version: '1.32' })
      expect(node.body.volume[0].href).toBe(`${BASE}/v1/nodes/${node2}/volume`)
    })

    it('does not exist below 1.32', async () => {
      expect(await fault('GET', '/v1/volume', undefined, { version: '1.31' })).toEqual([
        404,
        'Resource could not be found.',
      ])
      expect(await fault('GET', `/v1/nodes/${node}/volume`, undefined, { version: '1.31' })).toEqual(
        [404, 'Resource could not be found.'],
      )
      for (const url of [
        '/v1/volume/connectors',
        '/v1/volume/targets',
        `/v1/volume/connectors/${MISSING}`,
        `/v1/nodes/${node}/volume/targets`,
      ]) {
        const r = await req('GET', url, undefined, { version: '1.31' })
        expect(r.status).toBe(404)
        expect(r.headers['x-openstack-ironic-api-version']).toBe('1.31')
      }
      const post = await req('POST', '/v1/volume/connectors', {}, { version: '1.31' })
      expect(post.status).toBe(404)
    })

    it('checks the node of a sub-path before the version', async () => {
      const r = await req('GET', '/v1/nodes/a%20b/volume/connectors', undefined, { version: '1.31' })
      expect(r.status).toBe(400)
      expect(r.text).toContain('Expected UUID or name for node: a b')
    })

    it('answers 405 to methods the volume root does not have', async () => {
      expect((await req('POST', '/v1/volume', {})).status).toBe(405)
      expect((await req('PUT', '/v1/volume/connectors', {})).status).toBe(405)
    })
  })

  describe('volume connectors', () => {
    it('creates a connector: 201, Location, ETag and Ironic key order', async () => {
      const r = await req('POST', '/v1/volume/connectors', {
        node_uuid: node,
        type: 'iqn',
        connector_id: IQN,
      })
      expect(r.status).toBe(201)
      connector = r.body.uuid
      expect(r.headers.location).toBe(`${BASE}/v1/volume/connectors/${connector}`)
      expect(r.headers.etag).toMatch(/^".+"$/)
      expect(Object.keys(r.body)).toEqual([
        'uuid',
        'created_at',
        'updated_at',
        'connector_id',
        'extra',
        'type',
        'links',
        'node_uuid',
      ])
      expect(r.body).toMatchObject({
        connector_id: IQN,
        extra: {},
        type: 'iqn',
        node_uuid: node,
        updated_at: null,
        links: [
          { href: `${BASE}/v1/volume/connectors/${connector}`, rel: 'self' },
          { href: `${BASE}/volume/connectors/${connector}`, rel: 'bookmark' },
        ],
      })
      const shown = await req('GET', `/v1/volume/connectors/${connector}`)
      expect(shown.body).toEqual(r.body)
      expect(shown.headers.etag).toBe(r.headers.etag)
    })

    it('refuses bad bodies with Ironic messages', async () => {
      const url = '/v1/volume/connectors'
      const cases: Array<[unknown, number, string]> = [
        [{ node_uuid: node, type: 'iqn' }, 400, "Schema error for connector: 'connector_id' is a required property"],
        [{ node_uuid: node, connector_id: 'x' }, 400, "Schema error for connector: 'type' is a required property"],
        [{ type: 'ip', connector_id: 'x' }, 400, "Schema error for connector: 'node_uuid' is a required property"],
        [{ node_uuid: node, type: 'ip', connector_id: 1 }, 400, "Schema error for connector: 1 is not of type 'string'"],
        [
          { node_uuid: node, type: 'ip', connector_id: 'x', foo: 1 },
          400,
          "Schema error for connector: Additional properties are not allowed ('foo' was unexpected)",
        ],
        [{ node_uuid: 'vol-1', type: 'ip', connector_id: 'x' }, 400, 'Expected UUID for node_uuid: vol-1'],
        [{ node_uuid: node, type: 'ip', connector_id: 'x', uuid: 'abc' }, 400, 'Expected UUID for uuid: abc'],
        [
          { node_uuid: MISSING, type: 'ip', connector_id: 'x' },
          400,
          `Invalid input for field/attribute node_uuid. Value: '${MISSING}'. `,
        ],
        [
          { node_uuid: node2, type: 'iqn', connector_id: IQN },
          409,
          `A volume connector with type iqn and connector ID ${IQN} already exists.`,
        ],
        [
          { node_uuid: node, type: 'ip', connector_id: '10.0.0.1', uuid: connector },
          409,
          `A volume connector with UUID ${connector} already exists.`,
        ],
        [[], 400, "Schema error for connector: [] is not of type 'object'"],
      ]
      for (const [body, status, message] of cases) {
        expect(await fault('POST', url, body), JSON.stringify(body)).toEqual([status, message])
      }
      expect(await fault('POST', `${url}?node=${node}`, {})).toEqual([400, 'Unexpected arguments: node'])
      const empty = await t.request({ method: 'POST', url, version: '1.32' })
      expect(faultOf(empty.body)).toBe("Schema error for connector: 'connector_id' is a required property")
    })

    it('takes any connector type, and a connector ID once per type', async () => {
      // Ironic's API does not check the type; only the CLI offers iqn, ip, mac, wwnn, wwpn...
      const other = await req('POST', '/v1/volume/connectors', {
        node_uuid: node2,
        type: 'wwpn',
        connector_id: IQN,
        uuid: '11111111-2222-4333-8444-555555555555',
        extra: null,
      })
      expect(other.status).toBe(201)
      expect(other.body).toMatchObject({ uuid: '11111111-2222-4333-8444-555555555555', extra: {} })
      const free = await req('POST', '/v1/volume/connectors', {
        node_uuid: node,
        type: 'custom',
        connector_id: 'anything',
        extra: { a: 1 },
      })
      expect([free.status, free.body.extra]).toEqual([201, { a: 1 }])
    })

    it('shows a connector with `fields`, and refuses bad identifiers', async () => {
      const r = await req('GET', `/v1/volume/connectors/${connector}?fields=type,node_uuid`)
      expect(Object.keys(r.body)).toEqual(['type', 'links', 'node_uuid'])
      expect(await fault('GET', `/v1/volume/connectors/${connector}?fields=bogus,type`)).toEqual([
        400,
        'Field(s) "bogus" are not valid',
      ])
      expect(await fault('GET', `/v1/volume/connectors/${connector}?limit=1`)).toEqual([
        400,
        'Unexpected arguments: limit',
      ])
      expect(await fault('GET', '/v1/volume/connectors/detail')).toEqual([
        400,
        'Expected UUID for connector_uuid: detail',
      ])
      expect(await fault('GET', `/v1/volume/connectors/${MISSING}`)).toEqual([
        404,
        `Volume connector ${MISSING} could not be found.`,
      ])
    })
  })

  describe('volume targets', () => {
    it('creates a target with masked secrets in its properties', async () => {
      const r = await req('POST', '/v1/volume/targets', {
        node_uuid: node,
        volume_type: 'iscsi',
        boot_index: 0,
        volume_id: 'vol-a',
        properties: { target_iqn: 'iqn.x', auth_password: 'hunter2' },
      })
      expect(r.status).toBe(201)
      target = r.body.uuid
      expect(r.headers.location).toBe(`${BASE}/v1/volume/targets/${target}`)
      expect(Object.keys(r.body)).toEqual([
        'uuid',
        'created_at',
        'updated_at',
        'boot_index',
        'extra',
        'properties',
        'volume_id',
        'volume_type',
        'links',
        'node_uuid',
      ])
      expect(r.body).toMatchObject({
        boot_index: 0,
        extra: {},
        properties: { target_iqn: 'iqn.x', auth_password: '******' },
        volume_id: 'vol-a',
        volume_type: 'iscsi',
        node_uuid: node,
      })
      const stored = await db()
        .selectFrom('volume_targets')
        .select('properties')
        .where('uuid', '=', target)
        .executeTakeFirstOrThrow()
      expect(JSON.parse(stored.properties!)).toEqual({ target_iqn: 'iqn.x', auth_password: 'hunter2' })
    })

    it('keeps boot indexes unique per node, not volume IDs', async () => {
      expect(
        await fault('POST', '/v1/volume/targets', {
          node_uuid: node,
          volume_type: 'iscsi',
          boot_index: 0,
          volume_id: 'vol-b',
        }),
      ).toEqual([409, "A volume target with boot index '0' for the same node already exists."])
      // Same boot index on another node, same volume on this node: both fine in Ironic.
      const elsewhere = await req('POST', '/v1/volume/targets', {
        node_uuid: node2,
        volume_type: 'fibre_channel',
        boot_index: 0,
        volume_id: 'vol-a',
      })
      expect(elsewhere.status).toBe(201)
      expect(elsewhere.body.properties).toEqual({})
      const sameVolume = await newTarget({ boot_index: 1, volume_id: 'vol-a' })
      expect(sameVolume).toMatch(/^[0-9a-f-]{36}$/)
    })

    it('refuses bad bodies with Ironic messages', async () => {
      const base = { node_uuid: node, volume_type: 'iscsi', boot_index: 5, volume_id: 'v' }
      const cases: Array<[unknown, number, string]> = [
        [{ ...base, boot_index: '5' }, 400, "Schema error for target: '5' is not of type 'integer'"],
        [{ ...base, boot_index: 1.5 }, 400, "Schema error for target: 1.5 is not of type 'integer'"],
        [{ ...base, properties: [] }, 400, "Schema error for target: [] is not of type 'object', 'null'"],
        [{ node_uuid: node, volume_type: 'iscsi', volume_id: 'v' }, 400, "Schema error for target: 'boot_index' is a required property"],
        [{ ...base, node_uuid: MISSING }, 400, `Invalid input for field/attribute node_uuid. Value: '${MISSING}'. `],
        [{ ...base, uuid: target }, 409, `A volume target with UUID ${target} already exists.`],
      ]
      for (const [body, status, message] of cases) {
        expect(await fault('POST', '/v1/volume/targets', body), JSON.stringify(body)).toEqual([
          status,
          message,
        ])
      }
    })
  })

  describe('lists', () => {
    it('lists the default fields, details, or the fields asked for', async () => {
      const plain = await req('GET', '/v1/volume/connectors')
      expect(plain.body.connectors.length).toBe(3)
      expect(Object.keys(plain.body.connectors[0])).toEqual([
        'uuid',
        'connector_id',
        'type',
        'links',
        'node_uuid',
      ])
      expect(plain.body.next).toBeUndefined()
      // `detail` has no 1.43 gate here: volume lists always took it.
      const detail = await req('GET', '/v1/volume/targets?detail=True')
      expect(Object.keys(detail.body.targets[0])).toContain('properties')
      expect(detail.body.targets[0].properties.auth_password).toBe('******')
      const targets = await req('GET', '/v1/volume/targets')
      expect(Object.keys(targets.body.targets[0])).toEqual([
        'uuid',
        'boot_index',
        'volume_id',
        'volume_type',
        'links',
        'node_uuid',
      ])
      const some = await req('GET', '/v1/volume/connectors?fields=extra&detail=false')
      expect(Object.keys(some.body.connectors[0])).toEqual(['extra', 'links'])
      expect(await fault('GET', '/v1/volume/connectors?fields=uuid&detail=true')).toEqual([
        400,
        "Can't fetch a subset of fields with 'detail' set",
      ])
      expect(await fault('GET', '/v1/volume/connectors?fields=uuid,nope')).toEqual([
        400,
        'Field(s) "nope" are not valid',
      ])
      expect(await fault('GET', '/v1/volume/connectors?detail=maybe')).toEqual([
        400,
        "Invalid detail: Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
      ])
      expect(await fault('GET', '/v1/volume/connectors?chassis=x')).toEqual([
        400,
        'Unexpected arguments: chassis',
      ])
      // `project` is an argument, filtering only project-scoped requests (Anvil has none).
      const project = await req('GET', '/v1/volume/connectors?project=p1')
      expect(project.body.connectors.length).toBe(3)
    })

    it('filters by node (UUID or name), and 404s an unknown node', async () => {
      const byUuid = await req('GET', `/v1/volume/connectors?node=${node2}`)
      expect(byUuid.body.connectors.map((c: { node_uuid: string }) => c.node_uuid)).toEqual([node2])
      const byName = await req('GET', '/v1/volume/targets?node=vol-1')
      expect(byName.body.targets.length).toBe(2)
      expect(await fault('GET', '/v1/volume/targets?node=nope')).toEqual([
        404,
        'Node nope could not be found.',
      ])
      expect(await fault('GET', '/v1/volume/targets?node=a%20b')).toEqual([
        400,
        'Expected UUID or name for node: a b',
      ])
    })

    it('sorts and pages with Ironic checks and next links', async () => {
      const sorted = await req('GET', '/v1/volume/connectors?sort_key=type&sort_dir=desc')
      expect(sorted.body.connectors.map((c: { type: string }) => c.type)).toEqual([
        'wwpn',
        'iqn',
        'custom',
      ])
      const byNodeId = await req('GET', '/v1/volume/targets?sort_key=node_id')
      expect(byNodeId.status).toBe(200)
      expect(await fault('GET', '/v1/volume/connectors?sort_key=extra')).toEqual([
        400,
        'The sort_key value extra is an invalid field for sorting',
      ])
      expect(await fault('GET', '/v1/volume/targets?sort_key=properties')).toEqual([
        400,
        'The sort_key value properties is an invalid field for sorting',
      ])
      expect(await fault('GET', '/v1/volume/targets?sort_key=node_uuid')).toEqual([
        400,
        'The sort_key value "node_uuid" is an invalid field for sorting',
      ])
      expect(await fault('GET', '/v1/volume/targets?sort_dir=up')).toEqual([
        400,
        "Invalid sort direction: up. Acceptable values are 'asc' or 'desc'",
      ])
      expect(await fault('GET', '/v1/volume/targets?limit=0')).toEqual([400, 'Limit must be positive'])
      expect(await fault('GET', `/v1/volume/targets?marker=${MISSING}`)).toEqual([
        404,
        `Volume target ${MISSING} could not be found.`,
      ])
      const page1 = await req('GET', '/v1/volume/targets?limit=2&sort_key=boot_index')
      const [, second] = page1.body.targets
      expect(page1.body.next).toBe(
        `${BASE}/v1/volume/targets?sort_key=boot_index&sort_dir=asc&fields=uuid,node_uuid,volume_type,boot_index,volume_id&limit=2&marker=${second.uuid}`,
      )
      const page2 = await req('GET', `/v1/volume/targets?limit=2&sort_key=boot_index&marker=${second.uuid}`)
      expect(page2.body.targets.map((x: { boot_index: number }) => x.boot_index)).toEqual([1])
      expect(page2.body.next).toBeUndefined()
      const detailed = await req('GET', '/v1/volume/connectors?limit=1&detail=True')
      expect(detailed.body.next).toBe(
        `${BASE}/v1/volume/connectors?sort_key=id&sort_dir=asc&detail=True&limit=1&marker=${connector}`,
      )
    })

    it('filters the rows of nodes a project owns or leases (repository)', async () => {
      await db().updateTable('nodes').set({ owner: 'p1' }).where('uuid', '=', node2).execute()
      const page = { limit: 10, sortColumn: 'id', sortDir: 'asc' as const }
      const owned = await listVolumeConnectors(db(), { project: 'p1' }, page)
      expect(owned.map((c) => c.node_uuid)).toEqual([node2])
      await db().updateTable('nodes').set({ owner: null, lessee: 'p1' }).where('uuid', '=', node2).execute()
      expect((await listVolumeTargets(db(), { project: 'p1' }, page)).length).toBe(1)
      expect((await listVolumeTargets(db(), { project: 'p2' }, page)).length).toBe(0)
      await db().updateTable('nodes').set({ lessee: null }).where('uuid', '=', node2).execute()
    })
  })

  describe('node sub-collections', () => {
    it('list the volumes of a node, found by UUID or name', async () => {
      const connectors = await req('GET', `/v1/nodes/${node}/volume/connectors`)
      expect(connectors.body.connectors.map((c: { node_uuid: string }) => c.node_uuid)).toEqual([
        node,
        node,
      ])
      const targets = await req('GET', '/v1/nodes/vol-2/volume/targets?detail=True')
      expect(targets.body.targets.length).toBe(1)
      expect(targets.body.targets[0].volume_type).toBe('fibre_channel')
      // The node of the path wins over a `node` argument.
      const both = await req('GET', `/v1/nodes/vol-2/volume/targets?node=${node}`)
      expect(both.body.targets.length).toBe(1)
      expect(await fault('GET', `/v1/nodes/${MISSING}/volume/connectors`)).toEqual([
        404,
        `Node ${MISSING} could not be found.`,
      ])
    })

    it('allow nothing else, after Ironic has checked the request', async () => {
      const base = `/v1/nodes/${node}/volume`
      expect(await fault('POST', `${base}/connectors`, { node_uuid: node })).toEqual([
        400,
        "Schema error for connector: 'connector_id' is a required property",
      ])
      expect(
        await fault('POST', `${base}/connectors`, { node_uuid: node, type: 'ip', connector_id: 'y' }),
      ).toEqual([403, 'Operation not permitted.'])
      expect(await fault('GET', `${base}/connectors/${MISSING}`)).toEqual([
        404,
        `Volume connector ${MISSING} could not be found.`,
      ])
      expect(await fault('GET', `${base}/connectors/${connector}`)).toEqual([403, 'Operation not permitted.'])
      expect(await fault('PATCH', `${base}/targets/${target}`, [])).toEqual([403, 'Operation not permitted.'])
      expect(await fault('DELETE', `${base}/targets/${target}`)).toEqual([403, 'Operation not permitted.'])
      expect(await fault('DELETE', `${base}/targets`)).toEqual([
        400,
        'Missing mandatory parameter: target_uuid',
      ])
      expect(await fault('PATCH', '/v1/volume/connectors', [])).toEqual([
        400,
        'Missing mandatory parameter: connector_uuid',
      ])
      expect((await req('GET', `/v1/volume/targets/${target}`)).status).toBe(200)
    })
  })

  describe('updates', () => {
    const patch = (uuid: string, ops: unknown, headers: Record<string, string> = {}) =>
      req('PATCH', `/v1/volume/connectors/${uuid}`, ops, { headers })

    it('need the node powered off (checked by its conductor)', async () => {
      const ops = [{ op: 'add', path: '/extra/rack', value: 4 }]
      expect(await fault('PATCH', `/v1/volume/connectors/${connector}`, ops)).toEqual([
        400,
        `The requested action "volume connector update" can not be performed on node "${node}" while it is in state "None".`,
      ])
      await power(node, 'power on')
      expect(await fault('PATCH', `/v1/volume/targets/${target}`, [])).toEqual([
        400,
        `The requested action "volume target update" can not be performed on node "${node}" while it is in state "power on".`,
      ])
      expect(await fault('DELETE', `/v1/volume/connectors/${connector}`)).toEqual([
        400,
        `The requested action "volume connector deletion" can not be performed on node "${node}" while it is in state "power on".`,
      ])
      await power(node, 'power off')
      const before = await req('GET', `/v1/volume/connectors/${connector}`)
      const r = await patch(connector, ops)
      expect(r.status).toBe(200)
      expect(r.body.extra).toEqual({ rack: 4 })
      expect(r.body.updated_at).not.toBeNull()
      expect(r.headers.etag).not.toBe(before.headers.etag)
      const node_ = await t.request({ url: `/v1/nodes/${node}` })
      expect(node_.body.reservation).toBeNull()
    })

    it('honour If-Match', async () => {
      const current = await req('GET', `/v1/volume/connectors/${connector}`)
      const ops = [{ op: 'replace', path: '/connector_id', value: 'iqn.2017-08.org.example:02' }]
      const stale = await patch(connector, ops, { 'if-match': '"stale"' })
      expect(stale.status).toBe(412)
      const ok = await patch(connector, ops, { 'if-match': current.headers.etag as string })
      expect([ok.status, ok.body.connector_id]).toEqual([200, 'iqn.2017-08.org.example:02'])
      const gone = await req('DELETE', `/v1/volume/connectors/${connector}`, undefined, {
        headers: { 'if-match': current.headers.etag as string },
      })
      expect(gone.status).toBe(412)
    })

    it('refuses bad patches with Ironic messages', async () => {
      const cases: Array<[unknown, number, string]> = [
        [
          [{ op: 'replace', path: '/uuid', value: MISSING }],
          400,
          'Cannot patch /uuid. Only the following can be updated: connector_id, extra, node_uuid, type',
        ],
        [
          [{ op: 'replace', path: '/node_uuid', value: 'vol-2' }],
          400,
          'Expected a UUID for node_uuid, but received vol-2.',
        ],
        [[{ op: 'replace', path: '/node_uuid', value: MISSING }], 400, `Node ${MISSING} could not be found.`],
        [[{ op: 'remove', path: '/type' }], 400, "Schema error for patch: 'type' is a required property"],
        [[{ op: 'replace', path: '/type', value: 5 }], 400, "Schema error for patch: 5 is not of type 'string'"],
        [
          [{ op: 'replace', path: '/type', value: 'wwpn' }, { op: 'replace', path: '/connector_id', value: IQN }],
          409,
          `A volume connector with type wwpn and connector ID ${IQN} already exists.`,
        ],
        [
          [{ op: 'add', path: '/foo', value: 1 }],
          400,
          'Cannot patch /foo. Only the following can be updated: connector_id, extra, node_uuid, type',
        ],
      ]
      for (const [ops, status, message] of cases) {
        expect(await fault('PATCH', `/v1/volume/connectors/${connector}`, ops), JSON.stringify(ops)).toEqual([
          status,
          message,
        ])
      }
      expect(await fault('PATCH', '/v1/volume/connectors/nope', [])).toEqual([
        400,
        'Expected UUID for connector_uuid: nope',
      ])
      expect(await fault('PATCH', `/v1/volume/connectors/${MISSING}`, [])).toEqual([
        404,
        `Volume connector ${MISSING} could not be found.`,
      ])
    })

    it('move a connector to another node, whose power state then counts', async () => {
      const ops = [{ op: 'replace', path: '/node_uuid', value: node2 }]
      await power(node2, 'power on')
      expect(await fault('PATCH', `/v1/volume/connectors/${connector}`, ops)).toEqual([
        400,
        `The requested action "volume connector update" can not be performed on node "${node2}" while it is in state "power on".`,
      ])
      await power(node2, 'power off')
      const moved = await patch(connector, ops)
      expect([moved.status, moved.body.node_uuid]).toEqual([200, node2])
      const back = await patch(connector, [
        { op: 'replace', path: '/node_uuid', value: node },
        { op: 'remove', path: '/extra' },
      ])
      expect([back.body.node_uuid, back.body.extra]).toEqual([node, {}])
    })

    it('link nodes with the rules of Ironic master above 1.82', async () => {
      const latest = { version: 'latest' }
      const url = `/v1/volume/connectors/${connector}`
      const to = (uuid: string) => [{ op: 'replace', path: '/node_uuid', value: uuid }]
      const invalid = (uuid: string) =>
        `Unable to apply the requested node_uuid '${uuid}'. Requested value was invalid.`
      expect(await fault('PATCH', url, to(MISSING), latest)).toEqual([400, invalid(MISSING)])
      await db().updateTable('nodes').set({ owner: 'p9' }).where('uuid', '=', node2).execute()
      expect(await fault('PATCH', url, to(node2), latest)).toEqual([400, invalid(node2)])
      await db().updateTable('nodes').set({ owner: null }).where('uuid', '=', node2).execute()
      const ok = await req('PATCH', url, [{ op: 'remove', path: '/node_uuid' }], latest)
      expect([ok.status, ok.body.node_uuid]).toEqual([200, node])
    })

    it('keep target boot indexes unique when patched', async () => {
      const list = await req('GET', `/v1/volume/targets?node=${node}&sort_key=boot_index`)
      const second = list.body.targets[1].uuid as string
      expect(
        await fault('PATCH', `/v1/volume/targets/${second}`, [{ op: 'replace', path: '/boot_index', value: 0 }]),
      ).toEqual([409, "A volume target with boot index '0' for the same node already exists."])
      const r = await req('PATCH', `/v1/volume/targets/${second}`, [
        { op: 'replace', path: '/boot_index', value: 7 },
        { op: 'add', path: '/properties/auth_password', value: 's3cret' },
      ])
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({ boot_index: 7, properties: { auth_password: '******' } })
      expect(
        await fault('PATCH', `/v1/volume/targets/${second}`, [{ op: 'replace', path: '/links', value: 1 }]),
      ).toEqual([
        400,
        'Cannot patch /links. Only the following can be updated: boot_index, extra, node_uuid, properties, volume_id, volume_type',
      ])
    })

    it('answer NodeLocked while another task holds the node', async () => {
      await db().updateTable('nodes').set({ reservation: 'other-host' }).where('uuid', '=', node).execute()
      const [status, message] = await fault('DELETE', `/v1/volume/targets/${target}`)
      expect(status).toBe(409)
      expect(message).toContain(`Node ${node} is locked by host other-host`)
      await db().updateTable('nodes').set({ reservation: null }).where('uuid', '=', node).execute()
    })
  })

  describe('deletion', () => {
    it('deletes a connector and a target of a powered-off node', async () => {
      expect((await req('DELETE', `/v1/volume/connectors/${connector}`)).status).toBe(204)
      expect(await fault('GET', `/v1/volume/connectors/${connector}`)).toEqual([
        404,
        `Volume connector ${connector} could not be found.`,
      ])
      expect(await fault('DELETE', `/v1/volume/connectors/${connector}`)).toEqual([
        404,
        `Volume connector ${connector} could not be found.`,
      ])
      expect((await req('DELETE', `/v1/volume/targets/${target}`)).status).toBe(204)
      expect(await fault('DELETE', '/v1/volume/connectors')).toEqual([
        400,
        'Missing mandatory parameter: connector_uuid',
      ])
    })

    it('deletes the volumes of a deleted node with it', async () => {
      const doomed = await newNode('vol-doomed')
      const c = await req('POST', '/v1/volume/connectors', {
        node_uuid: doomed,
        type: 'mac',
        connector_id: '52:54:00:00:00:01',
      })
      const tg = await req('POST', '/v1/volume/targets', {
        node_uuid: doomed,
        volume_type: 'iscsi',
        boot_index: 0,
        volume_id: 'vol-z',
      })
      expect([c.status, tg.status]).toEqual([201, 201])
      expect((await t.request({ method: 'DELETE', url: `/v1/nodes/${doomed}` })).status).toBe(204)
      expect((await req('GET', `/v1/volume/connectors/${c.body.uuid}`)).status).toBe(404)
      expect((await req('GET', `/v1/volume/targets/${tg.body.uuid}`)).status).toBe(404)
      const left = await db().selectFrom('volume_targets').select('id').where('volume_id', '=', 'vol-z').execute()
      expect(left).toEqual([])
    })
  })
})
