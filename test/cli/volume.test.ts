/**
 * @module `anvil volume connector|target create/list/show/set/unset/delete` against a live Anvil,
 * in every output format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

const NODE = '7e1f5a3c-0b9d-4c55-9a11-0123456789ab'
const C1 = 'c1c1c1c1-0000-4000-8000-000000000001'
const C2 = 'c2c2c2c2-0000-4000-8000-000000000002'
const T1 = 'a1a1a1a1-0000-4000-8000-000000000001'
const T2 = 'a2a2a2a2-0000-4000-8000-000000000002'
const IQN = 'iqn.2017-08.org.example:01'
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/

describe.each(dialects())('anvil volume commands on %s', (dialect) => {
  let t: TestAnvil
  let env: Record<string, string>
  const cli = (...args: string[]) => runCli(args, env)
  const power = (state: string) =>
    t.anvil.database.db
      .updateTable('nodes')
      .set({ power_state: state })
      .where('uuid', '=', NODE)
      .execute()

  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    env = { OS_ENDPOINT: await t.anvil.listen() }
    const node = await t.request({
      method: 'POST',
      url: '/v1/nodes',
      body: { driver: 'fake-hardware', name: 'vol-cli', uuid: NODE },
    })
    expect(node.status).toBe(201)
  })
  afterAll(async () => {
    await t?.close()
  })

  describe('volume connector', () => {
    it('creates connectors and shows them as a table or json', async () => {
      const created = await cli('volume', 'connector', 'create', '--node', NODE, '--type', 'iqn',
        '--connector-id', IQN, '--uuid', C1, '--extra', 'rack=r1')
      expect([created.code, created.stderr]).toEqual([0, ''])
      const lines = created.stdout.split('\n')
      expect(lines[4]).toMatch(/^\| created_at {3}\| \d{4}-.+\+00:00 {5}\|$/)
      expect(lines.filter((_, i) => i !== 4)).toEqual([
        '+--------------+--------------------------------------+',
        '| Field        | Value                                |',
        '+--------------+--------------------------------------+',
        '| connector_id | iqn.2017-08.org.example:01           |',
        "| extra        | {'rack': 'r1'}                       |",
        `| node_uuid    | ${NODE} |`,
        '| type         | iqn                                  |',
        '| updated_at   | None                                 |',
        `| uuid         | ${C1} |`,
        '+--------------+--------------------------------------+',
        '',
      ])
      const json = await cli('volume', 'connector', 'create', '--node', NODE, '--type', 'ip',
        '--connector-id', '192.168.1.10', '--uuid', C2, '-f', 'json')
      const body = JSON.parse(json.stdout) as Record<string, unknown>
      expect(Object.keys(body)).toEqual(['connector_id', 'created_at', 'extra', 'node_uuid', 'type', 'updated_at', 'uuid'])
      expect(body).toMatchObject({ connector_id: '192.168.1.10', extra: {}, node_uuid: NODE, type: 'ip', updated_at: null, uuid: C2 })
      expect(body.created_at).toMatch(TIME)
    })

    it('reports a duplicate type and connector ID', async () => {
      const dup = await cli('volume', 'connector', 'create', '--node', NODE, '--type', 'iqn', '--connector-id', IQN)
      expect(dup.code).toBe(1)
      expect(dup.stderr).toBe(`A volume connector with type iqn and connector ID ${IQN} already exists. (HTTP 409)\n`)
    })

    it('lists connectors in every format', async () => {
      const table = await cli('volume', 'connector', 'list')
      expect(table.stdout).toBe(
        [
          '+--------------------------------------+--------------------------------------+------+----------------------------+',
          '| UUID                                 | Node UUID                            | Type | Connector ID               |',
          '+--------------------------------------+--------------------------------------+------+----------------------------+',
          `| ${C1} | ${NODE} | iqn  | ${IQN} |`,
          `| ${C2} | ${NODE} | ip   | 192.168.1.10               |`,
          '+--------------------------------------+--------------------------------------+------+----------------------------+',
          '',
        ].join('\n'),
      )
      const json = await cli('volume', 'connector', 'list', '-f', 'json')
      expect(JSON.parse(json.stdout)).toEqual([
        { UUID: C1, 'Node UUID': NODE, Type: 'iqn', 'Connector ID': IQN },
        { UUID: C2, 'Node UUID': NODE, Type: 'ip', 'Connector ID': '192.168.1.10' },
      ])
      expect((await cli('volume', 'connector', 'list', '-f', 'yaml')).stdout).toBe(
        `- Connector ID: ${IQN}\n  Node UUID: ${NODE}\n  Type: iqn\n  UUID: ${C1}\n` +
          `- Connector ID: 192.168.1.10\n  Node UUID: ${NODE}\n  Type: ip\n  UUID: ${C2}\n`,
      )
      expect((await cli('volume', 'connector', 'list', '-f', 'value')).stdout).toBe(
        `${C1} ${NODE} iqn ${IQN}\n${C2} ${NODE} ip 192.168.1.10\n`,
      )
      expect((await cli('volume', 'connector', 'list', '-f', 'csv')).stdout).toBe(
        '"UUID","Node UUID","Type","Connector ID"\n' +
          `"${C1}","${NODE}","iqn","${IQN}"\n"${C2}","${NODE}","ip","192.168.1.10"\n`,
      )
    })

    it('lists with --long, --fields, --node, --limit and --sort', async () => {
      const long = await cli('volume', 'connector', 'list', '--long', '-c', 'UUID', '-c', 'Extra', '-f', 'csv')
      expect(long.stdout).toBe(`"UUID","Extra"\n"${C1}","{'rack': 'r1'}"\n"${C2}","{}"\n`)
      const fields = await cli('volume', 'connector', 'list', '--node', 'vol-cli', '--fields', 'uuid', 'type', '-f', 'value')
      expect(fields.stdout).toBe(`${C1} iqn\n${C2} ip\n`)
      const sorted = await cli('volume', 'connector', 'list', '--sort', 'type:asc', '--limit', '1', '-f', 'value', '-c', 'Type')
      expect(sorted.stdout).toBe('iqn\n')
      const none = await cli('volume', 'connector', 'list', '--node', 'nope')
      expect([none.code, none.stderr]).toEqual([1, 'Node nope could not be found. (HTTP 404)\n'])
    })

    it('shows one connector in yaml, value and shell', async () => {
      const cols = ['-c', 'connector_id', '-c', 'extra', '-c', 'type']
      expect((await cli('volume', 'connector', 'show', C1, ...cols, '-f', 'yaml')).stdout).toBe(
        `connector_id: ${IQN}\nextra:\n  rack: r1\ntype: iqn\n`,
      )
      expect((await cli('volume', 'connector', 'show', C1, ...cols, '-f', 'value')).stdout).toBe(
        `${IQN}\n{'rack': 'r1'}\niqn\n`,
      )
      expect((await cli('volume', 'connector', 'show', C1, ...cols, '-f', 'shell')).stdout).toBe(
        `connector_id="${IQN}"\nextra="{'rack': 'r1'}"\ntype="iqn"\n`,
      )
      const fields = await cli('volume', 'connector', 'show', C2, '--fields', 'uuid', 'type', '-f', 'json')
      expect(JSON.parse(fields.stdout)).toEqual({ type: 'ip', uuid: C2 })
    })

    it('sets and unsets fields once the node is powered off', async () => {
      await power('power on')
      const refused = await cli('volume', 'connector', 'set', C1, '--extra', 'pod=2')
      expect(refused.code).toBe(1)
      expect(refused.stderr).toBe(
        `The requested action "volume connector update" can not be performed on node "${NODE}" while it is in state "power on". (HTTP 400)\n`,
      )
      await power('power off')
      const set = await cli('volume', 'connector', 'set', C1, '--extra', 'pod=2', '--connector-id', 'iqn.new:1')
      expect([set.code, set.stdout, set.stderr]).toEqual([0, '', ''])
      const unset = await cli('volume', 'connector', 'unset', C1, '--extra', 'rack')
      expect([unset.code, unset.stdout]).toEqual([0, ''])
      const show = await cli('volume', 'connector', 'show', C1, '-c', 'connector_id', '-c', 'extra', '-c', 'updated_at', '-f', 'json')
      const body = JSON.parse(show.stdout) as Record<string, unknown>
      expect(body).toMatchObject({ connector_id: 'iqn.new:1', extra: { pod: 2 } })
      expect(body.updated_at).toMatch(TIME)
    })

    it('deletes connectors and reports each one', async () => {
      const del = await cli('volume', 'connector', 'delete', C1, C2)
      expect([del.code, del.stdout]).toEqual([0, `Deleted volume connector ${C1}\nDeleted volume connector ${C2}\n`])
      const again = await cli('volume', 'connector', 'delete', C1)
      expect([again.code, again.stderr]).toEqual([1, `Volume connector ${C1} could not be found. (HTTP 404)\n`])
      expect((await cli('volume', 'connector', 'list', '-f', 'json')).stdout.trim()).toBe('[]')
    })
  })

  describe('volume target', () => {
    it('creates targets, with secrets of their properties masked', async () => {
      const created = await cli('volume', 'target', 'create', '--node', NODE, '--type', 'iscsi', '--boot-index', '0',
        '--volume-id', 'vol-a', '--uuid', T1, '--property', 'target_lun=0', '--property', 'auth_password=pw', '-f', 'json')
      expect([created.code, created.stderr]).toEqual([0, ''])
      const body = JSON.parse(created.stdout) as Record<string, unknown>
      expect(Object.keys(body)).toEqual([
        'boot_index', 'created_at', 'extra', 'node_uuid', 'properties', 'updated_at', 'uuid', 'volume_id', 'volume_type',
      ])
      expect(body).toMatchObject({
        boot_index: 0, extra: {}, node_uuid: NODE, properties: { target_lun: 0, auth_password: '******' },
        uuid: T1, volume_id: 'vol-a', volume_type: 'iscsi',
      })
      const table = await cli('volume', 'target', 'create', '--node', NODE, '--type', 'fibre_channel', '--boot-index', '1',
        '--volume-id', 'vol-b', '--uuid', T2, '-c', 'boot_index', '-c', 'uuid', '-c', 'volume_type')
      expect(table.stdout).toBe(
        [
          '+-------------+--------------------------------------+',
          '| Field       | Value                                |',
          '+-------------+--------------------------------------+',
          '| boot_index  | 1                                    |',
          `| uuid        | ${T2} |`,
          '| volume_type | fibre_channel                        |',
          '+-------------+--------------------------------------+',
          '',
        ].join('\n'),
      )
      const dup = await cli('volume', 'target', 'create', '--node', NODE, '--type', 'iscsi', '--boot-index', '1', '--volume-id', 'v')
      expect([dup.code, dup.stderr]).toEqual([
        1,
        "A volume target with boot index '1' for the same node already exists. (HTTP 409)\n",
      ])
    })

    it('lists targets in every format', async () => {
      const table = await cli('volume', 'target', 'list')
      expect(table.stdout).toBe(
        [
          '+--------------------------------------+--------------------------------------+--------------------+------------+-----------+',
          '| UUID                                 | Node UUID                            | Driver Volume Type | Boot Index | Volume ID |',
          '+--------------------------------------+--------------------------------------+--------------------+------------+-----------+',
          `| ${T1} | ${NODE} | iscsi              |          0 | vol-a     |`,
          `| ${T2} | ${NODE} | fibre_channel      |          1 | vol-b     |`,
          '+--------------------------------------+--------------------------------------+--------------------+------------+-----------+',
          '',
        ].join('\n'),
      )
      expect(JSON.parse((await cli('volume', 'target', 'list', '-f', 'json')).stdout)).toEqual([
        { UUID: T1, 'Node UUID': NODE, 'Driver Volume Type': 'iscsi', 'Boot Index': 0, 'Volume ID': 'vol-a' },
        { UUID: T2, 'Node UUID': NODE, 'Driver Volume Type': 'fibre_channel', 'Boot Index': 1, 'Volume ID': 'vol-b' },
      ])
      expect((await cli('volume', 'target', 'list', '--node', NODE, '-f', 'yaml')).stdout).toBe(
        `- Boot Index: 0\n  Driver Volume Type: iscsi\n  Node UUID: ${NODE}\n  UUID: ${T1}\n  Volume ID: vol-a\n` +
          `- Boot Index: 1\n  Driver Volume Type: fibre_channel\n  Node UUID: ${NODE}\n  UUID: ${T2}\n  Volume ID: vol-b\n`,
      )
      expect((await cli('volume', 'target', 'list', '-f', 'value')).stdout).toBe(
        `${T1} ${NODE} iscsi 0 vol-a\n${T2} ${NODE} fibre_channel 1 vol-b\n`,
      )
      expect((await cli('volume', 'target', 'list', '-f', 'csv')).stdout).toBe(
        '"UUID","Node UUID","Driver Volume Type","Boot Index","Volume ID"\n' +
          `"${T1}","${NODE}","iscsi",0,"vol-a"\n"${T2}","${NODE}","fibre_channel",1,"vol-b"\n`,
      )
      const long = await cli('volume', 'target', 'list', '--long', '-c', 'UUID', '-c', 'Properties', '-f', 'csv')
      expect(long.stdout).toBe(
        `"UUID","Properties"\n"${T1}","{'target_lun': 0, 'auth_password': '******'}"\n"${T2}","{}"\n`,
      )
    })

    it('sets, unsets and deletes targets', async () => {
      const set = await cli('volume', 'target', 'set', T2, '--boot-index', '5', '--property', 'lun=3', '--extra', 'a=b')
      expect([set.code, set.stderr]).toEqual([0, ''])
      const clash = await cli('volume', 'target', 'set', T2, '--boot-index', '0')
      expect([clash.code, clash.stderr]).toEqual([
        1,
        "A volume target with boot index '0' for the same node already exists. (HTTP 409)\n",
      ])
      expect((await cli('volume', 'target', 'unset', T2, '--extra', 'a')).code).toBe(0)
      const show = await cli('volume', 'target', 'show', T2, '-c', 'boot_index', '-c', 'extra', '-c', 'properties', '-f', 'value')
      expect(show.stdout).toBe("5\n{}\n{'lun': 3}\n")
      await power('power on')
      const refused = await cli('volume', 'target', 'delete', T1)
      expect(refused.stderr).toBe(
        `The requested action "volume target deletion" can not be performed on node "${NODE}" while it is in state "power on". (HTTP 400)\n`,
      )
      await power('power off')
      const del = await cli('volume', 'target', 'delete', T1, T2)
      expect(del.stdout).toBe(`Deleted volume target ${T1}\nDeleted volume target ${T2}\n`)
    })
  })
})
