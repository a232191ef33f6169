/** @module PostgreSQL closing Anvil's idle connections (a restart, an administrator) is survived. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { dialects, freshDatabase } from '../../test/helpers/anvil.js'
import { openDatabase } from './database.js'
import { upgradeDatabase } from './migrate.js'

const postgres = dialects().includes('postgres')

describe.runIf(postgres)('a PostgreSQL database whose connections are terminated', () => {
  it('keeps working: the next query opens a new connection', async () => {
    const fresh = await freshDatabase('postgres', mkdtempSync(join(tmpdir(), 'anvil-pgr-')))
    const database = openDatabase(fresh.url)
    try {
      await upgradeDatabase(database)
      await database.db.selectFrom('nodes').select('id').execute()
      const admin = new pg.Client({ connectionString: process.env.ANVIL_TEST_POSTGRES })
      await admin.connect()
      const name = new URL(fresh.url).pathname.slice(1)
      const killed = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1',
        [name],
      )
      await admin.end()
      expect(killed.rowCount).toBeGreaterThan(0)
      await new Promise((r) => setTimeout(r, 200))
      expect(await database.db.selectFrom('nodes').select('id').execute()).toEqual([])
    } finally {
      await database.close()
      await fresh.drop()
    }
  })
})
