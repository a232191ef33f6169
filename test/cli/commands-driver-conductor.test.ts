/**
 * @module `anvil driver show|list|property list|raid property list|passthru list|passthru call`
 * and `anvil conductor show|list` beyond test/cli/output.test.ts, against a live Anvil, in every
 * output format. Run `npm run build` first: this runs dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env)

const INTERFACES = ['bios', 'boot', 'console', 'deploy', 'firmware', 'inspect', 'management', 'network', 'power', 'raid', 'rescue', 'storage', 'vendor']
const RAID_PROPS = [
  'controller', 'disk_type', 'interface_type', 'is_root_volume', 'number_of_physical_disks', 'physical_disks', 'raid_level',
  'share_physical_disks', 'size_gb', 'volume_name',
]

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
})

afterAll(async () => {
  await t?.close()
})

describe('anvil driver show', () => {
  it('shows a driver in every format, with lists joined by commas', async () => {
    const cols = ['-c', 'default_management_interface', '-c', 'enabled_management_interfaces', '-c', 'hosts', '-c', 'name', '-c', 'type']
    expect((await cli('driver', 'show', 'fake-hardware', ...cols)).stdout).toBe(
      [
        '+-------------------------------+----------------+',
        '| Field                         | Value          |',
        '+-------------------------------+----------------+',
        '| default_management_interface  | fake           |',
        '| enabled_management_interfaces | fake           |',
        '| hosts                         | test-conductor |',
        '| name                          | fake-hardware  |',
        '| type                          | dynamic        |',
        '+-------------------------------+----------------+',
        '',
      ].join('\n'),
    )
    const show = (...f: string[]) => cli('driver', 'show', 'fake-hardware', '-c', 'hosts', '-c', 'name', ...f)
    expect((await show('-f', 'json')).stdout).toBe('{\n  "hosts": "test-conductor",\n  "name": "fake-hardware"\n}\n')
    expect((await show('-f', 'yaml')).stdout).toBe('hosts: test-conductor\nname: fake-hardware\n')
    expect((await show('-f', 'value')).stdout).toBe('test-conductor\nfake-hardware\n')
    expect((await show('-f', 'shell')).stdout).toBe('hosts="test-conductor"\nname="fake-hardware"\n')
    const all = JSON.parse((await cli('driver', 'show', 'fake-hardware', '-f', 'json')).stdout) as Record<string, unknown>
    expect(Object.keys(all)).toEqual(
      ['name', 'hosts', 'type', ...INTERFACES.map((i) => `default_${i}_interface`), ...INTERFACES.map((i) => `enabled_${i}_interfaces`)].sort(),
    )
    expect(typeof all.enabled_boot_interfaces).toBe('string')
    expect(String(all.enabled_boot_interfaces).split(', ')).toContain('fake')
  })

  it('fetches chosen fields with --fields, and reports an unknown driver', async () => {
    const res = await cli('driver', 'show', 'fake-hardware', '--fields', 'name', 'default_power_interface', '-f', 'json')
    expect(JSON.parse(res.stdout)).toEqual({ default_power_interface: 'fake', name: 'fake-hardware' })
    expect(await cli('driver', 'show', 'nope')).toEqual({
      code: 1, stdout: '', stderr: 'Could not find the following driver(s) or hardware type(s): nope. (HTTP 404)\n',
    })
  })
})

describe('anvil driver list', () => {
  it('lists every field with --long, chosen ones with --fields, and filters by --type', async () => {
    const long = JSON.parse((await cli('driver', 'list', '--long', '-f', 'json')).stdout) as Record<string, unknown>[]
    const fake = long.find((d) => d['Supported driver(s)'] === 'fake-hardware')
    expect(Object.keys(fake!)).toEqual([
      'Supported driver(s)', 'Type', 'Active host(s)',
      ...INTERFACES.map((i) => `Default ${i === 'bios' || i === 'raid' ? i.toUpperCase() : i[0]!.toUpperCase() + i.slice(1)} Interface`),
      ...INTERFACES.map((i) => `Enabled ${i === 'bios' || i === 'raid' ? i.toUpperCase() : i[0]!.toUpperCase() + i.slice(1)} Interfaces`),
    ])
    expect(fake).toMatchObject({ Type: 'dynamic', 'Active host(s)': 'test-conductor', 'Default Power Interface': 'fake' })
    const names = long.map((d) => d['Supported driver(s)'] as string)
    expect(names).toEqual([...names].sort())
    const csv = await cli('driver', 'list', '--fields', 'name', 'type', '-f', 'csv')
    expect(csv.stdout.split('\n').slice(0, 2)).toEqual(['"Name","Type"', '"fake-hardware","dynamic"'])
    expect((await cli('driver', 'list', '--type', 'classic')).stdout).toBe('\n')
    expect((await cli('driver', 'list', '--type', 'dynamic', '-f', 'value', '-c', 'Supported driver(s)')).stdout).toContain('fake-hardware\n')
  })
})

describe('anvil driver property list', () => {
  it("lists the hardware type's properties in every format", async () => {
    expect((await cli('driver', 'property', 'list', 'fake-hardware')).stdout).toBe(
      [
        '+----------+---------------------------+',
        '| Property | Description               |',
        '+----------+---------------------------+',
        '| B1       | B1 description. Required. |',
        '| B2       | B2 description. Required. |',
        '+----------+---------------------------+',
        '',
      ].join('\n'),
    )
    const list = (...f: string[]) => cli('driver', 'property', 'list', 'fake-hardware', ...f)
    expect(JSON.parse((await list('-f', 'json')).stdout)).toEqual([
      { Property: 'B1', Description: 'B1 description. Required.' },
      { Property: 'B2', Description: 'B2 description. Required.' },
    ])
    expect((await list('-f', 'yaml')).stdout).toBe(
      '- Description: B1 description. Required.\n  Property: B1\n- Description: B2 description. Required.\n  Property: B2\n',
    )
    expect((await list('-f', 'value')).stdout).toBe('B1 B1 description. Required.\nB2 B2 description. Required.\n')
    expect((await list('-f', 'csv')).stdout).toBe(
      '"Property","Description"\n"B1","B1 description. Required."\n"B2","B2 description. Required."\n',
    )
    expect((await list('-c', 'Property', '-f', 'value')).stdout).toBe('B1\nB2\n')
  })

  it('reports an unknown driver', async () => {
    expect(await cli('driver', 'property', 'list', 'nope')).toEqual({
      code: 1, stdout: '', stderr: "The driver 'nope' is unknown. (HTTP 404)\n",
    })
  })
})

describe('anvil driver raid property list', () => {
  it('lists the logical disk properties, sorted, in every format', async () => {
    const table = (await cli('driver', 'raid', 'property', 'list', 'fake-hardware')).stdout.split('\n')
    expect(table[1]).toMatch(/^\| Property {17}\| Description +\|$/)
    expect(table.slice(3, -2).map((l) => l.split('|')[1]!.trim())).toEqual(RAID_PROPS)
    expect(table[3]).toMatch(/^\| controller {15}\| Controller to use for this logical disk\. .* Optional\. +\|$/)
    const list = (...f: string[]) => cli('driver', 'raid', 'property', 'list', 'fake-hardware', ...f)
    const json = JSON.parse((await list('-f', 'json')).stdout) as { Property: string; Description: string }[]
    expect(json.map((p) => p.Property)).toEqual(RAID_PROPS)
    expect(json.find((p) => p.Property === 'size_gb')?.Description).toMatch(/Required\.$/)
    expect((await list('-f', 'value', '-c', 'Property')).stdout).toBe(`${RAID_PROPS.join('\n')}\n`)
    expect((await list('-f', 'csv', '-c', 'Property')).stdout).toBe(`"Property"\n${RAID_PROPS.map((p) => `"${p}"`).join('\n')}\n`)
    const yaml = (await list('-f', 'yaml')).stdout
    // folded like PyYAML's safe_dump: at the first space past column 80
    expect(yaml.split('\n').slice(0, 3)).toEqual([
      '- Description: Controller to use for this logical disk. If not specified, the driver',
      '    will choose a suitable RAID controller on the bare metal node. Optional.',
      '  Property: controller',
    ])
  })
})

describe('anvil driver passthru', () => {
  it('lists no driver vendor methods for fake-hardware', async () => {
    expect(await cli('driver', 'passthru', 'list', 'fake-hardware')).toEqual({ code: 0, stdout: '\n', stderr: '' })
    expect((await cli('driver', 'passthru', 'list', 'fake-hardware', '-f', 'json')).stdout).toBe('[]\n')
    // cliff's csv writes the heading even without rows
    expect((await cli('driver', 'passthru', 'list', 'fake-hardware', '-f', 'csv')).stdout).toBe(
      '"Name","Supported HTTP methods","Async","Description","Response is attachment"\n',
    )
  })

  it("reports the server's answer to a call of an unknown method", async () => {
    expect(await cli('driver', 'passthru', 'call', 'fake-hardware', 'lookup', '--arg', 'a=1')).toEqual({
      code: 1, stdout: '', stderr: 'No handler for method lookup (HTTP 400)\n',
    })
    expect(await cli('driver', 'passthru', 'call', 'fake-hardware', 'lookup', '--http-method', 'TRACE')).toEqual({
      code: 2, stdout: '', stderr: "invalid HTTP method 'TRACE'\n",
    })
  })
})

describe('anvil conductor', () => {
  it('shows a conductor in every format', async () => {
    const cols = ['-c', 'alive', '-c', 'conductor_group', '-c', 'drivers', '-c', 'hostname']
    expect((await cli('conductor', 'show', 'test-conductor', ...cols)).stdout).toBe(
      [
        '+-----------------+-----------------------------------------------------------+',
        '| Field           | Value                                                     |',
        '+-----------------+-----------------------------------------------------------+',
        '| alive           | True                                                      |',
        '| conductor_group |                                                           |',
        "| drivers         | ['fake-hardware', 'ipmi', 'manual-management', 'redfish'] |",
        '| hostname        | test-conductor                                            |',
        '+-----------------+-----------------------------------------------------------+',
        '',
      ].join('\n'),
    )
    const show = (...f: string[]) => cli('conductor', 'show', 'test-conductor', '-c', 'alive', '-c', 'hostname', ...f)
    expect((await show('-f', 'json')).stdout).toBe('{\n  "alive": true,\n  "hostname": "test-conductor"\n}\n')
    expect((await show('-f', 'yaml')).stdout).toBe('alive: true\nhostname: test-conductor\n')
    expect((await show('-f', 'value')).stdout).toBe('True\ntest-conductor\n')
    expect((await show('-f', 'shell')).stdout).toBe('alive="True"\nhostname="test-conductor"\n')
    const all = JSON.parse((await cli('conductor', 'show', 'test-conductor', '-f', 'json')).stdout) as Record<string, unknown>
    expect(Object.keys(all)).toEqual(['alive', 'conductor_group', 'created_at', 'drivers', 'hostname', 'updated_at'])
    expect(JSON.parse((await cli('conductor', 'show', 'test-conductor', '--fields', 'hostname', 'alive', '-f', 'json')).stdout)).toEqual({
      alive: true, hostname: 'test-conductor',
    })
    expect(await cli('conductor', 'show', 'nope')).toEqual({
      code: 1, stdout: '', stderr: 'Conductor nope could not be found. (HTTP 404)\n',
    })
  })

  it('lists conductors with --long and --fields', async () => {
    const long = JSON.parse((await cli('conductor', 'list', '--long', '-f', 'json')).stdout) as Record<string, unknown>[]
    expect(Object.keys(long[0]!)).toEqual(['Hostname', 'Conductor Group', 'Alive', 'Drivers', 'Created At', 'Updated At'])
    expect(long[0]).toMatchObject({ Hostname: 'test-conductor', Drivers: ['fake-hardware', 'ipmi', 'manual-management', 'redfish'] })
    expect((await cli('conductor', 'list', '--fields', 'hostname', 'alive', '-f', 'csv')).stdout).toBe('"Hostname","Alive"\n"test-conductor",True\n')
  })
})
