import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordHistory } from '../../src/conductor/history.js'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

describe.each(dialects())('node history API on %s', (dialect) => {
  let t: TestAnvil
  let uuid: string
  let other: string
  const events: string[] = []
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    const create = async (name: string) =>
      (
        await t.request({
          method: 'POST',
          url: '/v1/nodes',
          body: { driver: 'fake-hardware', name },
        })
      ).body.uuid
    uuid = await create('hi-1')
    other = await create('hi-2')
    const db = t.anvil.database.db
    const past = new Date(Date.now() - 90_000).toISOString()
    await db
      .updateTable('nodes')
      .set({
        provision_state: 'deploying',
        target_provision_state: 'active',
        provision_updated_at: past,
      })
      .where('uuid', '=', uuid)
      .execute()
    const ctx = t.anvil.conductor!.ctx
    const id = async (u: string) =>
      (await db.selectFrom('nodes').select('id').where('uuid', '=', u).executeTakeFirstOrThrow()).id
    const nodeId = await id(uuid)
    events.push(
      (await recordHistory(ctx, nodeId, {
        event: 'first',
        event_type: 'deploy',
        user: 'u1',
        project: 'p1',
      }))!,
    )
    events.push((await recordHistory(ctx, nodeId, { event: 'E'.repeat(300), severity: 'ERROR' }))!)
    events.push((await recordHistory(ctx, nodeId, { event: 'third' }))!)
    events.push((await recordHistory(ctx, await id(other), { event: 'elsewhere' }))!)
  })
  afterAll(async () => {
    await t.close()
  })

  const url = (path = '') => `/v1/nodes/${uuid}/history${path}`

  it('is not there before 1.78', async () => {
    const r = await t.request({ url: url(), version: '1.77' })
    expect(r.status).toBe(404)
    expect((await t.request({ url: url(`/${events[0]}`), version: '1.77' })).status).toBe(404)
  })

  it('lists short entries with self links, truncating long events', async () => {
    const r = await t.request({ url: url(), version: '1.78' })
    expect(r.status).toBe(200)
    expect(r.body.next).toBeUndefined()
    const [first, second] = r.body.history
    expect(Object.keys(first)).toEqual(['uuid', 'created_at', 'severity', 'event', 'links'])
    expect(first).toMatchObject({ uuid: events[0], severity: 'INFO', event: 'first' })
    expect(first.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/)
    expect(first.links).toEqual([
      { href: `http://localhost:80/v1/nodes/${uuid}/history/${events[0]}`, rel: 'self' },
    ])
    expect(second.event).toBe(`${'E'.repeat(251)}...`)
    expect(r.body.history).toHaveLength(3)
  })

  it('shows detail fields by version', async () => {
    const at78 = await t.request({ url: url('?detail=True'), version: '1.78' })
    expect(Object.keys(at78.body.history[0])).toEqual([
      'uuid',
      'created_at',
      'severity',
      'event_type',
      'event',
      'conductor',
      'user',
      'links',
    ])
    expect(at78.body.history[0]).toMatchObject({
      event_type: 'deploy',
      conductor: 'test-conductor',
      user: 'u1',
    })
    expect(at78.body.history[2].event_type).toBe('UNKNOWN')
    expect(at78.body.history[1].event).toBe('E'.repeat(300))
    const at113 = await t.request({ url: url('?detail=true'), version: '1.113' })
    expect(at113.body.history[0].project).toBe('p1')
    expect(at113.body.history[0]).not.toHaveProperty('state')
    const latest = await t.request({ url: url('?detail=true') })
    expect(latest.body.history[0]).toMatchObject({
      state: 'deploying',
      target_provision_state: 'active',
    })
    expect(latest.body.history[0].duration_seconds).toBeGreaterThanOrEqual(89)
  })

  it('pages with Ironic next links that can be followed', async () => {
    const r = await t.request({ url: '/v1/nodes/hi-1/history?limit=2' })
    expect(r.body.history.map((e: { uuid: string }) => e.uuid)).toEqual(events.slice(0, 2))
    expect(r.body.next).toBe(
      `http://localhost:80/v1/nodes/hi-1/history?marker=None&fields=uuid,created_at,severity,event&limit=2&marker=${events[1]}`,
    )
    const next = new URL(r.body.next)
    const page2 = await t.request({ url: next.pathname + next.search })
    expect(page2.status).toBe(200)
    expect(page2.body.history.map((e: { uuid: string }) => e.uuid)).toEqual([events[2]])
    const desc = await t.request({ url: url('?limit=1&sort_dir=desc') })
    expect(desc.body.history[0].uuid).toBe(events[2])
    expect(desc.body.next).toContain('sort_key=created_at&sort_dir=desc&fields=')
  })

  it('refuses bad list arguments with Ironic messages', async () => {
    const cases: Array<[string, number, string]> = [
      ['?marker=foo', 400, 'Expected UUID for marker: foo'],
      [
        '?marker=00000000-0000-4000-8000-00000000dead',
        404,
        'Node history record 00000000-0000-4000-8000-00000000dead could not be found.',
      ],
      ['?limit=0', 400, 'Limit must be positive'],
      ['?limit=x', 400, 'Expected an integer for limit: x'],
      [
        '?detail=maybe',
        400,
        "Invalid detail: Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
      ],
      ['?sort_key=bogus', 400, 'The sort_key value "bogus" is an invalid field for sorting'],
      ['?sort_dir=up', 400, "Invalid sort direction: up. Acceptable values are 'asc' or 'desc'"],
      ['?foo=1', 400, 'Unexpected arguments: foo'],
    ]
    for (const [query, status, message] of cases) {
      const r = await t.request({ url: url(query) })
      expect(r.status, query).toBe(status)
      expect(faultOf(r.body)).toBe(message)
    }
  })

  it('shows one event in detail, only under its own node', async () => {
    const r = await t.request({ url: url(`/${events[0]}`) })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      uuid: events[0],
      event: 'first',
      event_type: 'deploy',
      project: 'p1',
    })
    const foreign = await t.request({ url: url(`/${events[3]}`) })
    expect(foreign.status).toBe(404)
    expect(faultOf(foreign.body)).toBe(`Node history record ${events[3]} could not be found.`)
    const named = await t.request({ url: url('/foo') })
    expect(faultOf(named.body)).toBe('Node history record foo could not be found.')
    const bad = await t.request({ url: url('/a%20b') })
    expect(faultOf(bad.body)).toBe('Expected UUID or name for event: a b')
    const arg = await t.request({ url: url(`/${events[0]}?detail=true`) })
    expect(faultOf(arg.body)).toBe('Unexpected arguments: detail')
  })
})
