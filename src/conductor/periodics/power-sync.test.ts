import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isoTimestamp, systemClock } from '../../common/clock.js'
import { openDatabase, type Database } from '../../db/database.js'
import { upgradeDatabase } from '../../db/migrate.js'
import { findNode } from '../../db/repos/nodes.js'
import { INTERFACES } from '../../drivers/catalog.js'
import { FAKE_DRIVER_CONFIG } from '../../drivers/config.js'
import { FakePower } from '../../drivers/power/fake.js'
import type { Task } from '../../drivers/types.js'
import { createDriverFactory } from '../../drivers/registry.js'
import { silentLog, type ConductorContext } from '../context.js'
import { syncPowerStates } from './power-sync.js'

/** A power interface whose BMC can be switched off, following the PowerInterface contract. */
class FlakyPower extends FakePower {
  static bmcDown = false
  override async getPowerState(task: Task) {
    if (FlakyPower.bmcDown) throw new Error('BMC unreachable')
    return super.getPowerState(task)
  }
}

describe('power state sync', () => {
  let database: Database
  let ctx: ConductorContext
  const owner = () => 'c1'
  const failures = new Map<string, number>()
  const opts = { workers: 4, maxRetries: 2, failures }

  beforeAll(async () => {
    database = openDatabase(`sqlite:///${join(mkdtempSync(join(tmpdir(), 'anvil-ps-')), 'db.sqlite')}`)
    await upgradeDatabase(database)
    const interfaces = { ...INTERFACES, power: { ...INTERFACES.power, fake: { implemented: true as const, create: () => new FlakyPower() } } }
    ctx = {
      db: database.db,
      hostname: 'c1',
      drivers: createDriverFactory(FAKE_DRIVER_CONFIG, { interfaces }),
      clock: systemClock,
      log: silentLog,
      lockRetries: 0,
      lockRetryIntervalMs: 1,
      inFlight: new Set(),
    }
    const now = isoTimestamp(new Date())
    await database.db
      .insertInto('nodes')
      .values({ uuid: '11111111-1111-1111-1111-111111111111', driver: 'fake-hardware', power_interface: 'fake', power_state: 'power on', provision_state: 'manageable', conductor_group: '', created_at: now })
      .execute()
  })
  afterAll(async () => {
    await database.close()
  })

  const node = async () => (await findNode(database.db, { uuid: '11111111-1111-1111-1111-111111111111' }))!

  it('leaves a node alone while its BMC agrees', async () => {
    const r = await syncPowerStates(ctx, owner, opts)
    expect(r).toMatchObject({ checked: 1, changed: 0, failed: 0 })
  })

  it('puts the node in maintenance with a power failure fault after max retries', async () => {
    FlakyPower.bmcDown = true
    for (let i = 0; i < 2; i++) await syncPowerStates(ctx, owner, opts)
    expect((await node()).maintenance).toBeFalsy()
    const r = await syncPowerStates(ctx, owner, opts)
    expect(r.toMaintenance).toBe(1)
    const n = await node()
    expect(Boolean(n.maintenance)).toBe(true)
    expect(n.fault).toBe('power failure')
    expect(n.maintenance_reason).toContain('During sync_power_state, max retries exceeded for node 11111111-1111-1111-1111-111111111111')
    expect(n.maintenance_reason).toContain('Error: BMC unreachable')
    const history = await database.db.selectFrom('node_history').selectAll().execute()
    expect(history.at(-1)).toMatchObject({ severity: 'ERROR', event_type: 'monitoring' })
  })

  it('recovers the node when the BMC answers again', async () => {
    FlakyPower.bmcDown = false
    await database.db.updateTable('nodes').set({ power_state: null }).execute()
    const r = await syncPowerStates(ctx, owner, opts)
    expect(r.recovered).toBe(1)
    const n = await node()
    expect(Boolean(n.maintenance)).toBe(false)
    expect(n.fault).toBeNull()
    expect(n.maintenance_reason).toBeNull()
  })

  it('skips nodes owned by another conductor', async () => {
    const r = await syncPowerStates(ctx, () => 'c2', opts)
    expect(r.checked).toBe(0)
  })
})
