/**
 * @module `anvil node create|show|list|set|unset|delete` beyond test/cli/output.test.ts: every
 * create and set option reaching the server, `show --instance` and `--fields`, the list filters,
 * and the errors of bad combinations. Run `npm run build` first: this runs dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode, getNode } from '../conductor/helpers.js'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env)

const NODE = '0d000000-0000-4000-8000-000000000000'
const OTHER = '0d000000-0000-4000-8000-000000000001'
const CHILD = '0d000000-0000-4000-8000-000000000002'
const CHASSIS = '0d000000-0000-4000-8000-0000000000cc'
const INSTANCE = '0d000000-0000-4000-8000-0000000000ee'

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
  expect((await t.request({ method: 'POST', url: '/v1/chassis', body: { uuid: CHASSIS } })).status).toBe(201)
  await createNode(t, { uuid: OTHER, name: 'crud-1', chassis_uuid: CHASSIS, description: 'second box' })
  await createNode(t, { uuid: CHILD, name: 'crud-child', parent_node: OTHER })
})

afterAll(async () => {
  await t?.close()
})

describe('anvil node create', () => {
  it('sends every option and prints the chosen fields', async () => {
    const res = await cli('node', 'create', '--driver', 'fake-hardware', '--uuid', NODE, '--name', 'crud-0',
      '--property', 'cpus=4', '--property', 'arch=x86_64', '--driver-info', 'ipmi_port=623', '--extra', 'rack=r1',
      '--network-data', '{"links": []}', '--no-automated-clean', '--disable-power-off', '--resource-class', 'gold',
      '--lessee', 'l1', '--description', 'lab box', '--shard', 's1', '--instance-name', 'inst-0',
      '--network-interface', 'flat', '--boot-interface', 'fake',
      '-c', 'name', '-c', 'properties', '-c', 'automated_clean', '-c', 'network_interface', '-c', 'uuid')
    expect(res).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        '+-------------------+--------------------------------------+',
        '| Field             | Value                                |',
        '+-------------------+--------------------------------------+',
        '| automated_clean   | False                                |',
        '| name              | crud-0                               |',
        '| network_interface | flat                                 |',
        "| properties        | {'cpus': 4, 'arch': 'x86_64'}        |",
        `| uuid              | ${NODE} |`,
        '+-------------------+--------------------------------------+',
        '',
      ].join('\n'),
    })
    expect(await getNode(t, NODE)).toMatchObject({
      name: 'crud-0', driver: 'fake-hardware', properties: { cpus: 4, arch: 'x86_64' },
      driver_info: { ipmi_port: 623 }, extra: { rack: 'r1' }, network_data: { links: [] },
      automated_clean: false, disable_power_off: true, resource_class: 'gold', lessee: 'l1',
      description: 'lab box', shard: 's1', instance_name: 'inst-0', network_interface: 'flat',
      boot_interface: 'fake', chassis_uuid: null, provision_state: 'enroll',
    })
  })

  it('prints json, yaml, value and shell', async () => {
    const create = (name: string, ...f: string[]) =>
      cli('node', 'create', '--driver', 'fake-hardware', '--name', name, '--automated-clean', '--extra', 'k=v',
        '-c', 'automated_clean', '-c', 'extra', '-c', 'name', ...f)
    expect((await create('crud-json', '-f', 'json')).stdout).toBe(
      '{\n  "automated_clean": true,\n  "extra": {\n    "k": "v"\n  },\n  "name": "crud-json"\n}\n',
    )
    expect((await create('crud-yaml', '-f', 'yaml')).stdout).toBe('automated_clean: true\nextra:\n  k: v\nname: crud-yaml\n')
    expect((await create('crud-value', '-f', 'value')).stdout).toBe("True\n{'k': 'v'}\ncrud-value\n")
    expect((await create('crud-shell', '-f', 'shell', '--prefix', 'n_')).stdout).toBe(
      'n_automated_clean="True"\nn_extra="{\'k\': \'v\'}"\nn_name="crud-shell"\n',
    )
    const all = JSON.parse((await cli('node', 'create', '--driver', 'fake-hardware', '-f', 'json')).stdout) as Record<string, unknown>
    const keys = Object.keys(all)
    expect(keys).toEqual([...keys].sort())
    expect(keys).toContain('chassis_uuid')
    for (const hidden of ['links', 'ports', 'portgroups', 'states', 'volume']) expect(keys).not.toContain(hidden)
  })

  it('reports bad values on one line', async () => {
    expect(await cli('node', 'create', '--name', 'x')).toEqual({
      code: 1, stdout: '', stderr: "error: required option '--driver <driver>' not specified\n",
    })
    expect(await cli('node', 'create', '--driver', 'fake-hardware', '--extra', 'novalue')).toEqual({
      code: 2, stdout: '', stderr: 'Attributes must be a list of PATH=VALUE not "novalue"\n',
    })
    const dup = await cli('node', 'create', '--driver', 'fake-hardware', '--name', 'crud-0')
    expect(dup).toEqual({ code: 1, stdout: '', stderr: 'A node with name crud-0 already exists. (HTTP 409)\n' })
  })
})

describe('anvil node show', () => {
  it('shows chosen fields with --fields', async () => {
    const res = await cli('node', 'show', 'crud-0', '--fields', 'name', 'shard', '-f', 'json')
    expect(JSON.parse(res.stdout)).toEqual({ name: 'crud-0', shard: 's1' })
    const withChassis = await cli('node', 'show', 'crud-1', '--fields', 'name,chassis_uuid', '-f', 'value')
    expect(withChassis.stdout).toBe(`${CHASSIS}\ncrud-1\n`)
  })

  it('finds a node by instance UUID, with and without --fields', async () => {
    expect(await cli('node', 'set', 'crud-1', '--instance-uuid', INSTANCE)).toEqual({ code: 0, stdout: '', stderr: '' })
    const table = await cli('node', 'show', INSTANCE, '--instance', '-c', 'name', '-c', 'instance_uuid')
    expect(table.stdout).toBe(
      [
        '+---------------+--------------------------------------+',
        '| Field         | Value                                |',
        '+---------------+--------------------------------------+',
        `| instance_uuid | ${INSTANCE} |`,
        '| name          | crud-1                               |',
        '+---------------+--------------------------------------+',
        '',
      ].join('\n'),
    )
    const fields = await cli('node', 'show', INSTANCE, '--instance', '--fields', 'uuid', 'name', '-f', 'json')
    expect(fields).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(fields.stdout)).toEqual({ name: 'crud-1', uuid: OTHER })
    const none = await cli('node', 'show', NODE, '--instance')
    expect(none).toEqual({ code: 1, stdout: '', stderr: `No node is associated with instance ${NODE} (HTTP 404)\n` })
    expect((await cli('node', 'unset', 'crud-1', '--instance-uuid')).code).toBe(0)
    expect((await getNode(t, OTHER)).instance_uuid).toBe(null)
  })
})

describe('anvil node list filters', () => {
  const names = async (...args: string[]) => {
    const res = await cli('node', 'list', ...args, '-f', 'value', '-c', 'Name')
    expect(res.stderr).toBe('')
    return res.stdout
  }

  it.each([
    [['--resource-class', 'gold'], 'crud-0\n'],
    [['--lessee', 'l1'], 'crud-0\n'],
    [['--description-contains', 'second'], 'crud-1\n'],
    [['--instance-name', 'inst-0'], 'crud-0\n'],
    [['--shards', 's1'], 'crud-0\n'],
    [['--sharded'], 'crud-0\n'],
    [['--chassis', CHASSIS], 'crud-1\n'],
    [['--parent-node', OTHER], 'crud-child\n'],
    [['--driver', 'fake-hardware', '--provision-state', 'enroll', '--limit', '2'], 'crud-1\ncrud-0\n'],
    [['--no-maintenance', '--unassociated', '--no-retired', '--conductor-group', '', '--sort', 'name:desc', '--limit', '2'], 'crud-1\ncrud-0\n'],
  ])('node list %j', async (args, expected) => {
    expect(await names(...args)).toBe(expected)
  })

  it('lists child nodes only with --include-children', async () => {
    expect(await names()).not.toContain('crud-child')
    expect(await names('--include-children')).toContain('crud-child\n')
  })

  it('pages with --marker', async () => {
    expect(await names('--marker', OTHER, '--limit', '1')).toBe('crud-0\n')
  })

  it('reports a bad sort direction', async () => {
    expect(await cli('node', 'list', '--sort', 'name:up')).toEqual({
      code: 2, stdout: '', stderr: "'up' is not a valid sort direction for sort key name, use 'asc' or 'desc' instead\n",
    })
  })
})

describe('anvil node set and unset', () => {
  it('sets fields, interfaces, dictionaries and the target RAID configuration', async () => {
    const raid = '{"logical_disks": [{"size_gb": 10, "raid_level": "1", "is_root_volume": true}]}'
    const res = await cli('node', 'set', 'crud-0', '--retired', '--retired-reason', 'old', '--instance-info', 'image_source=http://x/img',
      '--driver-info', 'ipmi_port=624', '--property', 'ram=8', '--extra', 'pod=p', '--deploy-interface', 'fake',
      '--target-raid-config', raid, '--enable-power-off', '--owner', 'p1', '--automated-clean')
    expect(res).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(await getNode(t, NODE)).toMatchObject({
      retired: true, retired_reason: 'old', instance_info: { image_source: 'http://x/img' },
      driver_info: { ipmi_port: 624 }, properties: { cpus: 4, arch: 'x86_64', ram: 8 }, extra: { rack: 'r1', pod: 'p' },
      deploy_interface: 'fake', disable_power_off: false, owner: 'p1', automated_clean: true,
      target_raid_config: { logical_disks: [{ size_gb: 10, raid_level: '1', is_root_volume: true }] },
    })
  })

  it('resets an interface to its default', async () => {
    expect((await cli('node', 'set', 'crud-0', '--reset-network-interface')).code).toBe(0)
    expect((await getNode(t, NODE)).network_interface).toBe('noop')
    expect((await cli('node', 'set', 'crud-0', '--driver', 'fake-hardware', '--reset-interfaces')).code).toBe(0)
  })

  it('unsets fields, keys and the target RAID configuration', async () => {
    const res = await cli('node', 'unset', 'crud-0', '--retired-reason', '--instance-info', 'image_source', '--driver-info', 'ipmi_port',
      '--property', 'ram', '--extra', 'pod', '--target-raid-config', '--network-data', '--description', '--lessee', '--shard',
      '--instance-name', '--resource-class', '--owner', '--deploy-interface')
    expect(res).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(await getNode(t, NODE)).toMatchObject({
      retired_reason: null, instance_info: {}, driver_info: {}, properties: { cpus: 4, arch: 'x86_64' }, extra: { rack: 'r1' },
      target_raid_config: {}, network_data: {}, description: null, lessee: null, shard: null, instance_name: null,
      resource_class: null, owner: null, deploy_interface: 'fake',
    })
    expect((await cli('node', 'unset', 'crud-0', '--target-raid-config')).code).toBe(0)
  })

  it('sets several nodes at once', async () => {
    expect((await cli('node', 'set', 'crud-0', 'crud-1', '--extra', 'team=ops')).code).toBe(0)
    expect([(await getNode(t, NODE)).extra.team, (await getNode(t, OTHER)).extra.team]).toEqual(['ops', 'ops'])
    expect((await cli('node', 'unset', NODE, OTHER, '--extra', 'team')).code).toBe(0)
    expect((await getNode(t, OTHER)).extra).toEqual({})
  })

  it.each([
    ['nothing to set', ['set', 'crud-0'], 'Please specify what to set.'],
    ['nothing to unset', ['unset', 'crud-0'], 'Please specify what to unset.'],
    ['--name for two nodes', ['set', 'crud-0', 'crud-1', '--name', 'x'], '--name cannot be used with more than one node'],
    ['both power-off flags', ['set', 'crud-0', '--enable-power-off', '--disable-power-off'],
      '--enable-power-off and --disable-power-off are mutually exclusive'],
    ['--reset-interfaces alone', ['set', 'crud-0', '--reset-interfaces'], '--reset-interfaces can only be specified with --driver'],
  ])('refuses %s', async (_name, args, message) => {
    expect(await cli('node', ...args)).toEqual({ code: 2, stdout: '', stderr: `${message}\n` })
  })

  it("reports the server's refusal", async () => {
    expect(await cli('node', 'set', 'crud-0', '--protected')).toEqual({
      code: 1,
      stdout: '',
      stderr: `Node ${NODE} can only be made protected in provision states 'active' or 'rescue', the current state is 'enroll' (HTTP 409)\n`,
    })
    expect((await getNode(t, NODE)).protected).toBe(false)
  })
})

describe('anvil node delete', () => {
  it('deletes several nodes and reports each, and the ones it could not', async () => {
    await createNode(t, { name: 'crud-gone-0' })
    await createNode(t, { name: 'crud-gone-1' })
    expect(await cli('node', 'delete', 'crud-gone-0', 'crud-gone-1')).toEqual({
      code: 0, stdout: 'Deleted node crud-gone-0\nDeleted node crud-gone-1\n', stderr: '',
    })
    await createNode(t, { name: 'crud-gone-2' })
    expect(await cli('node', 'delete', 'crud-gone-2', 'crud-gone-0')).toEqual({
      code: 1,
      stdout: 'Deleted node crud-gone-2\n',
      stderr: 'Failed to delete 1 of 2 node(s): crud-gone-0: Node crud-gone-0 could not be found. (HTTP 404)\n',
    })
    expect((await t.request({ url: '/v1/nodes/crud-gone-2' })).status).toBe(404)
  })
})
