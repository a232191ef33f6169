/**
 * @module `anvil node trait list|add|remove`, `node history list|get`, `node passthru list|call`
 * and `node children list` against a live Anvil, in every output format they support, with the
 * traits the server ends up with. Run `npm run build` first: this runs dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../conductor/helpers.js'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env)

const NODE = '0c000000-0000-4000-8000-000000000000'
const PARENT = '0c000000-0000-4000-8000-000000000001'
const CHILD = '0c000000-0000-4000-8000-000000000002'
const E1 = 'e1e1e1e1-0000-4000-8000-000000000001'
const E2 = 'e2e2e2e2-0000-4000-8000-000000000002'
const T1 = '2026-01-02T03:04:05.000000+00:00'
const T2 = '2026-01-02T03:04:06.500000+00:00'

const traitsOf = async (node: string) => (await t.request({ url: `/v1/nodes/${node}/traits` })).body.traits as string[]

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
  await createNode(t, { uuid: NODE, name: 'sub-0' })
  await createNode(t, { uuid: PARENT, name: 'parent-0' })
  await createNode(t, { uuid: CHILD, name: 'child-0', parent_node: PARENT })
  const db = t.anvil.database.db
  const row = await db.selectFrom('nodes').select('id').where('uuid', '=', NODE).executeTakeFirstOrThrow()
  const base = { node_id: row.id, conductor: 'test-conductor', user: null, project: null, target_provision_state: null }
  await db
    .insertInto('node_history')
    .values([
      { ...base, uuid: E1, event_type: 'provisioning', severity: 'INFO', event: 'Node verified', state: 'manageable', duration_seconds: 3, created_at: T1 },
      { ...base, uuid: E2, event_type: 'power', severity: 'ERROR', event: 'BMC timed out', state: 'manageable', duration_seconds: null, created_at: T2 },
    ])
    .execute()
})

afterAll(async () => {
  await t?.close()
})

describe('anvil node trait', () => {
  it('prints an empty list for a node without traits', async () => {
    expect(await cli('node', 'trait', 'list', 'sub-0')).toEqual({ code: 0, stdout: '\n', stderr: '' })
    expect((await cli('node', 'trait', 'list', 'sub-0', '-f', 'json')).stdout).toBe('[]\n')
  })

  it('adds traits and reports each', async () => {
    const res = await cli('node', 'trait', 'add', 'sub-0', 'CUSTOM_GPU', 'HW_CPU_X86_VMX')
    expect(res).toEqual({ code: 0, stdout: 'Added trait CUSTOM_GPU\nAdded trait HW_CPU_X86_VMX\n', stderr: '' })
    expect(await traitsOf(NODE)).toEqual(['CUSTOM_GPU', 'HW_CPU_X86_VMX'])
    const again = await cli('node', 'trait', 'add', NODE, 'CUSTOM_GPU')
    expect(again).toEqual({ code: 0, stdout: 'Added trait CUSTOM_GPU\n', stderr: '' })
  })

  it('lists traits in every format', async () => {
    expect((await cli('node', 'trait', 'list', 'sub-0')).stdout).toBe(
      ['+----------------+', '| Traits         |', '+----------------+', '| CUSTOM_GPU     |', '| HW_CPU_X86_VMX |', '+----------------+', ''].join('\n'),
    )
    const json = await cli('node', 'trait', 'list', NODE, '-f', 'json')
    expect(json.stdout).toBe('[\n  {\n    "Traits": "CUSTOM_GPU"\n  },\n  {\n    "Traits": "HW_CPU_X86_VMX"\n  }\n]\n')
    expect((await cli('node', 'trait', 'list', NODE, '-f', 'yaml')).stdout).toBe('- Traits: CUSTOM_GPU\n- Traits: HW_CPU_X86_VMX\n')
    expect((await cli('node', 'trait', 'list', NODE, '-f', 'value')).stdout).toBe('CUSTOM_GPU\nHW_CPU_X86_VMX\n')
    expect((await cli('node', 'trait', 'list', NODE, '-f', 'csv')).stdout).toBe('"Traits"\n"CUSTOM_GPU"\n"HW_CPU_X86_VMX"\n')
  })

  it("reports the server's refusal of a trait name", async () => {
    const res = await cli('node', 'trait', 'add', 'sub-0', 'bad-trait')
    expect(res.code).toBe(1)
    expect(res.stdout).toBe('')
    expect(res.stderr).toBe(
      "Schema error for trait: 'bad-trait' is not valid under any of the given schemas. Possible root cause: " +
        "'bad-trait' does not match '^CUSTOM_[A-Z0-9_]+$' (HTTP 400)\n",
    )
    expect(await traitsOf(NODE)).toEqual(['CUSTOM_GPU', 'HW_CPU_X86_VMX'])
    const some = await cli('node', 'trait', 'add', 'sub-0', 'CUSTOM_X', 'bad-trait', 'CUSTOM_Y')
    expect(some.code).toBe(1)
    expect(some.stdout).toBe('Added trait CUSTOM_X\nAdded trait CUSTOM_Y\n')
    expect(some.stderr).toMatch(/^Failed to add 1 trait\(s\): bad-trait: Schema error for trait: [^\n]* \(HTTP 400\)\n$/)
    expect(await traitsOf(NODE)).toEqual(['CUSTOM_GPU', 'CUSTOM_X', 'CUSTOM_Y', 'HW_CPU_X86_VMX'])
    expect((await cli('node', 'trait', 'remove', 'sub-0', 'CUSTOM_X', 'CUSTOM_Y')).code).toBe(0)
  })

  it('removes traits one by one and reports a missing one', async () => {
    expect(await cli('node', 'trait', 'remove', 'sub-0', 'CUSTOM_GPU')).toEqual({
      code: 0,
      stdout: 'Removed trait CUSTOM_GPU\n',
      stderr: '',
    })
    expect(await traitsOf(NODE)).toEqual(['HW_CPU_X86_VMX'])
    const missing = await cli('node', 'trait', 'remove', 'sub-0', 'CUSTOM_GPU')
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: `Node ${NODE} doesn't have a trait 'CUSTOM_GPU' (HTTP 404)\n`,
    })
    await cli('node', 'trait', 'add', 'sub-0', 'CUSTOM_A')
    const some = await cli('node', 'trait', 'remove', 'sub-0', 'CUSTOM_A', 'CUSTOM_NOPE')
    expect(some).toEqual({
      code: 1,
      stdout: 'Removed trait CUSTOM_A\n',
      stderr: `Failed to remove 1 trait(s): CUSTOM_NOPE: Node ${NODE} doesn't have a trait 'CUSTOM_NOPE' (HTTP 404)\n`,
    })
  })

  it('removes all traits silently, like baremetal', async () => {
    expect(await cli('node', 'trait', 'remove', 'sub-0', '--all')).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(await traitsOf(NODE)).toEqual([])
  })

  it.each([
    ['no trait', ['sub-0'], 'give trait names or --all'],
    ['--all with names', ['sub-0', 'CUSTOM_A', '--all'], '--all cannot be used with trait names'],
  ])('refuses %s', async (_name, args, message) => {
    expect(await cli('node', 'trait', 'remove', ...args)).toEqual({ code: 2, stdout: '', stderr: `${message}\n` })
  })
})

describe('anvil node history', () => {
  it('lists events in every format', async () => {
    expect((await cli('node', 'history', 'list', 'sub-0')).stdout).toBe(
      [
        '+--------------------------------------+----------------------------------+----------+--------------------------+',
        '| UUID                                 | Created At                       | Severity | Description of the event |',
        '+--------------------------------------+----------------------------------+----------+--------------------------+',
        `| ${E1} | ${T1} | INFO     | Node verified            |`,
        `| ${E2} | ${T2} | ERROR    | BMC timed out            |`,
        '+--------------------------------------+----------------------------------+----------+--------------------------+',
        '',
      ].join('\n'),
    )
    expect(JSON.parse((await cli('node', 'history', 'list', NODE, '-f', 'json')).stdout)).toEqual([
      { UUID: E1, 'Created At': T1, Severity: 'INFO', 'Description of the event': 'Node verified' },
      { UUID: E2, 'Created At': T2, Severity: 'ERROR', 'Description of the event': 'BMC timed out' },
    ])
    expect((await cli('node', 'history', 'list', NODE, '-f', 'yaml')).stdout).toBe(
      `- Created At: '${T1}'\n  Description of the event: Node verified\n  Severity: INFO\n  UUID: ${E1}\n` +
        `- Created At: '${T2}'\n  Description of the event: BMC timed out\n  Severity: ERROR\n  UUID: ${E2}\n`,
    )
    expect((await cli('node', 'history', 'list', NODE, '-f', 'value')).stdout).toBe(
      `${E1} ${T1} INFO Node verified\n${E2} ${T2} ERROR BMC timed out\n`,
    )
    expect((await cli('node', 'history', 'list', NODE, '-f', 'csv')).stdout).toBe(
      '"UUID","Created At","Severity","Description of the event"\n' +
        `"${E1}","${T1}","INFO","Node verified"\n"${E2}","${T2}","ERROR","BMC timed out"\n`,
    )
  })

  it('lists every event field with --long, and chosen columns with -c', async () => {
    const long = JSON.parse((await cli('node', 'history', 'list', 'sub-0', '--long', '-f', 'json')).stdout) as unknown[]
    expect(long).toEqual([
      {
        UUID: E1, 'Created At': T1, Severity: 'INFO', 'Event Origin Type': 'provisioning', 'Description of the event': 'Node verified',
        Conductor: 'test-conductor', User: null, Project: null, State: 'manageable', 'Target Provision State': null, 'Duration (seconds)': 3,
      },
      {
        UUID: E2, 'Created At': T2, Severity: 'ERROR', 'Event Origin Type': 'power', 'Description of the event': 'BMC timed out',
        Conductor: 'test-conductor', User: null, Project: null, State: 'manageable', 'Target Provision State': null, 'Duration (seconds)': null,
      },
    ])
    const csv = await cli('node', 'history', 'list', NODE, '--long', '-c', 'Event Origin Type', '-c', 'Duration (seconds)', '-f', 'csv')
    expect(csv.stdout).toBe('"Event Origin Type","Duration (seconds)"\n"provisioning",3\n"power",""\n')
  })

  it('prints an empty list for a node without events', async () => {
    expect(await cli('node', 'history', 'list', 'parent-0')).toEqual({ code: 0, stdout: '\n', stderr: '' })
    expect((await cli('node', 'history', 'list', 'parent-0', '-f', 'yaml')).stdout).toBe('[]\n')
  })

  it('gets one event in every format', async () => {
    expect((await cli('node', 'history', 'get', 'sub-0', E2)).stdout).toBe(
      [
        '+------------------------+--------------------------------------+',
        '| Field                  | Value                                |',
        '+------------------------+--------------------------------------+',
        '| conductor              | test-conductor                       |',
        `| created_at             | ${T2}     |`,
        '| duration_seconds       | None                                 |',
        '| event                  | BMC timed out                        |',
        '| event_type             | power                                |',
        '| project                | None                                 |',
        '| severity               | ERROR                                |',
        '| state                  | manageable                           |',
        '| target_provision_state | None                                 |',
        '| user                   | None                                 |',
        `| uuid                   | ${E2} |`,
        '+------------------------+--------------------------------------+',
        '',
      ].join('\n'),
    )
    const cols = ['-c', 'event', '-c', 'duration_seconds', '-c', 'severity']
    const get = (...f: string[]) => cli('node', 'history', 'get', NODE, E1, ...cols, ...f)
    expect((await get('-f', 'json')).stdout).toBe('{\n  "duration_seconds": 3,\n  "event": "Node verified",\n  "severity": "INFO"\n}\n')
    expect((await get('-f', 'yaml')).stdout).toBe('duration_seconds: 3\nevent: Node verified\nseverity: INFO\n')
    expect((await get('-f', 'value')).stdout).toBe('3\nNode verified\nINFO\n')
    expect((await get('-f', 'shell')).stdout).toBe('duration_seconds="3"\nevent="Node verified"\nseverity="INFO"\n')
  })

  it('reports an unknown event', async () => {
    const res = await cli('node', 'history', 'get', 'sub-0', 'e3e3e3e3-0000-4000-8000-000000000003')
    expect(res.code).toBe(1)
    expect(res.stdout).toBe('')
    expect(res.stderr).toMatch(/^[^\n]*e3e3e3e3-0000-4000-8000-000000000003[^\n]* \(HTTP 404\)\n$/)
  })
})

const METHODS = [
  ['fourth_method_shared_lock', 'True', 'Test if the value of bar is woof'],
  ['log_passthrough', 'True', 'Test pass-through to wait.'],
  ['second_method', 'True', 'Test if the value of bar is kazoo'],
  ['third_method_sync', 'False', 'Test if the value of bar is meow'],
] as const

describe('anvil node passthru', () => {
  it('lists the vendor methods in every format', async () => {
    expect((await cli('node', 'passthru', 'list', 'sub-0')).stdout).toBe(
      [
        '+---------------------------+------------------------+-------+-----------------------------------+------------------------+',
        '| Name                      | Supported HTTP methods | Async | Description                       | Response is attachment |',
        '+---------------------------+------------------------+-------+-----------------------------------+------------------------+',
        ...METHODS.map(([n, a, d]) => `| ${n.padEnd(25)} | POST                   | ${a.padEnd(5)} | ${d.padEnd(33)} | False                  |`),
        '+---------------------------+------------------------+-------+-----------------------------------+------------------------+',
        '',
      ].join('\n'),
    )
    expect(JSON.parse((await cli('node', 'passthru', 'list', NODE, '-f', 'json')).stdout)).toEqual(
      METHODS.map(([n, a, d]) => ({
        Name: n, 'Supported HTTP methods': 'POST', Async: a === 'True', Description: d, 'Response is attachment': false,
      })),
    )
    expect((await cli('node', 'passthru', 'list', NODE, '-f', 'value')).stdout).toBe(
      METHODS.map(([n, a, d]) => `${n} POST ${a} ${d} False`).join('\n') + '\n',
    )
    expect((await cli('node', 'passthru', 'list', NODE, '-f', 'csv', '-c', 'Name', '-c', 'Async')).stdout).toBe(
      '"Name","Async"\n' + METHODS.map(([n, a]) => `"${n}",${a}`).join('\n') + '\n',
    )
    const yaml = (await cli('node', 'passthru', 'list', NODE, '-f', 'yaml')).stdout
    expect(yaml.split('\n').slice(0, 5)).toEqual([
      '- Async: true',
      '  Description: Test if the value of bar is woof',
      '  Name: fourth_method_shared_lock',
      '  Response is attachment: false',
      '  Supported HTTP methods: POST',
    ])
  })

  it('calls an asynchronous method, which answers nothing', async () => {
    expect(await cli('node', 'passthru', 'call', 'sub-0', 'second_method', '--arg', 'bar=kazoo')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    })
  })

  it("prints a synchronous method's answer", async () => {
    const res = await cli('node', 'passthru', 'call', 'sub-0', 'third_method_sync', '--arg', 'bar=meow', '--http-method', 'post')
    expect(res).toEqual({ code: 0, stdout: 'True\n', stderr: '' })
    expect((await cli('node', 'passthru', 'call', NODE, 'third_method_sync', '--arg', 'bar=woof')).stdout).toBe('False\n')
  })

  it('reports errors of the method and of the arguments', async () => {
    expect(await cli('node', 'passthru', 'call', 'sub-0', 'second_method')).toEqual({
      code: 1,
      stdout: '',
      stderr: "Parameter 'bar' not passed to method 'second_method'. (HTTP 400)\n",
    })
    const get = await cli('node', 'passthru', 'call', 'sub-0', 'third_method_sync', '--http-method', 'GET')
    expect(get.stderr).toBe('The method third_method_sync does not support HTTP GET (HTTP 400)\n')
    const bad = await cli('node', 'passthru', 'call', 'sub-0', 'second_method', '--http-method', 'FETCH')
    expect(bad).toEqual({ code: 2, stdout: '', stderr: "invalid HTTP method 'FETCH'\n" })
    const arg = await cli('node', 'passthru', 'call', 'sub-0', 'second_method', '--arg', 'bar')
    expect(arg).toEqual({ code: 2, stdout: '', stderr: 'Attributes must be a list of PATH=VALUE not "bar"\n' })
  })
})

describe('anvil node children list', () => {
  it('lists the child nodes in every format', async () => {
    const res = await cli('node', 'children', 'list', 'parent-0')
    expect(res).toEqual({
      code: 0,
      stdout: ['+--------------------------------------+', '| Child Nodes                          |',
        '+--------------------------------------+', `| ${CHILD} |`, '+--------------------------------------+', ''].join('\n'),
      stderr: '',
    })
    expect(JSON.parse((await cli('node', 'children', 'list', PARENT, '-f', 'json')).stdout)).toEqual([{ 'Child Nodes': CHILD }])
    expect((await cli('node', 'children', 'list', PARENT, '-f', 'yaml')).stdout).toBe(`- Child Nodes: ${CHILD}\n`)
    expect((await cli('node', 'children', 'list', PARENT, '-f', 'value')).stdout).toBe(`${CHILD}\n`)
    expect((await cli('node', 'children', 'list', PARENT, '-f', 'csv')).stdout).toBe(`"Child Nodes"\n"${CHILD}"\n`)
    expect(await cli('node', 'children', 'list', 'child-0')).toEqual({ code: 0, stdout: '\n', stderr: '' })
  })
})
