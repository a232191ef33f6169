/**
 * @module `anvil port create|list|show|set|unset|delete` and `anvil port group ...` against a live
 * Anvil, in every output format, with `--long`, `--fields`, `-c` and the list filters, and the
 * fields the server ends up with. Run `npm run build` first: this runs dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../conductor/helpers.js'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env)

const NODE = '0e000000-0000-4000-8000-000000000000'
const NODE2 = '0e000000-0000-4000-8000-000000000001'
const P1 = '0e000000-0000-4000-8000-0000000000a1'
const P2 = '0e000000-0000-4000-8000-0000000000a2'
const G1 = '0e000000-0000-4000-8000-0000000000b1'
const G2 = '0e000000-0000-4000-8000-0000000000b2'
const MAC1 = '52:54:00:00:0e:01'
const MAC2 = '52:54:00:00:10:02'
const GMAC = '52:54:00:00:0e:b1'
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/

const apiGet = async (path: string) => (await t.request({ url: path })).body as Record<string, unknown>

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
  await createNode(t, { uuid: NODE, name: 'port-node' })
  await createNode(t, { uuid: NODE2, name: 'port-node-2' })
})

afterAll(async () => {
  await t?.close()
})

describe('anvil port group', () => {
  it('creates a group with every option and prints it', async () => {
    const res = await cli('port', 'group', 'create', '--node', NODE, '--address', GMAC, '--name', 'bond0', '--uuid', G1,
      '--extra', 'rack=r1', '--mode', '802.3ad', '--property', 'miimon=100', '--support-standalone-ports',
      '--physical-network', 'phys1', '-c', 'address', '-c', 'mode', '-c', 'name', '-c', 'properties', '-c', 'uuid')
    expect(res).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        '+------------+--------------------------------------+',
        '| Field      | Value                                |',
        '+------------+--------------------------------------+',
        `| address    | ${GMAC}                    |`,
        '| mode       | 802.3ad                              |',
        '| name       | bond0                                |',
        "| properties | {'miimon': 100}                      |",
        `| uuid       | ${G1} |`,
        '+------------+--------------------------------------+',
        '',
      ].join('\n'),
    })
    expect(await apiGet(`/v1/portgroups/${G1}`)).toMatchObject({
      node_uuid: NODE, address: GMAC, name: 'bond0', extra: { rack: 'r1' }, mode: '802.3ad',
      properties: { miimon: 100 }, standalone_ports_supported: true, physical_network: 'phys1',
    })
    const json = await cli('port', 'group', 'create', '--node', NODE2, '--name', 'bond1', '--uuid', G2, '--unsupport-standalone-ports', '-f', 'json')
    const body = JSON.parse(json.stdout) as Record<string, unknown>
    expect(Object.keys(body)).toEqual([...Object.keys(body)].sort())
    expect(body).toMatchObject({ uuid: G2, name: 'bond1', address: null, node_uuid: NODE2, standalone_ports_supported: false, extra: {} })
    expect(body).not.toHaveProperty('ports')
    expect(body).not.toHaveProperty('links')
    expect(body.created_at).toMatch(TIME)
  })

  it('lists groups in every format', async () => {
    expect((await cli('port', 'group', 'list')).stdout).toBe(
      [
        '+--------------------------------------+-------------------+-------+',
        '| UUID                                 | Address           | Name  |',
        '+--------------------------------------+-------------------+-------+',
        `| ${G1} | ${GMAC} | bond0 |`,
        `| ${G2} | None              | bond1 |`,
        '+--------------------------------------+-------------------+-------+',
        '',
      ].join('\n'),
    )
    expect(JSON.parse((await cli('port', 'group', 'list', '-f', 'json')).stdout)).toEqual([
      { UUID: G1, Address: GMAC, Name: 'bond0' },
      { UUID: G2, Address: null, Name: 'bond1' },
    ])
    expect((await cli('port', 'group', 'list', '-f', 'yaml')).stdout).toBe(
      `- Address: ${GMAC}\n  Name: bond0\n  UUID: ${G1}\n- Address: null\n  Name: bond1\n  UUID: ${G2}\n`,
    )
    expect((await cli('port', 'group', 'list', '-f', 'value')).stdout).toBe(`${G1} ${GMAC} bond0\n${G2} None bond1\n`)
    expect((await cli('port', 'group', 'list', '-f', 'csv')).stdout).toBe(
      `"UUID","Address","Name"\n"${G1}","${GMAC}","bond0"\n"${G2}","","bond1"\n`,
    )
  })

  it('lists with --long, --fields, --node, --address and --sort', async () => {
    const long = JSON.parse((await cli('port', 'group', 'list', '--long', '-f', 'json')).stdout) as Record<string, unknown>[]
    expect(Object.keys(long[0]!)).toEqual([
      'UUID', 'Address', 'Created At', 'Extra', 'Standalone Ports Supported', 'Node UUID', 'Name', 'Updated At',
      'Internal Info', 'Mode', 'Properties', 'Physical Network', 'Category',
    ])
    expect(long[0]).toMatchObject({ Extra: { rack: 'r1' }, 'Standalone Ports Supported': true, Mode: '802.3ad', 'Physical Network': 'phys1' })
    const fields = await cli('port', 'group', 'list', '--fields', 'name', 'mode', '-f', 'csv')
    expect(fields.stdout).toBe('"Name","Mode"\n"bond0","802.3ad"\n"bond1","active-backup"\n')
    expect((await cli('port', 'group', 'list', '--node', 'port-node-2', '-f', 'value', '-c', 'Name')).stdout).toBe('bond1\n')
    expect((await cli('port', 'group', 'list', '--address', GMAC, '-f', 'value', '-c', 'Name')).stdout).toBe('bond0\n')
    expect((await cli('port', 'group', 'list', '--sort', 'name:desc', '-f', 'value', '-c', 'Name')).stdout).toBe('bond1\nbond0\n')
  })

  it('shows a group in every format', async () => {
    const cols = ['-c', 'mode', '-c', 'name', '-c', 'properties']
    expect((await cli('port', 'group', 'show', 'bond0', ...cols)).stdout).toBe(
      [
        '+------------+-----------------+',
        '| Field      | Value           |',
        '+------------+-----------------+',
        '| mode       | 802.3ad         |',
        '| name       | bond0           |',
        "| properties | {'miimon': 100} |",
        '+------------+-----------------+',
        '',
      ].join('\n'),
    )
    expect((await cli('port', 'group', 'show', G1, ...cols, '-f', 'json')).stdout).toBe(
      '{\n  "mode": "802.3ad",\n  "name": "bond0",\n  "properties": {\n    "miimon": 100\n  }\n}\n',
    )
    expect((await cli('port', 'group', 'show', G1, ...cols, '-f', 'yaml')).stdout).toBe('mode: 802.3ad\nname: bond0\nproperties:\n  miimon: 100\n')
    expect((await cli('port', 'group', 'show', G1, ...cols, '-f', 'value')).stdout).toBe("802.3ad\nbond0\n{'miimon': 100}\n")
    expect((await cli('port', 'group', 'show', G1, ...cols, '-f', 'shell')).stdout).toBe(
      'mode="802.3ad"\nname="bond0"\nproperties="{\'miimon\': 100}"\n',
    )
    expect(JSON.parse((await cli('port', 'group', 'show', G1, '--fields', 'uuid', 'name', '-f', 'json')).stdout)).toEqual({ name: 'bond0', uuid: G1 })
  })

  it('sets and unsets fields', async () => {
    const set = await cli('port', 'group', 'set', 'bond1', '--address', '52:54:00:00:0e:b2', '--mode', 'active-backup',
      '--property', 'downdelay=5', '--extra', 'k=v', '--support-standalone-ports', '--physical-network', 'phys2', '--name', 'bond2')
    expect(set).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(await apiGet(`/v1/portgroups/${G2}`)).toMatchObject({
      address: '52:54:00:00:0e:b2', mode: 'active-backup', properties: { downdelay: 5 }, extra: { k: 'v' },
      standalone_ports_supported: true, physical_network: 'phys2', name: 'bond2',
    })
    const unset = await cli('port', 'group', 'unset', 'bond2', '--address', '--name', '--extra', 'k', '--property', 'downdelay', '--physical-network')
    expect(unset).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(await apiGet(`/v1/portgroups/${G2}`)).toMatchObject({
      address: null, name: null, extra: {}, properties: {}, physical_network: null,
    })
    expect((await cli('port', 'group', 'set', G2, '--unsupport-standalone-ports', '--node', NODE)).code).toBe(0)
    expect(await apiGet(`/v1/portgroups/${G2}`)).toMatchObject({ standalone_ports_supported: false, node_uuid: NODE })
    expect(await cli('port', 'group', 'unset', G2)).toEqual({ code: 2, stdout: '', stderr: 'Please specify what to unset.\n' })
  })
})

describe('anvil port', () => {
  it('creates a port with every option', async () => {
    const res = await cli('port', 'create', MAC1, '--node', NODE, '--uuid', P1, '--extra', 'a=b',
      '--local-link-connection', 'switch_id=00:11:22:33:44:55', '--local-link-connection', 'port_id=Eth1',
      '--local-link-connection', 'hostname=h1', '--pxe-enabled', 'false', '--physical-network', 'phys1',
      '--is-smartnic', '--name', 'nic0', '--port-group', G1,
      '-c', 'address', '-c', 'local_link_connection', '-c', 'pxe_enabled', '-c', 'uuid')
    expect(res).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        '+-----------------------+-------------------------------------------------------------------------+',
        '| Field                 | Value                                                                   |',
        '+-----------------------+-------------------------------------------------------------------------+',
        `| address               | ${MAC1}                                                       |`,
        "| local_link_connection | {'switch_id': '00:11:22:33:44:55', 'port_id': 'Eth1', 'hostname': 'h1'} |",
        '| pxe_enabled           | False                                                                   |',
        `| uuid                  | ${P1}                                    |`,
        '+-----------------------+-------------------------------------------------------------------------+',
        '',
      ].join('\n'),
    })
    expect(await apiGet(`/v1/ports/${P1}`)).toMatchObject({
      node_uuid: NODE, address: MAC1, extra: { a: 'b' }, pxe_enabled: false, physical_network: 'phys1',
      is_smartnic: true, name: 'nic0', portgroup_uuid: G1,
    })
    const yaml = await cli('port', 'create', MAC2, '--node', NODE2, '--uuid', P2, '-f', 'yaml', '-c', 'address', '-c', 'pxe_enabled', '-c', 'node_uuid')
    expect(yaml.stdout).toBe(`address: '${MAC2}'\nnode_uuid: ${NODE2}\npxe_enabled: true\n`)
  })

  it('reports bad values', async () => {
    expect(await cli('port', 'create', '52:54:00:00:0e:03', '--node', NODE, '--pxe-enabled', 'maybe')).toEqual({
      code: 2, stdout: '', stderr: expect.stringMatching(/^[^\n]*--pxe-enabled[^\n]*maybe[^\n]*\n$/) as unknown as string,
    })
    expect(await cli('port', 'create', MAC1, '--node', NODE)).toEqual({
      code: 1, stdout: '', stderr: `A port with MAC address ${MAC1} already exists. (HTTP 409)\n`,
    })
    expect(await cli('port', 'create', '52:54:00:00:0e:04')).toEqual({
      code: 1, stdout: '', stderr: "error: required option '--node <node>' not specified\n",
    })
  })

  it('lists ports in json and csv, with --long and --fields', async () => {
    expect(JSON.parse((await cli('port', 'list', '-f', 'json')).stdout)).toEqual([
      { UUID: P1, Address: MAC1 },
      { UUID: P2, Address: MAC2 },
    ])
    expect((await cli('port', 'list', '-f', 'csv')).stdout).toBe(`"UUID","Address"\n"${P1}","${MAC1}"\n"${P2}","${MAC2}"\n`)
    const long = JSON.parse((await cli('port', 'list', '--long', '-f', 'json')).stdout) as Record<string, unknown>[]
    expect(Object.keys(long[0]!)).toEqual([
      'UUID', 'Address', 'Created At', 'Extra', 'Node UUID', 'Category', 'Vendor', 'Local Link Connection',
      'Portgroup UUID', 'PXE boot enabled', 'Physical Network', 'Updated At', 'Internal Info', 'Is Smart NIC port', 'Name',
    ])
    expect(long[0]).toMatchObject({ 'Portgroup UUID': G1, 'PXE boot enabled': false, 'Is Smart NIC port': true, Name: 'nic0' })
    const csv = await cli('port', 'list', '--long', '-c', 'Name', '-c', 'PXE boot enabled', '-f', 'csv')
    // cliff keeps the list's column order, whatever the order of -c
    expect(csv.stdout).toBe('"PXE boot enabled","Name"\nFalse,"nic0"\nTrue,""\n')
    const fields = await cli('port', 'list', '--fields', 'address', 'name', '-f', 'value')
    expect(fields.stdout).toBe(`${MAC1} nic0\n${MAC2} None\n`)
  })

  it('filters by address, node and port group, and pages', async () => {
    const only = (...a: string[]) => cli('port', 'list', ...a, '-f', 'value', '-c', 'UUID')
    expect((await only('--address', MAC2)).stdout).toBe(`${P2}\n`)
    expect((await only('--node', 'port-node')).stdout).toBe(`${P1}\n`)
    expect((await only('--port-group', 'bond0')).stdout).toBe(`${P1}\n`)
    expect((await only('--limit', '1')).stdout).toBe(`${P1}\n`)
    expect((await only('--marker', P1)).stdout).toBe(`${P2}\n`)
    expect((await only('--sort', 'address:desc')).stdout).toBe(`${P2}\n${P1}\n`)
  })

  it('shows a port as a table, json and shell', async () => {
    const cols = ['-c', 'address', '-c', 'extra', '-c', 'name']
    expect((await cli('port', 'show', P1, ...cols)).stdout).toBe(
      [
        '+---------+-------------------+',
        '| Field   | Value             |',
        '+---------+-------------------+',
        `| address | ${MAC1} |`,
        "| extra   | {'a': 'b'}        |",
        '| name    | nic0              |',
        '+---------+-------------------+',
        '',
      ].join('\n'),
    )
    expect(JSON.parse((await cli('port', 'show', P1, ...cols, '-f', 'json')).stdout)).toEqual({ address: MAC1, extra: { a: 'b' }, name: 'nic0' })
    expect((await cli('port', 'show', P1, ...cols, '-f', 'shell')).stdout).toBe(`address="${MAC1}"\nextra="{'a': 'b'}"\nname="nic0"\n`)
    const all = JSON.parse((await cli('port', 'show', P1, '-f', 'json')).stdout) as Record<string, unknown>
    expect(Object.keys(all)).toEqual([...Object.keys(all)].sort())
    expect(all).not.toHaveProperty('links')
    expect(JSON.parse((await cli('port', 'show', P1, '--fields', 'uuid', 'address', '-f', 'json')).stdout)).toEqual({ address: MAC1, uuid: P1 })
  })

  it('shows a port by its MAC address with --address', async () => {
    const byMac = JSON.parse((await cli('port', 'show', '--address', MAC1, '-f', 'json')).stdout) as Record<string, unknown>
    expect(byMac.uuid).toBe(P1)
    expect(JSON.parse((await cli('port', 'show', '--address', MAC1, '--fields', 'uuid', '-f', 'json')).stdout)).toEqual({ uuid: P1 })
    expect(await cli('port', 'show', '--address', '52:54:00:ff:ff:ff')).toEqual({ code: 1, stdout: '', stderr: 'Not Found (HTTP 404)\n' })
  })

  it('sets and unsets fields', async () => {
    const set = await cli('port', 'set', P2, '--node', NODE, '--address', '52:54:00:00:0e:05', '--extra', 'k=1',
      '--local-link-connection', 'switch_id=00:11:22:33:44:66', '--local-link-connection', 'port_id=Eth2',
      '--local-link-connection', 'hostname=h2', '--pxe-disabled', '--physical-network', 'phys1', '--is-smartnic', '--name', 'nic1')
    expect(set).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(await apiGet(`/v1/ports/${P2}`)).toMatchObject({
      node_uuid: NODE, address: '52:54:00:00:0e:05', extra: { k: 1 }, pxe_enabled: false,
      local_link_connection: { switch_id: '00:11:22:33:44:66', port_id: 'Eth2', hostname: 'h2' },
      physical_network: 'phys1', is_smartnic: true, name: 'nic1',
    })
    expect(await cli('port', 'set', 'nic1', '--port-group', G1)).toEqual({ code: 0, stdout: '', stderr: '' })
    expect((await apiGet(`/v1/ports/${P2}`)).portgroup_uuid).toBe(G1)
    const unset = await cli('port', 'unset', 'nic1', '--extra', 'k', '--port-group', '--physical-network', '--is-smartnic', '--name')
    expect(unset).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(await apiGet(`/v1/ports/${P2}`)).toMatchObject({
      extra: {}, portgroup_uuid: null, physical_network: null, name: null,
    })
    expect((await apiGet(`/v1/ports/${P2}`)).is_smartnic).not.toBe(true)
    expect((await cli('port', 'set', P2, '--pxe-enabled')).code).toBe(0)
    expect((await apiGet(`/v1/ports/${P2}`)).pxe_enabled).toBe(true)
    expect(await cli('port', 'set', P2)).toEqual({ code: 2, stdout: '', stderr: 'Please specify what to set.\n' })
  })

  it('deletes ports and groups, and reports what it could not', async () => {
    expect(await cli('port', 'delete', P1, P2)).toEqual({ code: 0, stdout: `Deleted port ${P1}\nDeleted port ${P2}\n`, stderr: '' })
    expect(await cli('port', 'delete', P1)).toEqual({ code: 1, stdout: '', stderr: `Port ${P1} could not be found. (HTTP 404)\n` })
    expect(await cli('port', 'group', 'delete', 'bond0', G2)).toEqual({
      code: 0, stdout: `Deleted port group bond0\nDeleted port group ${G2}\n`, stderr: '',
    })
    expect((await cli('port', 'group', 'list', '-f', 'json')).stdout).toBe('[]\n')
    expect((await cli('port', 'list')).stdout).toBe('\n')
  })
})
