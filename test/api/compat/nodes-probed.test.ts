/**
 * @module Node behaviours without a fixture, checked by hand against the real Ironic 21.4
 * (reference-ironic on 127.0.0.1:6386) and asserted here with its exact answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../../helpers/anvil.js'
import { IRONIC_21_4_MAX } from './suite.js'

const RESERVED =
  'Reserved words are: maintenance, management, states, vendor_passthru, detail, validate.'

describe.each(dialects())('node answers probed on Ironic 21.4, on %s', (dialect) => {
  let t: TestAnvil
  let uuid: string
  beforeAll(async () => {
    t = await startTestAnvil(dialect, { DEFAULT: { pin_release_version: IRONIC_21_4_MAX } })
    for (const name of ['p-1', 'p-2', 'p-3']) {
      const body = { driver: 'fake-hardware', name }
      const r = await t.request({ method: 'POST', url: '/v1/nodes', body })
      uuid ??= r.body.uuid
    }
  })
  afterAll(async () => {
    await t.close()
  })

  const MISSING = '00000000-0000-4000-8000-00000000dead'
  it.each([
    {
      name: 'a reserved word as a name',
      method: 'POST',
      url: '/v1/nodes',
      version: '1.82',
      body: { driver: 'fake-hardware', name: 'detail' },
      status: 400,
      message: `The word "detail" is reserved and can not be used as a node name. ${RESERVED}`,
    },
    {
      name: 'a too-new sort key',
      url: '/v1/nodes?sort_key=name',
      version: '1.1',
      status: 406,
      message: 'Request not acceptable.',
    },
    {
      name: 'detail below 1.43, printed as a Python bool',
      url: '/v1/nodes?detail=false',
      version: '1.1',
      status: 400,
      message: 'Invalid query parameter ?detail=False received.',
    },
    {
      name: 'a name that is no hostname before 1.10',
      url: '/v1/nodes/Foo_bar',
      version: '1.9',
      status: 400,
      message: 'Expected a logical name or UUID but received Foo_bar.',
    },
    {
      name: 'an unknown node before its fields',
      url: `/v1/nodes/${MISSING}?fields=uuid`,
      version: '1.1',
      status: 404,
      message: `Node ${MISSING} could not be found.`,
    },
  ])('answers $name', async ({ method, url, version, body, status, message }) => {
    const r = await t.request({ method: method ?? 'GET', url, version, ...(body ? { body } : {}) })
    expect([r.status, faultOf(r.body)]).toEqual([status, message])
  })

  it('strips .json from a node path when the legacy header asks for less than 1.91', async () => {
    const r = await t.request({ url: '/v1/nodes/p-1.json?fields=name', version: '1.82' })
    expect([r.status, r.body.name]).toEqual([200, 'p-1'])
    const master = await t.request({ url: '/v1/nodes.json', version: null })
    expect(master.status).toBe(404)
  })

  it('shows the conductor as reservation in a PATCH answer only, as Ironic does', async () => {
    const patched = await t.request({ method: 'PATCH', url: `/v1/nodes/${uuid}`, body: [] })
    expect(patched.body.reservation).toBe('test-conductor')
    const shown = await t.request({ url: `/v1/nodes/${uuid}` })
    expect(shown.body.reservation).toBeNull()
  })

  it('keeps every filter in the next link, where Ironic drops all but true booleans', async () => {
    // Ironic 21.4: ...?sort_key=id&sort_dir=asc&associated=True&fields=...&limit=1&marker=...
    // (driver and maintenance=false are lost, so its second page is no longer filtered)
    const url = '/v1/nodes?driver=fake-hardware&maintenance=false&associated=false&limit=1'
    const r = await t.request({ url, version: '1.82' })
    expect(r.body.next).toBe(
      'http://localhost:80/v1/nodes?sort_key=id&sort_dir=asc&associated=False&maintenance=False' +
        '&driver=fake-hardware' +
        '&fields=instance_uuid,maintenance,power_state,provision_state,uuid,name' +
        `&limit=1&marker=${uuid}`,
    )
    const detail = await t.request({ url: '/v1/nodes?detail=1&limit=1', version: '1.82' })
    expect(detail.body.next).toBe(
      `http://localhost:80/v1/nodes?sort_key=id&sort_dir=asc&detail=True&limit=1&marker=${uuid}`,
    )
  })

  it('sends no next link when filtering by instance_uuid', async () => {
    const instance = '11111111-2222-4333-8444-555555555555'
    const body = [{ op: 'add', path: '/instance_uuid', value: instance }]
    await t.request({ method: 'PATCH', url: `/v1/nodes/${uuid}`, body })
    const r = await t.request({ url: `/v1/nodes?instance_uuid=${instance}&limit=1` })
    expect(r.body.nodes).toHaveLength(1)
    expect(r.body.next).toBeUndefined()
  })
})
