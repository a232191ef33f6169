/** @module e2e: `baremetal node ...` against a live `anvil serve`, compared with Ironic 21.4. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects } from '../helpers/anvil.js'
import { cmd, HOOK_TIMEOUT, startServer, type E2eServer } from './harness.js'
import { expectLike, fixture, normalize, parseTable, recorded } from './recorded.js'

// test/fixtures/ironic-21.4/cli/ holds Ironic's answers for nodes n1 and n2; test/e2e/recorded/
// shows the per-run tag of record-ironic.sh as "TAG", so these tests name that node "TAG-n1".

describe.each(dialects())('baremetal node (%s)', { timeout: 300_000 }, (dialect) => {
  let s: E2eServer
  let n1 = ''

  beforeAll(async () => {
    s = await startServer(dialect)
  }, HOOK_TIMEOUT)
  afterAll(async () => {
    await s?.stop()
  }, HOOK_TIMEOUT)

  it('prints an empty list like Ironic when there are no nodes', async () => {
    expectLike(await s.cli(cmd`node list`), fixture('node-list-empty'))
  })

  it('creates nodes and prints the Field/Value table like Ironic', async () => {
    const created = await s.cli(cmd`node create --driver fake-hardware --name n1`)
    expectLike(created, fixture('node-create'))
    n1 = parseTable(created.stdout).rows.find((r) => r[0] === 'uuid')?.[1] ?? ''
    expect(n1).toMatch(/^[0-9a-f-]{36}$/)
    const n2 = await s.cli(cmd`node create --driver fake-hardware --name n2 --resource-class rc`)
    expectLike(n2, fixture('node-create-n2'))
  })

  it('lists nodes in the default table with the columns of Ironic', async () => {
    const live = await s.cli(cmd`node list`)
    expectLike(live, fixture('node-list'))
    expect(parseTable(live.stdout).headers).toEqual([
      'UUID',
      'Name',
      'Instance UUID',
      'Power State',
      'Provisioning State',
      'Maintenance',
    ])
  })

  it('lists with --fields, --long, --limit, --sort and -f json like Ironic', async () => {
    const [fields, long, limit, sorted, json] = await Promise.all([
      s.cli(cmd`node list --fields uuid name`),
      s.cli(cmd`node list --long`),
      s.cli(cmd`node list --limit 1`),
      s.cli(cmd`node list --sort name:desc`),
      s.cli(cmd`node list -f json`),
    ])
    expectLike(fields, fixture('node-list-fields'))
    expectLike(long, fixture('node-list-long'))
    expectLike(limit, fixture('node-list-limit-1'))
    expectLike(sorted, fixture('node-list-sort-name-desc'))
    expectLike(json, fixture('node-list-json'))
  })

  it('pages with --marker', async () => {
    const rows = await s.cliJson(cmd`node list --marker ${n1}`)
    expect(rows.map((r: { Name: string }) => r.Name)).toEqual(['n2'])
  })

  it('shows a node as a table and as JSON like Ironic', async () => {
    const [table, json] = await Promise.all([
      s.cli(cmd`node show n1`),
      s.cli(cmd`node show n1 -f json`),
    ])
    expectLike(table, fixture('node-show'))
    expectLike(json, fixture('node-show-json'))
  })

  it('sets and unsets --extra like Ironic', async () => {
    expectLike(await s.cli(cmd`node set n1 --extra a=b`), fixture('node-set-extra'))
    expectLike(await s.cli(cmd`node show n1 -f json -c extra`), fixture('node-show-after-set'))
    expectLike(await s.cli(cmd`node unset n1 --extra a`), fixture('node-unset-extra'))
    expectLike(await s.cli(cmd`node show n1 -f json -c extra`), fixture('node-show-after-unset'))
  })

  it('creates with --extra --property --driver-info --resource-class like Ironic', async () => {
    const live = await s.cli(cmd`node create --driver fake-hardware --name TAG-n1 --extra ek=ev
      --property cpus=4 --driver-info ipmi_address=1.2.3.4 --resource-class rcx -f json`)
    // the recording also passed --chassis-uuid (chassis.test.ts does); here there is no chassis
    const expected = { ...JSON.parse(recorded('node-create-full').stdout), chassis_uuid: null }
    expect(live.code, live.stderr).toBe(0)
    expect(JSON.parse(normalize(live.stdout))).toEqual(expected)
  })

  it('refuses node create --description client-side, as ironicclient 5.0.1 does', async () => {
    const live = await s.cli(cmd`node create --driver fake-hardware --description ${'first node'}`)
    expectLike(live, recorded('node-create-description'))
  })

  it('sets --description --extra --property, shows --fields and unsets like Ironic', async () => {
    const set = cmd`node set TAG-n1 --description ${'first node'} --extra e2=v2 --property ram=1024`
    expectLike(await s.cli(set), recorded('node-set-full'))
    const cols = cmd`-c extra -c properties -c description`
    const shown = await s.cli(cmd`node show TAG-n1 -f json`.concat(cols))
    expectLike(shown, recorded('node-show-after-set-full'))
    const fields = await s.cli(cmd`node show TAG-n1 --fields uuid name extra -f json`)
    expectLike(fields, recorded('node-show-fields'))
    const unset = cmd`node unset TAG-n1 --extra ek --property cpus --description --resource-class`
    expectLike(await s.cli(unset), recorded('node-unset'))
    const after = await s.cli(cmd`node show TAG-n1 -f json -c resource_class`.concat(cols))
    expectLike(after, recorded('node-show-after-unset'))
  })

  it('reports unknown nodes and drivers like Ironic', async () => {
    const [unknown, badDriver] = await Promise.all([
      s.cli(cmd`node show nope`),
      s.cli(cmd`node create --driver bogus`),
    ])
    expectLike(unknown, fixture('node-show-unknown'))
    expectLike(badDriver, fixture('node-create-bad-driver'))
  })

  it('deletes nodes like Ironic', async () => {
    expectLike(await s.cli(cmd`node delete n1`), fixture('node-delete'))
    expectLike(await s.cli(cmd`node delete n1`), fixture('node-delete-again'))
    expectLike(await s.cli(cmd`node delete n2`), fixture('node-delete-n2'))
    const left = await s.cliJson(cmd`node list`)
    expect(left.map((r: { Name: string }) => r.Name)).toEqual(['TAG-n1'])
  })
})
