import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isoTimestamp } from '../../src/common/clock.js'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

const FIXTURES = join(import.meta.dirname, '../fixtures/ironic-21.4')
const HOST = 'test-conductor'

interface Fixture {
  request: { path: string; headers: Record<string, string> }
  response: { status: number; body: unknown }
}

const conductorFixtures = readdirSync(FIXTURES).filter((f) => /^\d+-conductors-.*\.json$/.test(f))

/** Our answer in the fixture's terms: Ironic's base URL, placeholders for host and times. */
function normalize(value: unknown): unknown {
  const text = JSON.stringify(value)
    .replaceAll('http://localhost:80', 'http://127.0.0.1:6386')
    .replaceAll(HOST, '<hostname>')
    .replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00"/g, '"<timestamp>"')
  return JSON.parse(text)
}

describe.each(dialects())('conductors API on %s', (dialect) => {
  let t: TestAnvil
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
  })
  afterAll(async () => {
    await t.close()
  })

  it.each(conductorFixtures)('answers like Ironic 21.4: %s', async (file) => {
    const fx = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Fixture
    const version = fx.request.headers['X-OpenStack-Ironic-API-Version'] ?? null
    const r = await t.request({ url: fx.request.path.replace('<hostname>', HOST), version })
    expect(r.status).toBe(fx.response.status)
    const expected = fx.response.body as { error_message?: string }
    if (expected.error_message !== undefined) expect(faultOf(r.body)).toBe(faultOf(expected))
    else expect(normalize(r.body)).toEqual(expected)
  })

  it('is a 404 below 1.49, even for a known conductor', async () => {
    for (const url of ['/v1/conductors', `/v1/conductors/${HOST}`]) {
      const r = await t.request({ url, version: '1.48' })
      expect(r.status).toBe(404)
      expect(faultOf(r.body)).toBe('Resource could not be found.')
    }
  })

  it('checks arguments before the version, as Ironic does', async () => {
    const cases: Array<[string, string]> = [
      ['/v1/conductors?limit=abc', 'Expected an integer for limit: abc'],
      ['/v1/conductors?marker=bad%20name', 'Expected name for marker: bad name'],
      ['/v1/conductors?detail=maybe', "Invalid detail: Unrecognized value 'maybe'"],
      ['/v1/conductors?bogus=1', 'Unexpected arguments: bogus'],
      ['/v1/conductors/bad%20name', 'Expected name for hostname: bad name'],
    ]
    for (const [url, message] of cases) {
      for (const version of ['1.1', '1.82']) {
        const r = await t.request({ url, version })
        expect(r.status).toBe(400)
        expect(faultOf(r.body)).toContain(message)
      }
    }
  })

  it('refuses bad paging and sorting with Ironic messages', async () => {
    const cases: Array<[string, number, string]> = [
      ['limit=0', 400, 'Limit must be positive'],
      ['sort_dir=up', 400, "Invalid sort direction: up. Acceptable values are 'asc' or 'desc'"],
      ['sort_key=alive', 400, 'The sort_key value alive is an invalid field for sorting'],
      ['sort_key=drivers', 400, 'The sort_key value drivers is an invalid field for sorting'],
      ['sort_key=bogus', 400, 'The sort_key value "bogus" is an invalid field for sorting'],
      ['marker=nohost', 404, 'Conductor nohost could not be found.'],
      ['fields=bogus', 400, 'Field(s) "bogus" are not valid'],
      [
        'fields=hostname&detail=True',
        400,
        'Can not specify ?detail=True and fields in the same request.',
      ],
    ]
    for (const [q, status, message] of cases) {
      const r = await t.request({ url: `/v1/conductors?${q}`, version: '1.82' })
      expect(r.status, q).toBe(status)
      expect(faultOf(r.body)).toBe(message)
    }
    const tooNew = await t.request({ url: '/v1/conductors?fields=owner', version: '1.49' })
    expect(tooNew.status).toBe(406)
  })

  it('pages with next links that carry sort, detail and fields', async () => {
    const plain = await t.request({ url: '/v1/conductors?limit=1', version: '1.82' })
    expect(plain.body.next).toBe(
      `http://localhost:80/v1/conductors?sort_key=id&sort_dir=asc&fields=hostname,conductor_group,alive&limit=1&marker=${HOST}`,
    )
    const detail = await t.request({ url: '/v1/conductors?limit=1&detail=True', version: '1.82' })
    expect(detail.body.next).toBe(
      `http://localhost:80/v1/conductors?sort_key=id&sort_dir=asc&detail=True&limit=1&marker=${HOST}`,
    )
    const after = await t.request({ url: `/v1/conductors?marker=${HOST}`, version: '1.82' })
    expect(after.body).toEqual({ conductors: [] })
  })

  it('lists offline conductors too, not alive once the heartbeat is stale', async () => {
    const old = isoTimestamp(new Date(Date.now() - 3600_000))
    await t.anvil.database.db
      .insertInto('conductors')
      .values({
        hostname: 'a-old-host',
        drivers: JSON.stringify(['ipmi']),
        online: 0,
        conductor_group: 'g1',
        created_at: old,
        updated_at: old,
      })
      .execute()
    const list = await t.request({ url: '/v1/conductors?sort_key=hostname', version: '1.82' })
    expect(
      list.body.conductors.map((c: { hostname: string; alive: boolean }) => [c.hostname, c.alive]),
    ).toEqual([
      ['a-old-host', false],
      [HOST, true],
    ])
    const desc = await t.request({
      url: '/v1/conductors?sort_key=hostname&sort_dir=desc&limit=1',
      version: '1.82',
    })
    expect(desc.body.conductors[0].hostname).toBe(HOST)
    const next = new URL(desc.body.next)
    const page2 = await t.request({ url: next.pathname + next.search, version: '1.82' })
    expect(page2.body.conductors.map((c: { hostname: string }) => c.hostname)).toEqual([
      'a-old-host',
    ])
    const show = await t.request({
      url: '/v1/conductors/a-old-host?fields=alive,conductor_group',
      version: '1.82',
    })
    expect(show.body).toEqual({ conductor_group: 'g1', links: expect.any(Array), alive: false })
  })
})
