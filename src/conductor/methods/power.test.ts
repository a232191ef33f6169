import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isoTimestamp, type Clock } from '../../common/clock.js'
import { openDatabase, type Database } from '../../db/database.js'
import { upgradeDatabase } from '../../db/migrate.js'
import { findNode } from '../../db/repos/nodes.js'
import { INTERFACES } from '../../drivers/catalog.js'
import { FAKE_DRIVER_CONFIG } from '../../drivers/config.js'
import { FakePower } from '../../drivers/power/fake.js'
import { FakeStorage } from '../../drivers/storage/fake.js'
import type { ExclusiveTask, Task } from '../../drivers/types.js'
import { createDriverFactory } from '../../drivers/registry.js'
import { silentLog, type ConductorContext } from '../context.js'
import { withTask } from '../task.js'
import { changeNodePowerState, nodePowerAction, PowerStateFailureError } from './power.js'

/** Fake power whose BMC can fail reads or writes. */
class FlakyPower extends FakePower {
  static readFails = false
  static writeFails = false
  override async getPowerState(task: Task) {
    if (FlakyPower.readFails) throw new Error('BMC unreachable')
    return super.getPowerState(task)
  }
  override async setPowerState(
    task: ExclusiveTask,
    target: Parameters<FakePower['setPowerState']>[1],
  ) {
    if (FlakyPower.writeFails) throw new Error('BMC refused')
    return super.setPowerState(task, target)
  }
}

/** Fake storage counting its calls. */
class CountingStorage extends FakeStorage {
  static calls: string[] = []
  override async attachVolumes() {
    CountingStorage.calls.push('attach')
  }
  override async detachVolumes() {
    CountingStorage.calls.push('detach')
  }
}

const UUID = '22222222-2222-2222-2222-222222222222'
const NOW = new Date('2026-01-02T03:04:05.678Z')

describe('power actions', () => {
  let database: Database
  let ctx: ConductorContext
  const clock: Clock = { now: () => NOW }

  beforeAll(async () => {
    database = openDatabase(
      `sqlite:///${join(mkdtempSync(join(tmpdir(), 'anvil-pw-')), 'db.sqlite')}`,
    )
    await upgradeDatabase(database)
    const interfaces = {
      ...INTERFACES,
      power: {
        ...INTERFACES.power,
        fake: { implemented: true as const, create: () => new FlakyPower() },
      },
      storage: {
        ...INTERFACES.storage,
        fake: { implemented: true as const, create: () => new CountingStorage() },
      },
    }
    ctx = {
      db: database.db,
      hostname: 'c1',
      drivers: createDriverFactory(FAKE_DRIVER_CONFIG, { interfaces }),
      clock,
      log: silentLog,
      lockRetries: 0,
      lockRetryIntervalMs: 1,
      inFlight: new Set(),
    }
    await database.db
      .insertInto('nodes')
      .values({
        uuid: UUID,
        driver: 'fake-hardware',
        power_interface: 'fake',
        storage_interface: 'fake',
        conductor_group: '',
        created_at: isoTimestamp(NOW),
      })
      .execute()
  })
  afterAll(async () => {
    await database.close()
  })
  beforeEach(async () => {
    FlakyPower.readFails = false
    FlakyPower.writeFails = false
    CountingStorage.calls = []
    await setNode({
      power_state: 'power off',
      target_power_state: null,
      last_error: 'old',
      provision_state: 'manageable',
      disable_power_off: 0,
      driver_internal_info: JSON.stringify({
        agent_url: 'http://a',
        agent_secret_token: 's',
        keep: 1,
      }),
    })
  })

  const setNode = (values: Record<string, unknown>) =>
    database.db.updateTable('nodes').set(values).where('uuid', '=', UUID).execute()
  const node = async () => (await findNode(database.db, { uuid: UUID }))!
  const act = (state: string) =>
    withTask(ctx, { uuid: UUID }, { purpose: 'test' }, (t) => nodePowerAction(t, state))
  const history = () => database.db.selectFrom('node_history').selectAll().orderBy('id').execute()

  it('powers on: power_state set, target and last_error cleared, change time recorded', async () => {
    await act('power on')
    const n = await node()
    expect(n).toMatchObject({ power_state: 'power on', target_power_state: null, last_error: null })
    expect(JSON.parse(n.driver_internal_info!)).toEqual({
      agent_url: 'http://a',
      agent_secret_token: 's',
      keep: 1,
      last_power_state_change: '2026-01-02T03:04:05.678000',
    })
  })

  it('wipes agent details on reboot, keeping a pre-generated token', async () => {
    await setNode({
      driver_internal_info: JSON.stringify({
        agent_url: 'u',
        agent_secret_token: 't',
        agent_secret_token_pregenerated: true,
      }),
    })
    await act('rebooting')
    expect(JSON.parse((await node()).driver_internal_info!)).toEqual({
      agent_secret_token: 't',
      agent_secret_token_pregenerated: true,
      last_power_state_change: '2026-01-02T03:04:05.678000',
    })
  })

  it('skips a node already in the target state but still wipes on power off', async () => {
    await act('power off')
    const n = await node()
    expect(n).toMatchObject({
      power_state: 'power off',
      last_error: null,
      target_power_state: null,
    })
    expect(JSON.parse(n.driver_internal_info!)).toEqual({ keep: 1 })
  })

  it('records a failure to read the power state and rethrows', async () => {
    FlakyPower.readFails = true
    await expect(act('power on')).rejects.toThrow('BMC unreachable')
    const n = await node()
    expect(n.last_error).toBe("Failed to change power state to 'power on': BMC unreachable")
    expect(n.target_power_state).toBeNull()
    expect((await history()).at(-1)).toMatchObject({
      severity: 'ERROR',
      event_type: 'UNKNOWN',
      conductor: 'c1',
      state: 'manageable',
    })
  })

  it('records a failure to change power and rethrows', async () => {
    FlakyPower.writeFails = true
    await expect(act('soft power off')).resolves.toBeUndefined() // already off: skipped
    await expect(act('power on')).rejects.toThrow('BMC refused')
    const n = await node()
    expect(n).toMatchObject({ power_state: 'power off', target_power_state: null })
    expect(n.last_error).toBe(
      "Failed to change power state to 'power on' by 'power on': BMC refused",
    )
  })

  it('keeps last_error of a failed provision state while acting', async () => {
    await setNode({ provision_state: 'deploy failed', last_error: 'deploy broke' })
    await act('power on')
    expect((await node()).last_error).toBe('deploy broke')
  })

  it('refuses to power off a node with disable_power_off', async () => {
    await setNode({ power_state: 'power on', disable_power_off: 1 })
    await expect(act('power off')).rejects.toBeInstanceOf(PowerStateFailureError)
    await act('rebooting')
    expect((await node()).power_state).toBe('power on')
  })

  it('attaches volumes before powering an active node on, detaches after powering it off', async () => {
    await setNode({ provision_state: 'active' })
    await act('power on')
    await act('power off')
    expect(CountingStorage.calls).toEqual(['attach', 'detach'])
  })

  it('refuses a state the power interface does not support, before any change', async () => {
    const start = withTask(ctx, { uuid: UUID }, { purpose: 'test' }, (t) =>
      changeNodePowerState(t, 'bogus', null),
    )
    await expect(start).rejects.toThrow(
      'The driver fake-hardware does not support the power state, bogus',
    )
    expect((await node()).last_error).toBe('old')
  })

  it('starts an action in the background, holding the lock until it ends', async () => {
    await withTask(ctx, { uuid: UUID }, { purpose: 'test' }, (t) =>
      changeNodePowerState(t, 'power on', null),
    )
    await Promise.allSettled([...ctx.inFlight])
    expect(await node()).toMatchObject({
      power_state: 'power on',
      target_power_state: null,
      reservation: null,
    })
  })
})
