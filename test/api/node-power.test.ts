import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

const FIXTURES = new URL('../fixtures/ironic-21.4/', import.meta.url)

/** The body Ironic 21.4 answered, by the fixture's name after its (shifting) number. */
function recorded(suffix: string): unknown {
  const name = readdirSync(FIXTURES).find((f) => f.replace(/^\d+-/, '') === suffix)
  if (!name) throw new Error(`no fixture ${suffix}`)
  return (
    JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as { response: { body: unknown } }
  ).response.body
}

describe.each(dialects())('node power API on %s', (dialect) => {
  let t: TestAnvil
  let uuid: string
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    const r = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', name: 'pw-1' },
    })
    uuid = r.body.uuid
  })
  afterAll(async () => {
    await t.close()
  })

  const db = () => t.anvil.database.db
  const states = async (ident = uuid, version = 'latest') =>
    (await t.request({ url: `/v1/nodes/${ident}/states`, version })).body
  const power = (body: unknown, version = 'latest', ident = uuid) =>
    t.request({ method: 'PUT', url: `/v1/nodes/${ident}/states/power`, body, version })

  /** Polls the node until its power action is over. */
  async function settled(ident = uuid) {
    for (let i = 0; i < 100; i++) {
      const s = await states(ident)
      if (s.target_power_state === null) return s
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error('power action did not finish')
  }

  it('shows the states of a new node as Ironic 21.4 does', async () => {
    // The recorded node of 1.1 was created at 1.1, so in `available` (shown as null).
    const old = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware' },
      version: '1.1',
    })
    for (const [version, ident] of [
      ['1.1', old.body.uuid],
      ['1.50', uuid],
      ['1.82', uuid],
    ]) {
      const body = await states(ident, version)
      expect(JSON.stringify(body)).toBe(JSON.stringify(recorded(`nodes-${version}-states.json`)))
    }
    const unknown = await t.request({
      url: '/v1/nodes/00000000-0000-4000-8000-00000000dead/states',
      version: '1.1',
    })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual(recorded('nodes-1.1-states-unknown.json'))
  })

  it('shows the states of a new node by version', async () => {
    expect(await states(uuid, '1.1')).toEqual({
      console_enabled: false,
      last_error: null,
      power_state: null,
      provision_state: 'enroll',
      target_power_state: null,
      target_provision_state: null,
      provision_updated_at: null,
    })
    const at50 = await states(uuid, '1.50')
    expect(at50.raid_config).toEqual({})
    expect(at50.target_raid_config).toEqual({})
    expect(at50).not.toHaveProperty('boot_mode')
    const latest = await states()
    expect(latest).toMatchObject({ boot_mode: null, secure_boot: null })
  })

  it('powers a node on in the background and answers 202 with Location', async () => {
    const r = await power({ target: 'power on' })
    expect(r.status).toBe(202)
    expect(r.text).toBe('')
    expect(r.headers.location).toBe(`http://localhost:80/v1/nodes/${uuid}/states`)
    const s = await settled()
    expect(s).toMatchObject({ power_state: 'power on', target_power_state: null, last_error: null })
  })

  it('names the node as the client did in Location, and takes the target from the query', async () => {
    const r = await t.request({
      method: 'PUT',
      url: '/v1/nodes/pw-1/states/power?target=power%20off',
    })
    expect(r.status).toBe(202)
    expect(r.headers.location).toBe('http://localhost:80/v1/nodes/pw-1/states')
    expect((await settled()).power_state).toBe('power off')
  })

  it('reboots, soft reboots and soft powers off', async () => {
    for (const [target, end] of [
      ['rebooting', 'power on'],
      ['soft power off', 'power off'],
      ['soft rebooting', 'power on'],
    ] as const) {
      expect((await power({ target, timeout: 30 })).status).toBe(202)
      expect((await settled()).power_state).toBe(end)
    }
  })

  it('leaves a node already in the target state alone, clearing the target', async () => {
    const before = (await t.request({ url: `/v1/nodes/${uuid}` })).body.driver_internal_info
    expect((await power({ target: 'power on' })).status).toBe(202)
    const s = await settled()
    expect(s.power_state).toBe('power on')
    const after = (await t.request({ url: `/v1/nodes/${uuid}` })).body.driver_internal_info
    expect(after.last_power_state_change).toBe(before.last_power_state_change)
  })

  it('refuses a bad target, timeout or argument with Ironic messages', async () => {
    const cases: Array<[unknown, string, string?]> = [
      [
        { target: 'bogus' },
        `The requested action "bogus" can not be performed on node "${uuid}" while it is in state "power on".`,
      ],
      [
        { target: null },
        `The requested action "None" can not be performed on node "${uuid}" while it is in state "power on".`,
      ],
      [{ target: 'power on', timeout: 0 }, 'timeout has to be positive integer'],
      [{ target: 'power on', timeout: 'abc' }, 'Expected an integer for timeout: abc'],
      [{ target: 5 }, 'Expected string for target: 5'],
      [{}, 'Missing mandatory parameter: target'],
      [{ target: 'power on', extra: 1 }, 'Unexpected arguments: extra'],
    ]
    for (const [body, message] of cases) {
      const r = await power(body)
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(faultOf(r.body)).toBe(message)
    }
    const bad = await power({ target: 'power on' }, 'latest', 'bad%20name')
    expect(faultOf(bad.body)).toBe('Expected UUID or name for node_ident: bad name')
    const missing = await power({ target: 'power on' }, 'latest', 'nope')
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe('Node nope could not be found.')
  })

  it('gates soft actions and timeouts at 1.27 with 406', async () => {
    for (const body of [{ target: 'soft power off' }, { target: 'power off', timeout: 5 }]) {
      const r = await power(body, '1.26')
      expect(r.status).toBe(406)
      expect(faultOf(r.body)).toBe('Request not acceptable.')
    }
    const zero = await power({ target: 'power off', timeout: 0 }, '1.26')
    expect(faultOf(zero.body)).toBe('timeout has to be positive integer')
  })

  it('answers 409 NodeLocked while another conductor holds the node', async () => {
    await db()
      .updateTable('nodes')
      .set({ reservation: 'other-host' })
      .where('uuid', '=', uuid)
      .execute()
    try {
      const r = await power({ target: 'power off' })
      expect(r.status).toBe(409)
      expect(faultOf(r.body)).toBe(
        `Node ${uuid} is locked by host other-host, please retry after the current operation is completed.`,
      )
    } finally {
      await db().updateTable('nodes').set({ reservation: null }).where('uuid', '=', uuid).execute()
    }
  })

  it('refuses power actions while cleaning, and power off with disable_power_off', async () => {
    await db()
      .updateTable('nodes')
      .set({ provision_state: 'clean wait' })
      .where('uuid', '=', uuid)
      .execute()
    const cleaning = await power({ target: 'power off' })
    expect(faultOf(cleaning.body)).toBe(
      `The requested action "power off" can not be performed on node "${uuid}" while it is in state "clean wait".`,
    )
    await db()
      .updateTable('nodes')
      .set({ provision_state: 'enroll', disable_power_off: 1 })
      .where('uuid', '=', uuid)
      .execute()
    const off = await power({ target: 'soft power off' })
    expect(off.status).toBe(409)
    expect(faultOf(off.body)).toBe('Failed to set node power state to soft power off.')
    expect((await power({ target: 'rebooting' })).status).toBe(202)
    await settled()
    await db().updateTable('nodes').set({ disable_power_off: 0 }).where('uuid', '=', uuid).execute()
  })

  it('allows power actions in maintenance', async () => {
    expect(
      (await t.request({ method: 'PUT', url: `/v1/nodes/${uuid}/maintenance`, body: {} })).status,
    ).toBe(202)
    expect((await power({ target: 'power off' })).status).toBe(202)
    expect((await settled()).power_state).toBe('power off')
    await t.request({ method: 'DELETE', url: `/v1/nodes/${uuid}/maintenance` })
  })

  it('lists the supported power states', async () => {
    const r = await t.request({ url: `/v1/nodes/${uuid}/states/power/supported` })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      power_states: ['power on', 'power off', 'rebooting', 'soft rebooting', 'soft power off'],
    })
    const get = await t.request({ url: `/v1/nodes/${uuid}/states/power` })
    expect(get.status).toBe(405)
  })

  it('records a failed power action in last_error and the node history', async () => {
    const ctx = t.anvil.conductor!.ctx
    const fakePower = ctx.drivers.buildDriver({ driver: 'fake-hardware' }).driver.power
    const spy = vi.spyOn(fakePower, 'setPowerState').mockRejectedValueOnce(new Error('BMC on fire'))
    try {
      expect((await power({ target: 'power on' })).status).toBe(202)
      const s = await settled()
      expect(s.power_state).toBe('power off')
      expect(s.last_error).toBe(
        "Failed to change power state to 'power on' by 'power on': BMC on fire",
      )
    } finally {
      spy.mockRestore()
    }
    const history = await t.request({ url: `/v1/nodes/${uuid}/history?detail=true` })
    expect(history.body.history.at(-1)).toMatchObject({
      severity: 'ERROR',
      event_type: 'UNKNOWN',
      event: "Failed to change power state to 'power on' by 'power on': BMC on fire",
      conductor: 'test-conductor',
      state: 'enroll',
    })
    expect((await power({ target: 'power on' })).status).toBe(202)
    expect(await settled()).toMatchObject({ power_state: 'power on', last_error: null })
  })

  it('shows available as null before 1.2', async () => {
    await db()
      .updateTable('nodes')
      .set({ provision_state: 'available' })
      .where('uuid', '=', uuid)
      .execute()
    expect((await states(uuid, '1.1')).provision_state).toBeNull()
    expect((await states(uuid, '1.2')).provision_state).toBe('available')
    await db()
      .updateTable('nodes')
      .set({ provision_state: 'enroll' })
      .where('uuid', '=', uuid)
      .execute()
  })
})
