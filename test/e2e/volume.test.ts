/**
 * @module e2e: `baremetal volume connector ...` and `baremetal volume target ...` (Debian's
 * python-ironicclient 5.0.1, at its 1.78) against a live `anvil serve`. There are no Ironic
 * recordings of these commands: the expected output follows python-ironicclient's code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects } from '../helpers/anvil.js'
import { cmd, HOOK_TIMEOUT, startServer, type E2eServer } from './harness.js'
import { parseTable } from './recorded.js'

const IQN = 'iqn.2017-08.org.example:e2e'

describe.each(dialects())('baremetal volume connector and target (%s)', { timeout: 300_000 }, (dialect) => {
  let s: E2eServer
  let node = ''
  let connector = ''
  let target = ''

  /** Powers the node on or off and waits until its power state shows it. */
  async function power(state: 'on' | 'off') {
    await s.cliOk(cmd`node power ${state} ${node}`)
    for (let i = 0; i < 100; i++) {
      const shown = await fetch(`${s.url}/v1/nodes/${node}`, {
        headers: { 'X-OpenStack-Ironic-API-Version': '1.32' },
      })
      if (((await shown.json()) as { power_state: string }).power_state === `power ${state}`) return
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`node did not reach power ${state}`)
  }

  beforeAll(async () => {
    s = await startServer(dialect)
    node = (await s.cliJson(cmd`node create --driver fake-hardware --name vol-e2e`)).uuid
    await power('off')
  }, HOOK_TIMEOUT)
  afterAll(async () => {
    await s?.stop()
  }, HOOK_TIMEOUT)

  it('creates a connector and a target', async () => {
    const [c, tg, badType] = await Promise.all([
      s.cliJson(cmd`volume connector create --node ${node} --type iqn --connector-id ${IQN} --extra rack=r1`),
      s.cliJson(cmd`volume target create --node ${node} --type iscsi --boot-index 0 --volume-id vol-1
        --property target_lun=0 --property auth_password=secret`),
      s.cli(cmd`volume connector create --node ${node} --type nvme --connector-id x`),
    ])
    connector = c.uuid
    target = tg.uuid
    expect(c).toMatchObject({ node_uuid: node, type: 'iqn', connector_id: IQN, extra: { rack: 'r1' } })
    expect(Object.keys(c).sort()).toEqual(
      ['connector_id', 'created_at', 'extra', 'node_uuid', 'type', 'updated_at', 'uuid'],
    )
    expect(tg).toMatchObject({
      node_uuid: node,
      volume_type: 'iscsi',
      boot_index: 0,
      volume_id: 'vol-1',
      properties: { target_lun: 0, auth_password: '******' },
    })
    // The client refuses an unknown connector type before any request.
    expect(badType.code).toBe(2)
    expect(badType.stderr).toContain("argument --type: invalid choice: 'nvme'")
  })

  it('lists and shows them', async () => {
    const [table, long, targets, shown, fields] = await Promise.all([
      s.cli(cmd`volume connector list`),
      s.cliJson(cmd`volume connector list --node vol-e2e --long`),
      s.cli(cmd`volume target list`),
      s.cliJson(cmd`volume target show ${target}`),
      s.cliJson(cmd`volume connector show ${connector} --fields uuid type`),
    ])
    expect(table.code).toBe(0)
    expect(parseTable(table.stdout)).toEqual({
      headers: ['UUID', 'Node UUID', 'Type', 'Connector ID'],
      rows: [[connector, node, 'iqn', IQN]],
    })
    expect(long).toEqual([
      expect.objectContaining({ UUID: connector, 'Node UUID': node, Extra: { rack: 'r1' }, 'Updated At': null }),
    ])
    expect(parseTable(targets.stdout)).toEqual({
      headers: ['UUID', 'Node UUID', 'Driver Volume Type', 'Boot Index', 'Volume ID'],
      rows: [[target, node, 'iscsi', '0', 'vol-1']],
    })
    expect(shown).toMatchObject({ uuid: target, boot_index: 0, properties: { auth_password: '******' } })
    expect(fields).toEqual({ type: 'iqn', uuid: connector })
  })

  it('sets and unsets fields of a powered-off node only', async () => {
    await power('on')
    const refused = await s.cli(cmd`volume connector set ${connector} --extra pod=2`)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(
      `The requested action "volume connector update" can not be performed on node "${node}" while it is in state "power on". (HTTP 400)`,
    )
    await power('off')
    await Promise.all([
      s.cliOk(cmd`volume connector set ${connector} --extra pod=2 --connector-id iqn.2017-08.org.example:new`),
      s.cliOk(cmd`volume target set ${target} --boot-index 3 --property target_lun=1`),
    ])
    await Promise.all([
      s.cliOk(cmd`volume connector unset ${connector} --extra rack`),
      s.cliOk(cmd`volume target unset ${target} --property auth_password`),
    ])
    const [c, tg] = await Promise.all([
      s.cliJson(cmd`volume connector show ${connector}`),
      s.cliJson(cmd`volume target show ${target}`),
    ])
    expect(c).toMatchObject({ connector_id: 'iqn.2017-08.org.example:new', extra: { pod: 2 } })
    expect(c.updated_at).not.toBeNull()
    expect(tg).toMatchObject({ boot_index: 3, properties: { target_lun: 1 } })
  })

  it('deletes them', async () => {
    const [c, tg] = await Promise.all([
      s.cli(cmd`volume connector delete ${connector}`),
      s.cli(cmd`volume target delete ${target}`),
    ])
    expect([c.code, c.stdout]).toEqual([0, `Deleted volume connector ${connector}\n`])
    expect([tg.code, tg.stdout]).toEqual([0, `Deleted volume target ${target}\n`])
    const again = await s.cli(cmd`volume target show ${target}`)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain(`Volume target ${target} could not be found. (HTTP 404)`)
    expect(await s.cliJson(cmd`volume connector list`)).toEqual([])
  })
})
