/**
 * @module Applies the versioned schema migrations (kysely's Migrator, under its lock table).
 */
import type { Migration, MigrationProvider, MigrationResultSet } from 'kysely'
import { Migrator } from './kysely.js'
import type { Database } from './database.js'
import * as initial from './migrations/0001-initial.js'
import * as uniqueKeys from './migrations/0002-unique-keys.js'

function migrationsFor(dialect: Database['dialect']): Record<string, Migration> {
  return {
    '0001-initial': { up: initial.up(dialect), down: initial.down },
    '0002-unique-keys': uniqueKeys,
  }
}

class StaticProvider implements MigrationProvider {
  readonly #migrations: Record<string, Migration>
  constructor(migrations: Record<string, Migration>) {
    this.#migrations = migrations
  }
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(this.#migrations)
  }
}

function migrator(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider: new StaticProvider(migrationsFor(database.dialect)),
    migrationTableName: 'anvil_migrations',
    migrationLockTableName: 'anvil_migrations_lock',
  })
}

/** Brings the schema to the newest version. Throws with the failing migration's error. */
export async function upgradeDatabase(database: Database): Promise<MigrationResultSet> {
  const result = await migrator(database).migrateToLatest()
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error))
  return result
}

/** Names of applied migrations, oldest first. */
export async function appliedMigrations(database: Database): Promise<string[]> {
  const all = await migrator(database).getMigrations()
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name)
}

/** Reverts the newest applied migration. */
export async function downgradeDatabase(database: Database): Promise<MigrationResultSet> {
  const result = await migrator(database).migrateDown()
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error))
  return result
}
