import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

describe.each(dialects())('node management API on %s', (dialect) => {
  let t: TestAnvil
  let uuid: string
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    const r = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', name: 'mg-1' },
    })
    uuid = r.body.uuid
  })
  afterAll(async () => {
    await t.close()
  })

  const db = () => t.anvil.database.db
  const url = (path: string) => `/v1/nodes/${uuid}/${path}`
  const lock = (host: string | null) =>
    db().updateTable('nodes').set({ reservation: host }).where('uuid', '=', uuid).execute()

  it('gets the boot device and the supported ones at 1.1', async () => {
    const dev = await t.request({ url: url('management/boot_device'), version: '1.1' })
    expect(dev.status).toBe(200)
    expect(dev.body).toEqual({ boot_device: 'pxe', persistent: false })
    const supported = await t.request({
      url: url('management/boot_device/supported'),
      version: '1.1',
    })
    expect(supported.body).toEqual({ supported_boot_devices: ['pxe'] })
  })

  it('sets the boot device with 204, and refuses bad values with Ironic messages', async () => {
    const put = (body: unknown) =>
      t.request({ method: 'PUT', url: url('management/boot_device'), body })
    const ok = await put({ boot_device: 'pxe', persistent: 'yes' })
    expect(ok.status).toBe(204)
    expect(ok.text).toBe('')
    expect((await put({ boot_device: 'pxe', persistent: 1 })).status).toBe(204)
    const cases: Array<[unknown, string]> = [
      [{ boot_device: 'disk', persistent: true }, 'Invalid boot device disk specified.'],
      [
        { boot_device: 'pxe', persistent: 'maybe' },
        "Invalid persistent: Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
      ],
      [{ persistent: true }, 'Missing mandatory parameter: boot_device'],
      [{ boot_device: 5 }, 'Expected string for boot_device: 5'],
    ]
    for (const [body, message] of cases) {
      const r = await put(body)
      expect(r.status).toBe(400)
      expect(faultOf(r.body)).toBe(message)
    }
  })

  it('takes the lock to read the boot device but not the supported list', async () => {
    await lock('other-host')
    try {
      const r = await t.request({ url: url('management/boot_device') })
      expect(r.status).toBe(409)
      expect(faultOf(r.body)).toBe(
        `Node ${uuid} is locked by host other-host, please retry after the current operation is completed.`,
      )
      expect((await t.request({ url: url('management/boot_device/supported') })).status).toBe(200)
    } finally {
      await lock(null)
    }
  })

  it('injects NMI from 1.29, where the fake interface cannot', async () => {
    const old = await t.request({
      method: 'PUT',
      url: url('management/inject_nmi'),
      version: '1.28',
    })
    expect(old.status).toBe(404)
    expect(faultOf(old.body)).toBe('Resource could not be found.')
    const r = await t.request({ method: 'PUT', url: url('management/inject_nmi'), version: '1.29' })
    expect(r.status).toBe(400)
    expect(faultOf(r.body)).toBe(
      'Driver fake-hardware does not support inject_nmi (disabled or not implemented).',
    )
    const extra = await t.request({
      method: 'PUT',
      url: url('management/inject_nmi'),
      body: { a: 1 },
    })
    expect(faultOf(extra.body)).toBe('Unexpected arguments: a')
  })

  it('lists indicators with links, and reads one', async () => {
    const r = await t.request({ url: url('management/indicators'), version: '1.63' })
    expect(r.status).toBe(200)
    expect(r.body.indicators).toEqual([
      {
        name: 'led-0@chassis',
        component: 'chassis',
        readonly: true,
        states: ['off', 'on'],
        links: [
          {
            href: `http://localhost:80/v1/nodes/${uuid}/management/indicators/led-0@chassis`,
            rel: 'self',
          },
          {
            href: `http://localhost:80/nodes/${uuid}/management/indicators/led-0@chassis`,
            rel: 'bookmark',
          },
        ],
      },
      expect.objectContaining({ name: 'led@system', component: 'system', readonly: false }),
    ])
    const one = await t.request({ url: url('management/indicators/led@system') })
    expect(one.body).toEqual({ state: 'on' })
  })

  it('refuses malformed or unknown indicators, and setting them on the fake interface', async () => {
    const cases: Array<[string, string, unknown?]> = [
      ['led', 'Malformed indicator name "led"'],
      ['led@disk', 'Invalid component disk specified.'],
      ['foo@system', 'Invalid indicator foo specified.'],
    ]
    for (const [name, message] of cases) {
      const r = await t.request({ url: url(`management/indicators/${name}`) })
      expect(r.status).toBe(400)
      expect(faultOf(r.body)).toBe(message)
    }
    const set = await t.request({
      method: 'PUT',
      url: url('management/indicators/led@system'),
      body: { state: 'off' },
    })
    expect(faultOf(set.body)).toBe(
      'Driver fake-hardware does not support set_indicator_state (disabled or not implemented).',
    )
    const missing = await t.request({
      method: 'PUT',
      url: url('management/indicators/led@system'),
      body: {},
    })
    expect(faultOf(missing.body)).toBe('Missing mandatory parameter: state')
  })

  it('changes the boot mode in the background from 1.76, recording the failure', async () => {
    const old = await t.request({
      method: 'PUT',
      url: url('states/boot_mode'),
      version: '1.75',
      body: { target: 'uefi' },
    })
    expect(old.status).toBe(404)
    expect(faultOf(old.body)).toBe('This endpoint is supported starting with the API version 1.76')
    const bad = await t.request({
      method: 'PUT',
      url: url('states/boot_mode'),
      body: { target: 'foo' },
    })
    expect(faultOf(bad.body)).toBe(
      'Invalid boot mode foo requested for node. Allowed boot modes are: bios, uefi',
    )
    const r = await t.request({
      method: 'PUT',
      url: url('states/boot_mode'),
      version: '1.76',
      body: { target: 'uefi' },
    })
    expect(r.status).toBe(202)
    expect(r.headers.location).toBe(`http://localhost:80/v1/nodes/${uuid}/states`)
    await t.anvil.conductor!.drain()
    const states = (await t.request({ url: url('states') })).body
    expect(states.last_error).toBe(
      "Failed to change boot mode to 'uefi: Driver fake-hardware does not support set_boot_mode (disabled or not implemented).",
    )
    expect(states.boot_mode).toBeNull()
  })

  it('changes secure boot in the background, with Ironic messages for bad targets', async () => {
    const put = (body: unknown) =>
      t.request({ method: 'PUT', url: url('states/secure_boot'), body })
    expect(faultOf((await put({ target: 'maybe' })).body)).toBe(
      "Invalid target: Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
    )
    expect(faultOf((await put({ target: null })).body)).toBe(
      'Invalid secure_boot None requested for node. Allowed secure_boot states are: True, False) ',
    )
    expect((await put({ target: true })).status).toBe(202)
    await t.anvil.conductor!.drain()
    expect((await t.request({ url: url('states') })).body.last_error).toBe(
      "Failed to change secure_boot state to 'True': Driver fake-hardware does not support set_secure_boot_state (disabled or not implemented).",
    )
  })

  it('refuses boot mode changes while the node is transitioning', async () => {
    await db()
      .updateTable('nodes')
      .set({ provision_state: 'deploying' })
      .where('uuid', '=', uuid)
      .execute()
    const r = await t.request({
      method: 'PUT',
      url: url('states/boot_mode'),
      body: { target: 'bios' },
    })
    expect(r.status).toBe(409)
    expect(faultOf(r.body)).toBe(
      'Node is in %(state)s state. Since node is transitioning, the boot mode will not be set as this may interfere with ongoing changes and result in erroneous modification. Try again later.',
    )
    await db()
      .updateTable('nodes')
      .set({ provision_state: 'enroll' })
      .where('uuid', '=', uuid)
      .execute()
  })
})
