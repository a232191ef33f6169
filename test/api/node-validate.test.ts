import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

const FIXTURES = new URL('../fixtures/ironic-21.4/', import.meta.url)

/** A recorded answer of Ironic 21.4, by the name after its number (the numbers shift). */
const fixture = (suffix: string) => {
  const name = readdirSync(FIXTURES).find((f) => f.replace(/^\d+-/, '') === suffix)
  if (!name) throw new Error(`no fixture ${suffix}`)
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as {
    response: { status: number; body: unknown }
  }
}

describe.each(dialects())('node validate and vendor passthru API on %s', (dialect) => {
  let t: TestAnvil
  let uuid: string
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    const r = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', name: 'vd-1' },
    })
    uuid = r.body.uuid
  })
  afterAll(async () => {
    await t.close()
  })

  it('validates every interface like Ironic 21.4 at 1.1 and 1.82', async () => {
    for (const [version, file] of [
      ['1.1', 'nodes-1.1-validate.json'],
      ['1.82', 'nodes-1.82-validate.json'],
    ] as const) {
      const r = await t.request({ url: `/v1/nodes/${uuid}/validate`, version })
      expect(r.status).toBe(200)
      expect(JSON.stringify(r.body)).toBe(JSON.stringify(fixture(file).response.body))
    }
  })

  it('adds firmware from 1.86 and explains failures', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', bios_interface: 'no-bios', console_interface: 'no-console' },
    })
    const r = await t.request({ url: `/v1/nodes/${created.body.uuid}/validate` })
    expect(Object.keys(r.body)).toContain('firmware')
    expect(r.body.bios).toEqual({
      result: false,
      reason: 'Driver fake-hardware does not support bios (disabled or not implemented).',
    })
    expect(r.body.console.result).toBe(false)
  })

  it('validates through /v1/nodes/validate?node= and node_uuid, with Ironic errors', async () => {
    expect((await t.request({ url: '/v1/nodes/validate?node=vd-1' })).status).toBe(200)
    expect((await t.request({ url: `/v1/nodes/vd-1/validate?node_uuid=${uuid}` })).status).toBe(200)
    const cases: Array<[string, number, string, string?]> = [
      ['/v1/nodes/validate', 400, 'Expected a logical name or UUID but received None.'],
      ['/v1/nodes/validate?node_uuid=vd-1', 400, 'Expected UUID for node_uuid: vd-1'],
      [`/v1/nodes/${uuid}/validate?x=1`, 400, 'Unexpected arguments: x'],
      ['/v1/nodes/vd-1/validate', 406, 'Request not acceptable.', '1.1'],
      [
        '/v1/nodes/00000000-0000-4000-8000-00000000dead/validate',
        404,
        'Node 00000000-0000-4000-8000-00000000dead could not be found.',
      ],
    ]
    for (const [url, status, message, version] of cases) {
      const r = await t.request({ url, version: version ?? 'latest' })
      expect(r.status, url).toBe(status)
      expect(faultOf(r.body)).toBe(message)
    }
  })

  it('lists the vendor methods of the node, sorted', async () => {
    const r = await t.request({ url: `/v1/nodes/${uuid}/vendor_passthru/methods`, version: '1.1' })
    expect(r.status).toBe(200)
    expect(Object.keys(r.body)).toEqual([
      'fourth_method_shared_lock',
      'log_passthrough',
      'second_method',
      'third_method_sync',
    ])
    expect(r.body.third_method_sync).toEqual({
      http_methods: ['POST'],
      async: false,
      description: 'Test if the value of bar is meow',
      attach: false,
      require_exclusive_lock: true,
    })
  })

  it('calls vendor methods: 200 with the result when sync, 202 when async', async () => {
    const call = (path: string, body: unknown, method = 'POST') =>
      t.request({ method, url: `/v1/nodes/${uuid}/vendor_passthru${path}`, body })
    const sync = await call('?method=third_method_sync', { bar: 'meow' })
    expect(sync.status).toBe(200)
    expect(sync.body).toBe(true)
    const byPath = await call('/third_method_sync', { bar: 'x' })
    expect(byPath.status).toBe(200)
    expect(byPath.body).toBe(false)
    const async = await call('?method=second_method', { bar: 'kazoo' })
    expect(async.status).toBe(202)
    expect(async.text).toBe('')
    expect((await call('?method=fourth_method_shared_lock', { bar: 'woof' })).status).toBe(202)
    await t.anvil.conductor!.drain()
  })

  it('refuses bad vendor calls with Ironic messages', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      [
        'POST',
        '?method=third_method_sync',
        {},
        "Parameter 'bar' not passed to method 'third_method_sync'.",
      ],
      [
        'GET',
        '?method=third_method_sync',
        undefined,
        'The method third_method_sync does not support HTTP GET',
      ],
      ['POST', '?method=nope', {}, 'No handler for method nope'],
      ['POST', '', {}, 'Missing mandatory parameter: method'],
      ['POST', '?method=', {}, 'Method not specified'],
      ['POST', '?method=third_method_sync&x=1', {}, 'Unexpected arguments: x'],
      ['POST', '?method=third_method_sync', ['a'], "Expected types <class 'dict'> for data: ['a']"],
    ]
    for (const [method, query, body, message] of cases) {
      const r = await t.request({ method, url: `/v1/nodes/${uuid}/vendor_passthru${query}`, body })
      expect(r.status, query).toBe(400)
      expect(faultOf(r.body)).toBe(message)
    }
  })

  it('answers 409 for exclusive vendor methods on a locked node, not for shared ones', async () => {
    const db = t.anvil.database.db
    await db
      .updateTable('nodes')
      .set({ reservation: 'other-host' })
      .where('uuid', '=', uuid)
      .execute()
    try {
      const locked = await t.request({
        method: 'POST',
        url: `/v1/nodes/${uuid}/vendor_passthru?method=third_method_sync`,
        body: { bar: 'meow' },
      })
      expect(locked.status).toBe(409)
      const shared = await t.request({
        method: 'POST',
        url: `/v1/nodes/${uuid}/vendor_passthru?method=fourth_method_shared_lock`,
        body: { bar: 'woof' },
      })
      expect(shared.status).toBe(202)
      await t.anvil.conductor!.drain()
    } finally {
      await db.updateTable('nodes').set({ reservation: null }).where('uuid', '=', uuid).execute()
    }
  })

  it('serves driver vendor passthru', async () => {
    const methods = await t.request({ url: '/v1/drivers/fake-hardware/vendor_passthru/methods' })
    expect(methods.status).toBe(200)
    expect(methods.body).toEqual({})
    const call = await t.request({
      method: 'POST',
      url: '/v1/drivers/fake-hardware/vendor_passthru?method=x',
      body: {},
    })
    expect(faultOf(call.body)).toBe('No handler for method x')
    const unknown = await t.request({ url: '/v1/drivers/nope/vendor_passthru/methods' })
    expect(unknown.status).toBe(404)
    expect(faultOf(unknown.body)).toBe("The driver 'nope' is unknown.")
    const noMethod = await t.request({
      method: 'POST',
      url: '/v1/drivers/fake-hardware/vendor_passthru',
      body: {},
    })
    expect(faultOf(noMethod.body)).toBe('Missing mandatory parameter: method')
  })
})
