/**
 * @module `anvil allocation create|list|show|set|unset|delete` against a live Anvil with
 * available fake-hardware nodes: `create --wait` and its failure, backfilling with `--node`,
 * every output format, `--long` and `--fields`, and what happens to the nodes.
 * Run `npm run build` first: this runs dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getNode, nodeIn, setColumns } from '../conductor/helpers.js'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env)

const GOLD1 = '0f000000-0000-4000-8000-000000000001'
const GOLD2 = '0f000000-0000-4000-8000-000000000002'
const DEPLOYED = '0f000000-0000-4000-8000-000000000003'
const A1 = 'a0000000-0000-4000-8000-0000000000a1'
const A2 = 'a0000000-0000-4000-8000-0000000000a2'
const A3 = 'a0000000-0000-4000-8000-0000000000a3'
const A4 = 'a0000000-0000-4000-8000-0000000000a4'
const A5 = 'a0000000-0000-4000-8000-0000000000a5'

const allocation = async (id: string) => (await t.request({ url: `/v1/allocations/${id}` })).body as Record<string, unknown>

async function settled(id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 250; i++) {
    const a = await allocation(id)
    if (a.state !== 'allocating') return a
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`allocation ${id} stayed allocating`)
}

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
  for (const [uuid, name] of [[GOLD1, 'gold-1'], [GOLD2, 'gold-2']] as const) {
    await nodeIn(t, 'available', { uuid, name, resource_class: 'gold' })
    await setColumns(t, uuid, { power_state: 'power off' })
  }
  await setColumns(t, GOLD1, { owner: 'p1' })
  await nodeIn(t, 'active', { uuid: DEPLOYED, name: 'deployed-0', resource_class: 'gold' })
  expect((await t.request({ method: 'PUT', url: `/v1/nodes/${GOLD2}/traits/CUSTOM_GPU` })).status).toBe(204)
})

afterAll(async () => {
  await t?.close()
})

describe('anvil allocation create', () => {
  it('waits for the allocation and prints it', async () => {
    const res = await cli('allocation', 'create', '--resource-class', 'gold', '--trait', 'CUSTOM_GPU', '--name', 'alloc-gpu',
      '--uuid', A1, '--extra', 'team=ops', '--wait', '30', '-c', 'name', '-c', 'node_uuid', '-c', 'state', '-c', 'traits', '-c', 'uuid')
    expect(res).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        '+-----------+--------------------------------------+',
        '| Field     | Value                                |',
        '+-----------+--------------------------------------+',
        '| name      | alloc-gpu                            |',
        `| node_uuid | ${GOLD2} |`,
        '| state     | active                               |',
        "| traits    | ['CUSTOM_GPU']                       |",
        `| uuid      | ${A1} |`,
        '+-----------+--------------------------------------+',
        '',
      ].join('\n'),
    })
    expect(await getNode(t, GOLD2)).toMatchObject({ allocation_uuid: A1, instance_uuid: A1 })
  })

  it('returns at once without --wait, and prints every field', async () => {
    const res = await cli('allocation', 'create', '--resource-class', 'gold', '--candidate-node', 'gold-1', '--owner', 'p1',
      '--name', 'alloc-1', '--uuid', A2, '-f', 'json')
    expect(res.stderr).toBe('')
    const body = JSON.parse(res.stdout) as Record<string, unknown>
    expect(Object.keys(body)).toEqual([
      'candidate_nodes', 'created_at', 'extra', 'last_error', 'name', 'node_uuid', 'owner', 'resource_class', 'state',
      'traits', 'updated_at', 'uuid',
    ])
    expect(body).toMatchObject({ candidate_nodes: [GOLD1], name: 'alloc-1', owner: 'p1', resource_class: 'gold', uuid: A2 })
    expect(await settled(A2)).toMatchObject({ state: 'active', node_uuid: GOLD1 })
  })

  it('exits non-zero with the error when the allocation fails under --wait', async () => {
    const res = await cli('allocation', 'create', '--resource-class', 'silver', '--uuid', A3, '--wait', '-c', 'state')
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `Allocation ${A3} failed: Failed to process allocation ${A3}: no available nodes match the resource class silver.\n`,
    })
    expect(await allocation(A3)).toMatchObject({ state: 'error', node_uuid: null })
  })

  it('backfills an allocation for a deployed node', async () => {
    const res = await cli('allocation', 'create', '--node', 'deployed-0', '--uuid', A4, '--name', 'backfill', '-f', 'yaml',
      '-c', 'node_uuid', '-c', 'resource_class', '-c', 'state')
    expect(res).toEqual({ code: 0, stderr: '', stdout: `node_uuid: ${DEPLOYED}\nresource_class: gold\nstate: active\n` })
    expect((await getNode(t, DEPLOYED)).allocation_uuid).toBe(A4)
  })

  it('reports a request without resource class or node, and bad options', async () => {
    expect(await cli('allocation', 'create')).toEqual({
      code: 1, stdout: '', stderr: 'The resource_class field is mandatory when not backfilling (HTTP 400)\n',
    })
    expect(await cli('allocation', 'create', '--resource-class', 'gold', '--wait', 'soon')).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: option '--wait [timeout]' argument 'soon' is invalid. expected a timeout in seconds (0 waits forever)\n",
    })
  })
})

describe('anvil allocation list and show', () => {
  it('lists allocations in every format', async () => {
    expect((await cli('allocation', 'list')).stdout).toBe(
      [
        '+--------------------------------------+-----------+----------------+--------+--------------------------------------+',
        '| UUID                                 | Name      | Resource Class | State  | Node UUID                            |',
        '+--------------------------------------+-----------+----------------+--------+--------------------------------------+',
        `| ${A1} | alloc-gpu | gold           | active | ${GOLD2} |`,
        `| ${A2} | alloc-1   | gold           | active | ${GOLD1} |`,
        `| ${A3} | None      | silver         | error  | None                                 |`,
        `| ${A4} | backfill  | gold           | active | ${DEPLOYED} |`,
        '+--------------------------------------+-----------+----------------+--------+--------------------------------------+',
        '',
      ].join('\n'),
    )
    expect(JSON.parse((await cli('allocation', 'list', '-f', 'json', '--limit', '1')).stdout)).toEqual([
      { UUID: A1, Name: 'alloc-gpu', 'Resource Class': 'gold', State: 'active', 'Node UUID': GOLD2 },
    ])
    expect((await cli('allocation', 'list', '-f', 'yaml', '--marker', A2, '--limit', '1')).stdout).toBe(
      `- Name: null\n  Node UUID: null\n  Resource Class: silver\n  State: error\n  UUID: ${A3}\n`,
    )
    expect((await cli('allocation', 'list', '-f', 'value', '--state', 'error')).stdout).toBe(`${A3} None silver error None\n`)
    expect((await cli('allocation', 'list', '-f', 'csv', '--node', 'gold-1')).stdout).toBe(
      `"UUID","Name","Resource Class","State","Node UUID"\n"${A2}","alloc-1","gold","active","${GOLD1}"\n`,
    )
  })

  it('lists every field with --long and chosen ones with --fields', async () => {
    const long = await cli('allocation', 'list', '--long', '--owner', 'p1', '-f', 'json')
    expect(long.stderr).toBe('')
    const rows = JSON.parse(long.stdout) as Record<string, unknown>[]
    expect(rows).toHaveLength(1)
    expect(Object.keys(rows[0]!)).toEqual([
      'UUID', 'Name', 'State', 'Owner', 'Node UUID', 'Last Error', 'Resource Class', 'Traits', 'Candidate Nodes', 'Extra',
      'Created At', 'Updated At',
    ])
    expect(rows[0]).toMatchObject({ UUID: A2, Owner: 'p1', 'Candidate Nodes': [GOLD1], Traits: [], Extra: {} })
    const fields = await cli('allocation', 'list', '--fields', 'name', 'traits', '--resource-class', 'gold', '-f', 'csv', '--sort', 'name')
    expect(fields.stdout).toBe(`"Name","Traits"\n"alloc-1","[]"\n"alloc-gpu","['CUSTOM_GPU']"\n"backfill","[]"\n`)
  })

  it('shows an allocation in every format', async () => {
    const cols = ['-c', 'extra', '-c', 'name', '-c', 'state']
    expect((await cli('allocation', 'show', 'alloc-gpu', ...cols)).stdout).toBe(
      [
        '+-------+-----------------+',
        '| Field | Value           |',
        '+-------+-----------------+',
        "| extra | {'team': 'ops'} |",
        '| name  | alloc-gpu       |',
        '| state | active          |',
        '+-------+-----------------+',
        '',
      ].join('\n'),
    )
    expect((await cli('allocation', 'show', A1, ...cols, '-f', 'json')).stdout).toBe(
      '{\n  "extra": {\n    "team": "ops"\n  },\n  "name": "alloc-gpu",\n  "state": "active"\n}\n',
    )
    expect((await cli('allocation', 'show', A1, ...cols, '-f', 'yaml')).stdout).toBe('extra:\n  team: ops\nname: alloc-gpu\nstate: active\n')
    expect((await cli('allocation', 'show', A1, ...cols, '-f', 'value')).stdout).toBe("{'team': 'ops'}\nalloc-gpu\nactive\n")
    expect((await cli('allocation', 'show', A1, ...cols, '-f', 'shell')).stdout).toBe(
      'extra="{\'team\': \'ops\'}"\nname="alloc-gpu"\nstate="active"\n',
    )
    const error = JSON.parse((await cli('allocation', 'show', A3, '--fields', 'uuid', 'last_error', '-f', 'json')).stdout)
    expect(error).toEqual({ last_error: `Failed to process allocation ${A3}: no available nodes match the resource class silver.`, uuid: A3 })
    expect(await cli('allocation', 'show', A5)).toEqual({
      code: 1, stdout: '', stderr: `Allocation ${A5} could not be found. (HTTP 404)\n`,
    })
  })
})

describe('anvil allocation set, unset and delete', () => {
  it('sets and unsets the name and extra', async () => {
    expect(await cli('allocation', 'set', 'alloc-1', '--name', 'alloc-one', '--extra', 'k=1', '--extra', 'j=x')).toEqual({
      code: 0, stdout: '', stderr: '',
    })
    expect(await allocation(A2)).toMatchObject({ name: 'alloc-one', extra: { k: 1, j: 'x' } })
    expect(await cli('allocation', 'unset', 'alloc-one', '--name', '--extra', 'k')).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(await allocation(A2)).toMatchObject({ name: null, extra: { j: 'x' } })
    expect(await cli('allocation', 'unset', A2)).toEqual({ code: 2, stdout: '', stderr: 'Please specify what to unset.\n' })
  })

  it('deletes allocations, which frees their nodes', async () => {
    expect(await cli('allocation', 'delete', A2, 'alloc-gpu', A3)).toEqual({
      code: 0, stdout: `Deleted allocation ${A2}\nDeleted allocation alloc-gpu\nDeleted allocation ${A3}\n`, stderr: '',
    })
    expect(await getNode(t, GOLD1)).toMatchObject({ allocation_uuid: null, instance_uuid: null })
    expect(await getNode(t, GOLD2)).toMatchObject({ allocation_uuid: null, instance_uuid: null })
    expect(await cli('allocation', 'delete', A3)).toEqual({
      code: 1, stdout: '', stderr: `Allocation ${A3} could not be found. (HTTP 404)\n`,
    })
    expect((await cli('allocation', 'list', '-f', 'value', '-c', 'Name')).stdout).toBe('backfill\n')
  })
})
