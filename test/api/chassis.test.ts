import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { slugsStartingWith } from './compat/node-suite.js'
import { type Step, replayState, replayStep } from './compat/replay.js'

const MISSING = '00000000-0000-4000-8000-000000000001'

describe.each(dialects())('chassis API on %s', (dialect) => {
  let t: TestAnvil
  let chassis: string
  let empty: string
  const patch = (ident: string, body: unknown, headers: Record<string, string> = {}) =>
    t.request({ method: 'PATCH', url: `/v1/chassis/${ident}`, body, headers })

  beforeAll(async () => {
    t = await startTestAnvil(dialect)
  })
  afterAll(async () => {
    await t.close()
  })

  it("creates a chassis with 201, Location, and Ironic's (nested) nodes links", async () => {
    const r = await t.request({
      method: 'POST',
      url: '/v1/chassis',
      body: { description: 'rack 1', extra: { x: 1 } },
      version: '1.1',
    })
    expect(r.status).toBe(201)
    chassis = r.body.uuid
    expect(r.headers.location).toBe(`http://localhost:80/v1/chassis/${chassis}`)
    expect(Object.keys(r.body)).toEqual([
      'uuid',
      'created_at',
      'updated_at',
      'description',
      'extra',
      'links',
      'nodes',
    ])
    expect(r.body.nodes).toEqual([
      [
        { href: `http://localhost:80/v1/chassis/${chassis}/nodes`, rel: 'self' },
        { href: `http://localhost:80/chassis/${chassis}/nodes`, rel: 'bookmark' },
      ],
    ])
    const bare = await t.request({ method: 'POST', url: '/v1/chassis', body: {} })
    empty = bare.body.uuid
    expect(bare.body).toMatchObject({ description: null, extra: {} })
  })

  it('refuses bad bodies with Ironic messages', async () => {
    const cases: Array<[unknown, number, string]> = [
      [
        { description: 'x'.repeat(256) },
        400,
        `Schema error for chassis: '${'x'.repeat(256)}' is too long`,
      ],
      [{ uuid: chassis }, 409, `A chassis with UUID ${chassis} already exists.`],
      [
        { foo: 1 },
        400,
        "Schema error for chassis: Additional properties are not allowed ('foo' was unexpected)",
      ],
      [{ extra: [] }, 400, "Schema error for chassis: [] is not of type 'object', 'null'"],
      [{ uuid: 'x' }, 400, 'Expected UUID for uuid: x'],
    ]
    for (const [body, status, message] of cases) {
      const r = await t.request({ method: 'POST', url: '/v1/chassis', body })
      expect([r.status, faultOf(r.body)]).toEqual([status, message])
    }
  })

  it('shows a chassis with fields and an ETag', async () => {
    const r = await t.request({ url: `/v1/chassis/${chassis}` })
    expect(r.body).toMatchObject({ uuid: chassis, description: 'rack 1', extra: { x: 1 } })
    expect(r.headers.etag).toMatch(/^".+"$/)
    const fields = await t.request({ url: `/v1/chassis/${chassis}?fields=nodes,uuid` })
    expect(Object.keys(fields.body)).toEqual(['uuid', 'links', 'nodes'])
    expect(
      faultOf((await t.request({ url: `/v1/chassis/${chassis}?fields=uuid,bogus` })).body),
    ).toBe('Field(s) "bogus" are not valid')
    expect(
      (await t.request({ url: `/v1/chassis/${chassis}?fields=uuid`, version: '1.7' })).status,
    ).toBe(406)
    const bad = await t.request({ url: '/v1/chassis/foo' })
    expect([bad.status, faultOf(bad.body)]).toEqual([400, 'Expected UUID for chassis_uuid: foo'])
    const missing = await t.request({ url: `/v1/chassis/${MISSING}` })
    expect([missing.status, faultOf(missing.body)]).toEqual([
      404,
      `Chassis ${MISSING} could not be found.`,
    ])
  })

  it('lists and pages chassis as Ironic', async () => {
    const list = await t.request({ url: '/v1/chassis?limit=1', version: '1.1' })
    expect(list.body.chassis).toEqual([
      { uuid: chassis, description: 'rack 1', links: expect.any(Array) },
    ])
    expect(list.body.next).toBe(
      `http://localhost:80/v1/chassis?sort_key=id&sort_dir=asc&fields=uuid,description&limit=1&marker=${chassis}`,
    )
    const next = new URL(list.body.next as string)
    expect((await t.request({ url: next.pathname + next.search })).body.chassis[0].uuid).toBe(empty)
    const detail = await t.request({ url: '/v1/chassis/detail?sort_key=description&sort_dir=desc' })
    expect(detail.body.chassis.map((c: { uuid: string }) => c.uuid)).toEqual([chassis, empty])
    expect(detail.body.chassis[0]).toHaveProperty('extra')
    const cases: Array<[string, number, string]> = [
      ['sort_key=extra', 400, 'The sort_key value extra is an invalid field for sorting'],
      ['sort_key=nodes', 400, 'The sort_key value "nodes" is an invalid field for sorting'],
      ['sort_dir=up', 400, "Invalid sort direction: up. Acceptable values are 'asc' or 'desc'"],
      ['limit=0', 400, 'Limit must be positive'],
      [`marker=${MISSING}`, 404, `Chassis ${MISSING} could not be found.`],
      ['fields=bogus', 400, 'Field(s) "bogus" are not valid'],
      ['bogus=1', 400, 'Unexpected arguments: bogus'],
    ]
    for (const [query, status, message] of cases) {
      const r = await t.request({ url: `/v1/chassis?${query}` })
      expect([query, r.status, faultOf(r.body)]).toEqual([query, status, message])
    }
    expect(faultOf((await t.request({ url: '/v1/chassis/detail?fields=uuid' })).body)).toBe(
      'Unexpected arguments: fields',
    )
  })

  it('lists the nodes of a chassis', async () => {
    const node = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', chassis_uuid: chassis },
    })
    await t.request({ method: 'POST', url: '/v1/nodes', body: { driver: 'fake-hardware' } })
    expect(node.body.chassis_uuid).toBe(chassis)
    const nodes = await t.request({ url: `/v1/chassis/${chassis}/nodes`, version: '1.1' })
    expect(nodes.body.nodes.map((n: { uuid: string }) => n.uuid)).toEqual([node.body.uuid])
    const detail = await t.request({ url: `/v1/chassis/${chassis}/nodes/detail` })
    expect(detail.body.nodes[0].chassis_uuid).toBe(chassis)
    expect((await t.request({ url: `/v1/chassis/${empty}/nodes` })).body.nodes).toEqual([])
    const missing = await t.request({ url: `/v1/chassis/${MISSING}/nodes` })
    expect([missing.status, faultOf(missing.body)]).toEqual([
      404,
      `Chassis ${MISSING} could not be found.`,
    ])
    expect(faultOf((await t.request({ url: '/v1/chassis/foo/nodes' })).body)).toBe(
      'Expected UUID for chassis_uuid: foo',
    )
    const one = await t.request({ url: `/v1/chassis/${chassis}/nodes/${node.body.uuid}` })
    expect([one.status, faultOf(one.body)]).toEqual([403, 'Operation not permitted.'])
  })

  it('patches a chassis, honouring If-Match', async () => {
    const show = await t.request({ url: `/v1/chassis/${chassis}` })
    const ok = await patch(
      chassis,
      [
        { op: 'add', path: '/extra/a', value: 2 },
        { op: 'replace', path: '/description', value: 'rack 2' },
      ],
      { 'if-match': show.headers.etag as string },
    )
    expect([ok.status, ok.body.extra, ok.body.description]).toEqual([200, { x: 1, a: 2 }, 'rack 2'])
    expect(ok.body.updated_at).not.toBeNull()
    expect(
      (
        await patch(chassis, [{ op: 'remove', path: '/description' }], {
          'if-match': show.headers.etag as string,
        })
      ).status,
    ).toBe(412)
    const cases: Array<[string, unknown, number, string]> = [
      [
        chassis,
        [{ op: 'replace', path: '/uuid', value: MISSING }],
        400,
        'Cannot overwrite UUID for an existing Chassis.',
      ],
      [
        chassis,
        [{ op: 'remove', path: '/uuid' }],
        400,
        'Cannot overwrite UUID for an existing Chassis.',
      ],
      [chassis, [{ op: 'replace', path: '/uuid', value: 'x' }], 400, 'Expected UUID for uuid: x'],
      [
        chassis,
        [{ op: 'replace', path: '/created_at', value: 'x' }],
        400,
        'Cannot patch /created_at. Only the following can be updated: uuid, extra, description',
      ],
      [
        chassis,
        [{ op: 'add', path: '/description', value: 'y'.repeat(300) }],
        400,
        `Schema error for patch: '${'y'.repeat(300)}' is too long`,
      ],
      ['foo', [{ op: 'remove', path: '/description' }], 404, 'Chassis foo could not be found.'],
    ]
    for (const [ident, body, status, message] of cases) {
      const r = await patch(ident, body)
      expect([r.status, faultOf(r.body)]).toEqual([status, message])
    }
    const removed = await patch(chassis, [{ op: 'remove', path: '/description' }])
    expect(removed.body.description).toBeNull()
  })

  it('refuses to delete a chassis with nodes', async () => {
    const full = await t.request({ method: 'DELETE', url: `/v1/chassis/${chassis}` })
    expect([full.status, faultOf(full.body)]).toEqual([
      400,
      `Cannot complete the requested action because chassis ${chassis} contains nodes.`,
    ])
    expect(faultOf((await t.request({ method: 'DELETE', url: '/v1/chassis/foo' })).body)).toBe(
      'Expected UUID for chassis_uuid: foo',
    )
    expect(
      (
        await t.request({
          method: 'DELETE',
          url: `/v1/chassis/${empty}`,
          headers: { 'if-match': '"x"' },
        })
      ).status,
    ).toBe(412)
    expect((await t.request({ method: 'DELETE', url: `/v1/chassis/${empty}` })).status).toBe(204)
    const again = await t.request({ method: 'DELETE', url: `/v1/chassis/${empty}` })
    expect([again.status, faultOf(again.body)]).toEqual([
      404,
      `Chassis ${empty} could not be found.`,
    ])
  })
})

describe.each(dialects())('chassis replay Ironic 21.4 on %s', (dialect) => {
  it('answers every recorded chassis request as Ironic did', async () => {
    const t = await startTestAnvil(dialect, { DEFAULT: { pin_release_version: '1.82' } })
    const state = replayState(t)
    const problems: string[] = []
    const slugs = slugsStartingWith('chassis-')
    for (const fixture of slugs) {
      const step: Step = { fixture, bind: fixture === 'chassis-node-unset-chassis' ? ['N'] : ['C'] }
      if (fixture === 'chassis-create') step.save = 'C'
      if (fixture === 'chassis-node-create') step.save = 'N'
      for (const p of await replayStep(step, state)) problems.push(`${fixture}: ${p}`)
    }
    await t.close()
    expect(slugs.length).toBeGreaterThan(20)
    expect(problems).toEqual([])
  })
})
