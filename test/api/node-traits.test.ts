import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

const ONE_OR_ALL =
  'A single node trait may be added via PUT /v1/nodes/<node identifier>/traits/<trait> with no body, or all node traits may be replaced via PUT /v1/nodes/<node identifier>/traits with the list of traits specified in the request body.'

describe.each(dialects())('node traits API on %s', (dialect) => {
  let t: TestAnvil
  let uuid: string
  let nodeId: number
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    const r = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', name: 'tr-1' },
    })
    uuid = r.body.uuid
    const row = await t.anvil.database.db
      .selectFrom('nodes')
      .select('id')
      .where('uuid', '=', uuid)
      .executeTakeFirstOrThrow()
    nodeId = row.id
  })
  afterAll(async () => {
    await t.close()
  })

  const url = (path = '') => `/v1/nodes/${uuid}/traits${path}`
  const list = async () => (await t.request({ url: url() })).body.traits
  const put = (path: string, body?: unknown, version = 'latest') =>
    t.request({ method: 'PUT', url: url(path), version, ...(body === undefined ? {} : { body }) })

  it('starts empty at 1.37, and is not there before', async () => {
    const r = await t.request({ url: url(), version: '1.37' })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ traits: [] })
    const old = await t.request({ url: url(), version: '1.36' })
    expect(old.status).toBe(406)
    expect(faultOf(old.body)).toBe('Request not acceptable.')
    expect((await put('/CUSTOM_A', undefined, '1.36')).status).toBe(405)
    const del = await t.request({ method: 'DELETE', url: url(), version: '1.36' })
    expect(del.status).toBe(404)
    expect(faultOf(del.body)).toBe('Resource could not be found.')
  })

  it('adds one trait with 204 and Location, bumping the node', async () => {
    const before = (await t.request({ url: `/v1/nodes/${uuid}` })).headers.etag
    const r = await put('/CUSTOM_A')
    expect(r.status).toBe(204)
    expect(r.headers.location).toBe(`http://localhost:80/v1/nodes/${uuid}/traits/CUSTOM_A`)
    expect((await put('/HW_CPU_X86_AVX')).status).toBe(204)
    expect((await put('/CUSTOM_A')).status).toBe(204)
    expect(await list()).toEqual(['CUSTOM_A', 'HW_CPU_X86_AVX'])
    const node = await t.request({ url: `/v1/nodes/${uuid}` })
    expect(node.headers.etag).not.toBe(before)
    expect(node.body.traits).toEqual(['CUSTOM_A', 'HW_CPU_X86_AVX'])
  })

  it('refuses invalid trait names with jsonschema messages', async () => {
    const cases: Array<[string, string]> = [
      [
        '/foo',
        "Schema error for trait: 'foo' is not valid under any of the given schemas. Possible root cause: 'foo' does not match '^CUSTOM_[A-Z0-9_]+$'",
      ],
      [
        '/custom_a',
        "Schema error for trait: 'custom_a' is not valid under any of the given schemas. Possible root cause: 'custom_a' does not match '^CUSTOM_[A-Z0-9_]+$'",
      ],
      [
        `/CUSTOM_${'A'.repeat(250)}`,
        `Schema error for trait: 'CUSTOM_${'A'.repeat(250)}' is too long`,
      ],
    ]
    for (const [path, message] of cases) {
      const r = await put(path)
      expect(r.status).toBe(400)
      expect(faultOf(r.body)).toBe(message)
    }
  })

  it('replaces all traits, dropping duplicates', async () => {
    const r = await put('', { traits: ['CUSTOM_C', 'CUSTOM_C', 'HW_CPU_X86_SSE'] })
    expect(r.status).toBe(204)
    expect(r.headers.location).toBeUndefined()
    expect(await list()).toEqual(['CUSTOM_C', 'HW_CPU_X86_SSE'])
  })

  it('refuses bad bodies with Ironic messages', async () => {
    const cases: Array<[string, unknown, string]> = [
      [
        '',
        { traits: ['bad'] },
        "Schema error for body: 'bad' is not valid under any of the given schemas. Possible root cause: 'bad' does not match '^CUSTOM_[A-Z0-9_]+$'",
      ],
      ['', { traits: 'bad' }, "Schema error for body: 'bad' is not of type 'array'"],
      ['', { traits: ['bad', 5] }, "Schema error for body: 5 is not of type 'string'"],
      ['', { traits: [''] }, "Schema error for body: '' is too short"],
      [
        '',
        { foo: 1 },
        "Schema error for body: Additional properties are not allowed ('foo' was unexpected)",
      ],
      ['', ['x'], "Schema error for body: ['x'] is not of type 'object'"],
      ['', {}, ONE_OR_ALL],
      ['', undefined, ONE_OR_ALL],
      ['/CUSTOM_B', { traits: ['CUSTOM_C'] }, ONE_OR_ALL],
      ['?x=1', { traits: [] }, 'Unexpected arguments: x'],
    ]
    for (const [path, body, message] of cases) {
      const r = await put(path, body)
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(faultOf(r.body)).toBe(message)
    }
  })

  it('keeps at most 50 traits per node', async () => {
    const traits = (n: number) =>
      Array.from({ length: n }, (_, i) => `CUSTOM_T${String(i).padStart(2, '0')}`)
    const tooMany = await put('', { traits: traits(51) })
    expect(tooMany.status).toBe(400)
    expect(faultOf(tooMany.body)).toBe(
      `Could not modify traits for node ${nodeId} as it would exceed the maximum number of traits per node (51 vs. 50)`,
    )
    expect((await put('', { traits: traits(50) })).status).toBe(204)
    expect((await put('/CUSTOM_T01')).status).toBe(204)
    const one = await put('/CUSTOM_X')
    expect(faultOf(one.body)).toBe(
      `Could not modify traits for node ${nodeId} as it would exceed the maximum number of traits per node (51 vs. 50)`,
    )
    expect(await list()).toHaveLength(50)
  })

  it('removes one trait, 404 for a missing one, and all of them', async () => {
    const r = await t.request({ method: 'DELETE', url: url('/CUSTOM_T00') })
    expect(r.status).toBe(204)
    const missing = await t.request({ method: 'DELETE', url: url('/CUSTOM_ZZ') })
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe(`Node ${uuid} doesn't have a trait 'CUSTOM_ZZ'`)
    const body = await t.request({ method: 'DELETE', url: url(), body: { traits: [] } })
    expect(faultOf(body.body)).toBe('Unexpected arguments: traits')
    expect((await t.request({ method: 'DELETE', url: url() })).status).toBe(204)
    expect(await list()).toEqual([])
  })

  it('answers 409 on a locked node and checks the node segment first', async () => {
    const db = t.anvil.database.db
    await db
      .updateTable('nodes')
      .set({ reservation: 'other-host' })
      .where('uuid', '=', uuid)
      .execute()
    try {
      const r = await put('/CUSTOM_A')
      expect(r.status).toBe(409)
      expect(faultOf(r.body)).toBe(
        `Node ${uuid} is locked by host other-host, please retry after the current operation is completed.`,
      )
      expect((await t.request({ url: url() })).status).toBe(200)
    } finally {
      await db.updateTable('nodes').set({ reservation: null }).where('uuid', '=', uuid).execute()
    }
    const bad = await t.request({ url: '/v1/nodes/bad%20name/traits' })
    expect(bad.status).toBe(400)
    expect(faultOf(bad.body)).toBe('Expected UUID or name for node: bad name')
    const byName = await t.request({ url: '/v1/nodes/tr-1/traits' })
    expect(byName.status).toBe(200)
  })
})
