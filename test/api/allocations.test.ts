import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { act, addTrait, getNode, nodeIn, setColumns } from '../conductor/helpers.js'

describe.each(dialects())('allocations API on %s', (dialect) => {
  let t: TestAnvil
  const post = (body: unknown, version = 'latest') =>
    t.request({ method: 'POST', url: '/v1/allocations', body, version })
  const get = (url: string, version = 'latest') => t.request({ url, version })

  /** An available node of `rc` with a known power state. */
  async function readyNode(rc: string, extra: Record<string, unknown> = {}): Promise<string> {
    const uuid = await nodeIn(t, 'available', { resource_class: rc, ...extra })
    await setColumns(t, uuid, { power_state: 'power off' })
    return uuid
  }

  /** Create an allocation and wait for it to settle. */
  async function allocate(body: Record<string, unknown>): Promise<Record<string, any>> {
    const r = await post(body)
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return settled(r.body.uuid)
  }

  /** Wait for an allocation to leave `allocating`. */
  async function settled(uuid: string): Promise<Record<string, any>> {
    for (let i = 0; i < 100; i++) {
      const a = await get(`/v1/allocations/${uuid}`)
      if (a.body.state !== 'allocating') return a.body
      await new Promise((res) => setTimeout(res, 20))
    }
    throw new Error('allocation did not finish')
  }

  beforeAll(async () => {
    t = await startTestAnvil(dialect)
  })
  afterAll(async () => {
    await t.close()
  })

  it('allocates an available node matching resource class and traits', async () => {
    const plain = await readyNode('rc-match')
    const wanted = await readyNode('rc-match')
    await addTrait(t, wanted, 'CUSTOM_GPU')
    const r = await post({
      resource_class: 'rc-match',
      traits: ['CUSTOM_GPU'],
      name: 'alloc-1',
      extra: { x: 1 },
    })
    expect(r.status).toBe(201)
    expect(r.headers.location).toBe(`http://localhost:80/v1/allocations/${r.body.uuid}`)
    expect(r.body).toMatchObject({
      state: 'allocating',
      node_uuid: null,
      candidate_nodes: [],
      owner: null,
    })
    expect(Object.keys(r.body)).toEqual([
      'uuid',
      'created_at',
      'updated_at',
      'candidate_nodes',
      'extra',
      'last_error',
      'name',
      'owner',
      'resource_class',
      'state',
      'traits',
      'links',
      'node_uuid',
    ])
    const first = await settled(r.body.uuid)
    expect(first).toMatchObject({ state: 'active', node_uuid: wanted, last_error: null })
    const second = await allocate({ resource_class: 'rc-match', traits: ['CUSTOM_GPU'] })
    expect(second).toMatchObject({ state: 'error' })
    const node = await getNode(t, wanted)
    expect(node).toMatchObject({
      instance_uuid: r.body.uuid,
      allocation_uuid: r.body.uuid,
      instance_info: { traits: ['CUSTOM_GPU'] },
    })
    expect((await getNode(t, plain)).instance_uuid).toBeNull()
    const viaNode = await get(`/v1/nodes/${wanted}/allocation`)
    expect(viaNode.body.uuid).toBe(r.body.uuid)
  })

  it.each([
    [
      'no node of the class',
      { resource_class: 'rc-none' },
      'no available nodes match the resource class rc-none',
    ],
    [
      'no node with the traits',
      { resource_class: 'rc-traits', traits: ['CUSTOM_X'] },
      'no suitable nodes have the requested traits CUSTOM_X',
    ],
  ])('fails with %s', async (_name, body, error) => {
    if (body.resource_class === 'rc-traits') await readyNode('rc-traits')
    const a = await allocate(body)
    expect(a).toMatchObject({
      state: 'error',
      node_uuid: null,
      last_error: `Failed to process allocation ${a.uuid}: ${error}.`,
    })
  })

  it('skips nodes in maintenance or with an unknown power state, and honours candidates', async () => {
    const maint = await readyNode('rc-skip')
    await setColumns(t, maint, { maintenance: 1 })
    const unknown = await nodeIn(t, 'available', { resource_class: 'rc-skip' })
    const failed = await allocate({ resource_class: 'rc-skip' })
    expect(failed.last_error).toContain('no available nodes match the resource class rc-skip')
    await setColumns(t, unknown, { power_state: 'power on' })
    const other = await readyNode('rc-skip', { name: 'cand-2' })
    const a = await allocate({ resource_class: 'rc-skip', candidate_nodes: ['cand-2'] })
    expect(a).toMatchObject({ state: 'active', node_uuid: other, candidate_nodes: [other] })
  })

  it('prefers the node named like the allocation', async () => {
    for (let i = 0; i < 3; i++) await readyNode('rc-name')
    const named = await readyNode('rc-name', { name: 'same-name' })
    const a = await allocate({ resource_class: 'rc-name', name: 'same-name' })
    expect(a.node_uuid).toBe(named)
  })

  it('backfills an allocation for a deployed node, taking its class and instance', async () => {
    const uuid = await nodeIn(t, 'active', {
      resource_class: 'rc-back',
      instance_uuid: '11111111-2222-3333-4444-555555555555',
    })
    const r = await post({ node: uuid, name: 'back-1' })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      uuid: '11111111-2222-3333-4444-555555555555',
      state: 'active',
      resource_class: 'rc-back',
      node_uuid: uuid,
    })
    const del = await t.request({ method: 'DELETE', url: '/v1/allocations/back-1' })
    expect(del.status).toBe(409)
    expect(faultOf(del.body)).toBe(
      `Cannot remove allocation ${r.body.uuid} for node ${uuid}, because the node is active (and maintenance mode is off)`,
    )
    const node = await act(t, uuid, { target: 'deleted' })
    expect(node).toMatchObject({ instance_uuid: null, allocation_uuid: null })
    expect((await get('/v1/allocations/back-1')).status).toBe(404)
  })

  it('refuses to backfill a node that is not active and records why', async () => {
    const uuid = await nodeIn(t, 'available', { resource_class: 'rc-bad-back' })
    const r = await post({ node: uuid, name: 'back-2' })
    expect(r.status).toBe(400)
    const a = (await get('/v1/allocations/back-2')).body
    const msg = `Failed to process allocation ${a.uuid}: Cannot backfill an allocation for node ${uuid}: Node must be in the "active" state, but the current state is "available".`
    expect(faultOf(r.body)).toBe(msg)
    expect(a).toMatchObject({ state: 'error', last_error: msg })
  })

  it('deletes an allocation, freeing its node; also through the node', async () => {
    await readyNode('rc-del')
    const a = await allocate({ resource_class: 'rc-del', name: 'del-1' })
    expect(
      (await t.request({ method: 'DELETE', url: `/v1/nodes/${a.node_uuid}/allocation` })).status,
    ).toBe(204)
    expect((await getNode(t, a.node_uuid)).instance_uuid).toBeNull()
    const again = await t.request({ method: 'DELETE', url: `/v1/nodes/${a.node_uuid}/allocation` })
    expect(again.status).toBe(404)
    expect(faultOf(again.body)).toBe(`Allocation for node ${a.node_uuid} was not found`)
    const b = await allocate({ resource_class: 'rc-del', name: 'del-2' })
    expect((await t.request({ method: 'DELETE', url: '/v1/allocations/del-2' })).status).toBe(204)
    expect((await getNode(t, b.node_uuid)).allocation_uuid).toBeNull()
  })

  it('patches name and extra from 1.57', async () => {
    await allocate({ resource_class: 'rc-patch', name: 'p-1' })
    const body = [
      { op: 'replace', path: '/name', value: 'p-2' },
      { op: 'add', path: '/extra/k', value: 'v' },
    ]
    const old = await t.request({
      method: 'PATCH',
      url: '/v1/allocations/p-1',
      body,
      version: '1.56',
    })
    expect(old.status).toBe(405)
    expect(faultOf(old.body)).toBe('The API version does not allow updating allocations')
    const r = await t.request({ method: 'PATCH', url: '/v1/allocations/p-1', body })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ name: 'p-2', extra: { k: 'v' } })
    const bad = await t.request({
      method: 'PATCH',
      url: '/v1/allocations/p-2',
      body: [{ op: 'replace', path: '/name', value: 'bad name' }],
    })
    expect(faultOf(bad.body)).toBe("Cannot update allocation with invalid name 'bad name'")
    const field = await t.request({
      method: 'PATCH',
      url: '/v1/allocations/p-2',
      body: [{ op: 'replace', path: '/state', value: 'x' }],
    })
    expect(faultOf(field.body)).toBe(
      'Cannot patch /state. Only the following can be updated: name, extra',
    )
  })

  it('lists with filters and fields', async () => {
    await allocate({ resource_class: 'rc-list', name: 'l-1' })
    const r = await get('/v1/allocations?resource_class=rc-list&fields=name,state')
    expect(r.body.allocations).toEqual([{ name: 'l-1', state: 'error', links: expect.any(Array) }])
    const byState = await get('/v1/allocations?state=active&resource_class=rc-list')
    expect(byState.body.allocations).toEqual([])
  })

  it.each([
    ['no resource class', {}, 400, 'The resource_class field is mandatory when not backfilling'],
    [
      'a bad name',
      { name: 'bad name', resource_class: 'x' },
      400,
      "Cannot create allocation with invalid name 'bad name'",
    ],
    [
      'an unknown candidate',
      { resource_class: 'x', candidate_nodes: ['nope'] },
      400,
      'Nodes cannot be found: nope',
    ],
    [
      'a bad trait',
      { resource_class: 'x', traits: ['foo'] },
      400,
      "Schema error for allocation: 'foo' is not valid under any of the given schemas. Possible root cause: 'foo' does not match '^CUSTOM_[A-Z0-9_]+$'",
    ],
    [
      'an unknown field',
      { resource_class: 'x', foo: 1 },
      400,
      "Schema error for allocation: Additional properties are not allowed ('foo' was unexpected)",
    ],
    ['a bad uuid', { resource_class: 'x', uuid: 'bad' }, 400, 'Expected UUID for uuid: bad'],
    [
      'a long resource class',
      { resource_class: 'x'.repeat(81) },
      400,
      `Schema error for allocation: '${'x'.repeat(81)}' is too long`,
    ],
    ['an unknown node', { node: 'nope' }, 400, 'Node nope could not be found.'],
    [
      'a node before 1.58',
      { node: 'nope' },
      400,
      'Cannot set node when creating an allocation in this API version',
      '1.57',
    ],
    [
      'an owner before 1.60',
      { resource_class: 'x', owner: 'me' },
      406,
      'Request not acceptable.',
      '1.59',
    ],
  ])('refuses %s', async (_name, body, status, message, version = 'latest') => {
    const r = await post(body, version)
    expect(r.status).toBe(status)
    expect(faultOf(r.body)).toBe(message)
  })

  it('refuses a taken name with 409', async () => {
    await allocate({ resource_class: 'rc-dup', name: 'dup-1' })
    const r = await post({ resource_class: 'rc-dup', name: 'dup-1' })
    expect(r.status).toBe(409)
    expect(faultOf(r.body)).toBe('An allocation with name dup-1 already exists.')
  })

  it('does not exist before 1.52, hides owner before 1.60', async () => {
    expect((await get('/v1/allocations', '1.51')).status).toBe(404)
    expect((await post({ resource_class: 'x' }, '1.51')).status).toBe(405)
    expect((await get('/v1/nodes/anything/allocation', '1.51')).status).toBe(404)
    const a = await allocate({ resource_class: 'rc-owner', owner: 'proj' })
    expect((await get(`/v1/allocations/${a.uuid}`, '1.59')).body.owner).toBeUndefined()
    expect((await get(`/v1/allocations/${a.uuid}?fields=owner`, '1.59')).status).toBe(406)
    expect((await get('/v1/allocations?node=nope')).body).toMatchObject({})
    const unknownNode = await get('/v1/allocations?node=nope')
    expect(unknownNode.status).toBe(400)
    expect(faultOf(unknownNode.body)).toBe('Node nope could not be found.')
  })
})
