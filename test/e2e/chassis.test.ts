/** @module e2e: `baremetal chassis ...` against a live `anvil serve`, compared with Ironic 21.4. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects } from '../helpers/anvil.js'
import { cmd, HOOK_TIMEOUT, startServer, type E2eServer } from './harness.js'
import { expectLike, fixture, recorded } from './recorded.js'

// The recordings come from a shared reference Ironic that holds other chassis too: lists are
// compared on the rows of this run only (descriptions starting with "TAG", record-ironic.sh's tag).
const OURS = { keep: (r: Record<string, unknown>) => String(r.Description).startsWith('TAG') }

describe.each(dialects())('baremetal chassis (%s)', { timeout: 300_000 }, (dialect) => {
  let s: E2eServer
  let chassis = ''
  let node = ''

  beforeAll(async () => {
    s = await startServer(dialect)
  }, HOOK_TIMEOUT)
  afterAll(async () => {
    await s?.stop()
  }, HOOK_TIMEOUT)

  it('creates chassis like Ironic (table and JSON output)', async () => {
    const [table, json] = await Promise.all([
      s.cli(cmd`chassis create --description ${'cli chassis'}`),
      s.cli(cmd`chassis create --description TAG-c1 --extra a=b -f json`),
    ])
    expectLike(table, fixture('chassis-create'))
    expectLike(json, recorded('chassis-create'))
    chassis = JSON.parse(json.stdout).uuid
  })

  it('lists chassis (table, JSON, --long) like Ironic', async () => {
    const [table, json, long] = await Promise.all([
      s.cli(cmd`chassis list`),
      s.cli(cmd`chassis list -f json`),
      s.cli(cmd`chassis list --long -f json`),
    ])
    expectLike(table, recorded('chassis-list-table'), OURS)
    expectLike(json, recorded('chassis-list'), OURS)
    expectLike(long, recorded('chassis-list-long'), OURS)
  })

  it('shows and sets a chassis like Ironic', async () => {
    expectLike(await s.cli(cmd`chassis show ${chassis} -f json`), recorded('chassis-show'))
    const set = cmd`chassis set ${chassis} --description TAG-c2 --extra c=d`
    expectLike(await s.cli(set), recorded('chassis-set'))
    const shown = await s.cli(cmd`chassis show ${chassis} -f json`)
    expectLike(shown, recorded('chassis-show-after-set'))
  })

  it('creates a node in the chassis with every create option like Ironic', async () => {
    const live = await s.cli(cmd`node create --driver fake-hardware --name TAG-n1
      --chassis-uuid ${chassis} --extra ek=ev --property cpus=4
      --driver-info ipmi_address=1.2.3.4 --resource-class rcx -f json`)
    expectLike(live, recorded('node-create-full'))
    node = JSON.parse(live.stdout).uuid
    expect(JSON.parse(live.stdout).chassis_uuid).toBe(chassis)
  })

  it('refuses to delete a chassis that holds nodes, like Ironic', async () => {
    expectLike(await s.cli(cmd`chassis delete ${chassis}`), recorded('chassis-delete-with-node'))
  })

  it('deletes the chassis once empty, like Ironic', async () => {
    await s.cliOk(cmd`node delete ${node}`)
    expectLike(await s.cli(cmd`chassis delete ${chassis}`), recorded('chassis-delete'))
    expectLike(await s.cli(cmd`chassis show ${chassis}`), recorded('chassis-show-deleted'))
  })
})
