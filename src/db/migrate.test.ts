import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dialects, freshDatabase } from '../../test/helpers/anvil.js'
import { openDatabase, type Database } from './database.js'
import { uniqueViolation } from './errors.js'
import { appliedMigrations, downgradeDatabase, upgradeDatabase } from './migrate.js'
import { TABLES } from './migrations/0001-initial.js'

describe.each(dialects())('migrations on %s', (dialect) => {
  let database: Database | undefined
  let drop = async () => {}
  afterEach(async () => {
    await database?.close()
    await drop()
  })

  async function open(): Promise<Database> {
    const fresh = await freshDatabase(dialect, mkdtempSync(join(tmpdir(), 'anvil-mig-')))
    drop = fresh.drop
    database = openDatabase(fresh.url)
    return database
  }

  it('creates every table of the v1 API, and is idempotent', async () => {
    const db = await open()
    await upgradeDatabase(db)
    expect(await appliedMigrations(db)).toEqual(['0001-initial', '0002-unique-keys'])
    const tables = (await db.db.introspection.getTables()).map((t) => t.name)
    for (const t of Object.keys(TABLES)) expect(tables).toContain(t)
    const again = await upgradeDatabase(db)
    expect(again.results).toEqual([])
    const nodeColumns = (await db.db.introspection.getTables()).find((t) => t.name === 'nodes')!.columns.map((c) => c.name)
    for (const c of ['uuid', 'driver', 'provision_state', 'conductor_group', 'shard', 'parent_node', 'disable_power_off', 'health', 'revision']) {
      expect(nodeColumns).toContain(c)
    }
  })

  it('enforces unique names and cascades node deletion to traits', async () => {
    const db = await open()
    await upgradeDatabase(db)
    const now = new Date().toISOString()
    const base = { driver: 'fake-hardware', conductor_group: '', created_at: now }
    await db.db.insertInto('nodes').values({ ...base, uuid: 'u1', name: 'same' }).execute()
    await expect(db.db.insertInto('nodes').values({ ...base, uuid: 'u2', name: 'same' }).execute()).rejects.toThrow()
    const { id } = await db.db.selectFrom('nodes').select('id').where('uuid', '=', 'u1').executeTakeFirstOrThrow()
    await db.db.insertInto('node_traits').values({ node_id: id, trait: 'CUSTOM_X', created_at: now }).execute()
    await db.db.deleteFrom('nodes').where('id', '=', id).execute()
    expect(await db.db.selectFrom('node_traits').selectAll().execute()).toEqual([])
  })

  it('keeps the unique keys of 0002 and reports the last column of a composite one', async () => {
    const db = await open()
    await upgradeDatabase(db)
    const now = new Date().toISOString()
    await db.db.insertInto('nodes').values({ driver: 'fake-hardware', conductor_group: '', created_at: now, uuid: 'n1' }).execute()
    const { id } = await db.db.selectFrom('nodes').select('id').where('uuid', '=', 'n1').executeTakeFirstOrThrow()
    const target = (uuid: string) => ({ uuid, node_id: id, volume_type: 'iscsi', boot_index: 0, volume_id: uuid, created_at: now })
    await db.db.insertInto('volume_targets').values(target('t1')).execute()
    const err = await db.db.insertInto('volume_targets').values(target('t2')).execute().catch((e: unknown) => e)
    expect(uniqueViolation(err)).toBe('boot_index')
    const port = (uuid: string, address: string) => ({ uuid, address, name: 'nic0', created_at: now })
    await db.db.insertInto('ports').values(port('p1', '52:54:00:00:00:01')).execute()
    const dup = await db.db.insertInto('ports').values(port('p2', '52:54:00:00:00:02')).execute().catch((e: unknown) => e)
    expect(uniqueViolation(dup)).toBe('name')
    // ports without a name never collide
    const unnamed = (uuid: string, address: string) => ({ ...port(uuid, address), name: null })
    await db.db.insertInto('ports').values([unnamed('p3', '52:54:00:00:00:03'), unnamed('p4', '52:54:00:00:00:04')]).execute()
  })

  it('downgrades to an empty schema', async () => {
    const db = await open()
    await upgradeDatabase(db)
    await downgradeDatabase(db)
    expect(await appliedMigrations(db)).toEqual(['0001-initial'])
    await downgradeDatabase(db)
    expect(await appliedMigrations(db)).toEqual([])
    const tables = (await db.db.introspection.getTables()).map((t) => t.name)
    expect(tables).not.toContain('nodes')
  })
})
