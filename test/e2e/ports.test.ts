/**
 * @module e2e: `baremetal port ...` and `baremetal port group ...` against a live `anvil serve`,
 * compared with Ironic 21.4's output.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import { dialects } from '../helpers/anvil.js'
import { cmd, HOOK_TIMEOUT, startServer, type E2eServer } from './harness.js'
import { expectLike, fixture, parseTable, recorded } from './recorded.js'

const MAC = '52:54:00:aa:bb:01'
const PG_MAC = '52:54:00:aa:bb:02'

/** The `uuid` row of a Field/Value table. */
function uuidOf(stdout: string): string {
  return parseTable(stdout).rows.find((r) => r[0] === 'uuid')?.[1] ?? ''
}

describe.each(dialects())('baremetal port and port group (%s)', { timeout: 300_000 }, (dialect) => {
  let s: E2eServer
  let node = ''
  let port = ''

  beforeAll(async () => {
    s = await startServer(dialect)
    node = (await s.cliJson(cmd`node create --driver fake-hardware --name n1`)).uuid
  }, HOOK_TIMEOUT)
  afterAll(async () => {
    await s?.stop()
  }, HOOK_TIMEOUT)

  it('creates a port and a port group with the table output of Ironic', async () => {
    const p = await s.cli(cmd`port create --node ${node} 52:54:00:0c:11:01`)
    expectLike(p, fixture('port-create'))
    port = uuidOf(p.stdout)
    const pgArgs = cmd`port group create --node ${node} --name pg-cli --address 52:54:00:0c:22:01`
    expectLike(await s.cli(pgArgs), fixture('port-group-create'))
  })

  it('lists ports and port groups like Ironic, and wants a node UUID', async () => {
    const [ports, long, groups, byName] = await Promise.all([
      s.cli(cmd`port list`),
      s.cli(cmd`port list --long`),
      s.cli(cmd`port group list`),
      s.cli(cmd`port create --node n1 52:54:00:0c:11:02`),
    ])
    expectLike(ports, fixture('port-list'))
    expectLike(long, fixture('port-list-long'))
    expectLike(groups, fixture('port-group-list'))
    expectLike(byName, fixture('port-create-node-name'))
    await s.cliOk(cmd`port delete ${port}`)
    await s.cliOk(cmd`port group delete pg-cli`)
  })

  it('creates a port with --extra, --local-link-connection etc. like Ironic', async () => {
    const live = await s.cli(cmd`port create ${MAC} --node ${node} --extra pk=pv
      --local-link-connection switch_id=00:11:22:33:44:55 --local-link-connection port_id=Eth1
      --physical-network physnet1 -f json`)
    expectLike(live, recorded('port-create'))
    port = JSON.parse(live.stdout).uuid
  })

  it('lists ports of a node (table, JSON, --long) like Ironic', async () => {
    const [table, json, long] = await Promise.all([
      s.cli(cmd`port list --node ${node}`),
      s.cli(cmd`port list --node ${node} -f json`),
      s.cli(cmd`port list --node ${node} --long -f json`),
    ])
    expectLike(table, recorded('port-list-table'))
    expectLike(json, recorded('port-list'))
    expectLike(long, recorded('port-list-long'))
  })

  it('shows a port by UUID and by --address like Ironic', async () => {
    const [byUuid, byAddress] = await Promise.all([
      s.cli(cmd`port show ${port} -f json`),
      s.cli(cmd`port show --address ${MAC} -f json -c uuid -c address`),
    ])
    expectLike(byUuid, recorded('port-show'))
    expectLike(byAddress, recorded('port-show-address'))
  })

  it('sets a port like Ironic', async () => {
    expectLike(
      await s.cli(cmd`port set ${port} --extra k2=v2 --pxe-disabled`),
      recorded('port-set'),
    )
    const shown = await s.cli(cmd`port show ${port} -f json -c extra -c pxe_enabled`)
    expectLike(shown, recorded('port-show-after-set'))
  })

  it('creates a port group with every option like Ironic', async () => {
    const live = await s.cli(cmd`port group create --node ${node} --name TAG-pg1 --address ${PG_MAC}
      --extra gk=gv --mode active-backup --property miimon=100 -f json`)
    expectLike(live, recorded('portgroup-create'))
  })

  it('lists and shows port groups like Ironic', async () => {
    const [table, json, long, shown] = await Promise.all([
      s.cli(cmd`port group list --node ${node}`),
      s.cli(cmd`port group list --node ${node} -f json`),
      s.cli(cmd`port group list --node ${node} --long -f json`),
      s.cli(cmd`port group show TAG-pg1 -f json`),
    ])
    expectLike(table, recorded('portgroup-list-table'))
    expectLike(json, recorded('portgroup-list'))
    expectLike(long, recorded('portgroup-list-long'))
    expectLike(shown, recorded('portgroup-show'))
  })

  it('sets and deletes a port group like Ironic', async () => {
    const set = cmd`port group set TAG-pg1 --name TAG-pg2 --extra g2=v2`
    expectLike(await s.cli(set), recorded('portgroup-set'))
    const shown = await s.cli(cmd`port group show TAG-pg2 -f json -c name -c extra`)
    expectLike(shown, recorded('portgroup-show-after-set'))
    expectLike(await s.cli(cmd`port group delete TAG-pg2`), recorded('portgroup-delete'))
    expectLike(await s.cli(cmd`port group show TAG-pg2`), recorded('portgroup-show-deleted'))
  })

  it('deletes a port like Ironic', async () => {
    expectLike(await s.cli(cmd`port delete ${port}`), recorded('port-delete'))
    expectLike(await s.cli(cmd`port show ${port}`), recorded('port-show-deleted'))
  })
})
