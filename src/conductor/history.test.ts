import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../db/database.js'
import { upgradeDatabase } from '../db/migrate.js'
import { FAKE_DRIVER_CONFIG } from '../drivers/config.js'
import { createDriverFactory } from '../drivers/registry.js'
import { silentLog, type ConductorContext } from './context.js'
import { recordError, recordHistory } from './history.js'

describe('recordHistory', () => {
  let database: Database
  let ctx: ConductorContext
  let nodeId: number

  beforeAll(async () => {
    database = openDatabase(
      `sqlite:///${join(mkdtempSync(join(tmpdir(), 'anvil-hist-')), 'db.sqlite')}`,
    )
    await upgradeDatabase(database)
    ctx = {
      db: database.db,
      hostname: 'c1',
      drivers: createDriverFactory(FAKE_DRIVER_CONFIG),
      clock: { now: () => new Date('2026-01-01T00:01:30.500Z') },
      log: silentLog,
      lockRetries: 0,
      lockRetryIntervalMs: 1,
      inFlight: new Set(),
    }
    const row = await database.db
      .insertInto('nodes')
      .values({
        uuid: '33333333-3333-3333-3333-333333333333',
        driver: 'fake-hardware',
        conductor_group: '',
        provision_state: 'cleaning',
        target_provision_state: 'available',
        provision_updated_at: '2026-01-01T00:00:00.000000+00:00',
        created_at: '2026-01-01T00:00:00.000000+00:00',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    nodeId = row.id
  })
  afterAll(async () => {
    await database.close()
  })

  const rows = () => database.db.selectFrom('node_history').selectAll().orderBy('id').execute()

  it('records an event with the node state and the whole seconds spent in it', async () => {
    const uuid = await recordHistory(ctx, nodeId, {
      event: 'started',
      event_type: 'cleaning',
      user: 'me',
    })
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/)
    expect((await rows()).at(-1)).toMatchObject({
      uuid,
      node_id: nodeId,
      conductor: 'c1',
      event_type: 'cleaning',
      severity: 'INFO',
      event: 'started',
      user: 'me',
      project: null,
      state: 'cleaning',
      target_provision_state: 'available',
      duration_seconds: 90,
      created_at: '2026-01-01T00:01:30.500000+00:00',
    })
  })

  it('defaults the type to UNKNOWN and marks errors', async () => {
    await recordError(ctx, nodeId, 'it broke')
    expect((await rows()).at(-1)).toMatchObject({
      event_type: 'UNKNOWN',
      severity: 'ERROR',
      event: 'it broke',
    })
  })

  it('records nothing for an empty event or a missing node', async () => {
    const before = (await rows()).length
    expect(await recordHistory(ctx, nodeId, { event: '' })).toBeUndefined()
    expect(await recordHistory(ctx, 99999, { event: 'x' })).toBeUndefined()
    expect(await rows()).toHaveLength(before)
  })
})
