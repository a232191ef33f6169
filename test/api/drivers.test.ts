import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isoTimestamp } from '../../src/common/clock.js'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

const FIXTURES = join(import.meta.dirname, '../fixtures/ironic-21.4')

/** The reference Ironic's driver configuration (shared/reference-ironic/start.sh). */
const REFERENCE_DRIVERS = {
  enabled_hardware_types: 'fake-hardware,manual-management,ipmi,redfish',
  enabled_bios_interfaces: 'fake,no-bios,redfish',
  enabled_boot_interfaces: 'fake,ipxe,pxe,redfish-virtual-media',
  enabled_console_interfaces: 'fake,no-console,ipmitool-socat',
  enabled_deploy_interfaces: 'fake,direct,ramdisk',
  enabled_inspect_interfaces: 'fake,no-inspect,redfish',
  enabled_management_interfaces: 'fake,ipmitool,redfish,noop',
  enabled_power_interfaces: 'fake,ipmitool,redfish',
  enabled_raid_interfaces: 'fake,no-raid,agent,redfish',
  enabled_rescue_interfaces: 'fake,no-rescue,agent',
  enabled_vendor_interfaces: 'fake,no-vendor,ipmitool,redfish',
  enabled_network_interfaces: 'flat,noop',
  enabled_storage_interfaces: 'noop,fake',
  default_network_interface: 'noop',
}

/**
 * Where Anvil follows Ironic master rather than 21.4: master's redfish hardware type also
 * supports the `ipmitool-socat` console (21.4's supports only `no-console`).
 */
const MASTER_DRIVERS: Record<string, Record<string, unknown>> = {
  redfish: {
    default_console_interface: 'ipmitool-socat',
    enabled_console_interfaces: ['ipmitool-socat', 'no-console'],
  },
}

/** A recorded driver object with master's differences applied. */
function asMaster(body: unknown): unknown {
  const patch = (d: Record<string, unknown>) =>
    'default_console_interface' in d ? { ...d, ...MASTER_DRIVERS[d.name as string] } : d
  if (body === null || typeof body !== 'object') return body
  const b = body as { drivers?: Record<string, unknown>[] }
  if (Array.isArray(b.drivers)) return { ...b, drivers: b.drivers.map(patch) }
  return patch(b as Record<string, unknown>)
}

interface Fixture {
  request: { path: string; headers: Record<string, string> }
  response: { status: number; body: unknown }
}

const driverFixtures = readdirSync(FIXTURES).filter((f) => /^\d+-drivers-.*\.json$/.test(f))

/** Our answer in the fixture's terms: Ironic's base URL and host name, unordered lists sorted. */
function normalize(value: unknown): unknown {
  const text = JSON.stringify(value)
    .replaceAll('http://localhost:80', 'http://127.0.0.1:6386')
    .replaceAll('test-conductor', '<hostname>')
  return sortInterfaceLists(JSON.parse(text))
}

/** Ironic builds `enabled_<kind>_interfaces` from a set: compare them as sets. */
function sortInterfaceLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortInterfaceLists)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      /^enabled_.*_interfaces$/.test(k) && Array.isArray(v) ? [...v].sort() : sortInterfaceLists(v),
    ]),
  )
}

describe.each(dialects())('drivers API on %s', (dialect) => {
  let t: TestAnvil
  beforeAll(async () => {
    t = await startTestAnvil(dialect, { DEFAULT: REFERENCE_DRIVERS as never })
  })
  afterAll(async () => {
    await t.close()
  })

  it.each(driverFixtures)('answers like Ironic 21.4: %s', async (file) => {
    const fx = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Fixture
    const version = fx.request.headers['X-OpenStack-Ironic-API-Version'] ?? null
    const r = await t.request({ url: fx.request.path, version })
    expect(r.status).toBe(fx.response.status)
    const expected = fx.response.body as { error_message?: string }
    if (expected.error_message !== undefined) expect(faultOf(r.body)).toBe(faultOf(expected))
    else expect(normalize(r.body)).toEqual(sortInterfaceLists(asMaster(expected)))
  })

  it('shows each interface kind from the microversion that introduced it', async () => {
    const keys = async (version: string) =>
      Object.keys((await t.request({ url: '/v1/drivers/fake-hardware', version })).body)
    expect(await keys('1.29')).toEqual(['name', 'hosts', 'links', 'properties'])
    expect(await keys('1.13')).toEqual(['name', 'hosts', 'links'])
    const at30 = await keys('1.30')
    expect(at30).toContain('type')
    expect(at30).toContain('default_power_interface')
    expect(at30).not.toContain('default_storage_interface')
    expect(await keys('1.33')).toContain('enabled_storage_interfaces')
    expect(await keys('1.37')).not.toContain('default_rescue_interface')
    expect(await keys('1.38')).toContain('default_rescue_interface')
    expect(await keys('1.39')).not.toContain('default_bios_interface')
    expect(await keys('1.40')).toContain('default_bios_interface')
    expect(await keys('1.85')).not.toContain('default_firmware_interface')
    expect(await keys('1.86')).toContain('default_firmware_interface')
  })

  it('refuses fields below 1.77 with 406, and detail or type below 1.30', async () => {
    for (const url of ['/v1/drivers?fields=name', '/v1/drivers/ipmi?fields=name']) {
      const r = await t.request({ url, version: '1.76' })
      expect(r.status).toBe(406)
      expect(faultOf(r.body)).toBe('Request not acceptable.')
    }
    const detail = await t.request({ url: '/v1/drivers?detail=False', version: '1.29' })
    expect(detail.status).toBe(406)
    expect(faultOf(detail.body)).toBe(
      'Request not acceptable. The minimal required API version should be 1.30',
    )
  })

  it('selects fields, refusing ones the object does not have', async () => {
    const one = await t.request({
      url: '/v1/drivers/ipmi?fields=NAME,default_power_interface',
      version: '1.82',
    })
    expect(one.body).toEqual({
      name: 'ipmi',
      links: expect.any(Array),
      default_power_interface: 'ipmitool',
    })
    const list = await t.request({
      url: '/v1/drivers?fields=name,default_power_interface',
      version: '1.82',
    })
    expect(list.status).toBe(400)
    expect(faultOf(list.body)).toBe('Field(s) "default_power_interface" are not valid')
    const both = await t.request({ url: '/v1/drivers?fields=name&detail=True', version: '1.82' })
    expect(faultOf(both.body)).toBe('Can not specify ?detail=True and fields in the same request.')
    const classic = await t.request({
      url: '/v1/drivers?type=classic&fields=bogus',
      version: '1.82',
    })
    expect(classic.body).toEqual({ drivers: [] })
  })

  it('refuses unexpected and repeated arguments as Ironic does', async () => {
    const extra = await t.request({ url: '/v1/drivers?bogus=1&foo=2', version: '1.82' })
    expect(extra.status).toBe(400)
    expect(faultOf(extra.body)).toBe('Unexpected arguments: bogus, foo')
    const props = await t.request({ url: '/v1/drivers/ipmi/properties?x=1', version: '1.82' })
    expect(faultOf(props.body)).toBe('Unexpected arguments: x')
    const twice = await t.request({ url: '/v1/drivers?type=dynamic&type=classic', version: '1.82' })
    expect(faultOf(twice.body)).toBe("Expected string for type: ['dynamic', 'classic']")
  })

  it('gates RAID logical disk properties at 1.12 and 404s an unknown driver', async () => {
    const old = await t.request({
      url: '/v1/drivers/ipmi/raid/logical_disk_properties',
      version: '1.11',
    })
    expect(old.status).toBe(406)
    expect(faultOf(old.body)).toBe('Request not acceptable.')
    const ipmi = await t.request({
      url: '/v1/drivers/ipmi/raid/logical_disk_properties',
      version: '1.12',
    })
    expect(ipmi.status).toBe(200)
    expect(Object.keys(ipmi.body)).toContain('raid_level')
    const bogus = await t.request({
      url: '/v1/drivers/bogus/raid/logical_disk_properties',
      version: '1.12',
    })
    expect(bogus.status).toBe(404)
    expect(faultOf(bogus.body)).toBe("The driver 'bogus' is unknown.")
  })

  it('answers 405 to other methods', async () => {
    const r = await t.request({ method: 'POST', url: '/v1/drivers', version: '1.82', body: {} })
    expect(r.status).toBe(405)
  })

  it('drops conductors whose heartbeat is older than the timeout', async () => {
    const stale = isoTimestamp(new Date(Date.now() - 120_000))
    await t.anvil.database.db.updateTable('conductors').set({ updated_at: stale }).execute()
    const list = await t.request({ url: '/v1/drivers', version: '1.82' })
    expect(list.body).toEqual({ drivers: [] })
    const show = await t.request({ url: '/v1/drivers/ipmi', version: '1.82' })
    expect(show.status).toBe(404)
    expect(faultOf(show.body)).toBe(
      'Could not find the following driver(s) or hardware type(s): ipmi.',
    )
    const props = await t.request({ url: '/v1/drivers/ipmi/properties', version: '1.82' })
    expect(faultOf(props.body)).toBe('No conductors registered.')
  })
})
