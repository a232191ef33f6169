/**
 * @module Opens the database named by an Ironic-style connection URL (SQLite by default,
 * PostgreSQL for multi-process deployments) as one kysely instance.
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from './kysely.js'
import { createRequire } from 'node:module'
import type { Tables } from './tables.js'

export type DialectName = 'sqlite' | 'postgres'

export interface Database {
  readonly db: Kysely<Tables>
  readonly dialect: DialectName
  close(): Promise<void>
}

/**
 * Opens `sqlite:///path`, `sqlite://` (memory), a bare file path, or `postgresql://...`.
 * @example const { db } = openDatabase('sqlite:///var/lib/anvil/anvil.sqlite')
 */
export function openDatabase(connection: string): Database {
  if (/^postgres(ql)?(\+\w+)?:\/\//.test(connection)) return openPostgres(connection)
  return openSqlite(sqlitePath(connection))
}

function sqlitePath(connection: string): string {
  if (connection === 'sqlite://' || connection === ':memory:') return ':memory:'
  const m = /^sqlite:\/\/\/?(.*)$/.exec(connection)
  // sqlite:///relative and sqlite:////absolute, as in SQLAlchemy URLs
  return m ? (m[1] ?? ':memory:') || ':memory:' : connection
}

function openSqlite(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true })
  const sqlite = new SQLite(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

/**
 * kysely prepares a statement for every query; preparing is as costly as running a simple
 * SELECT, so keep the prepared statements of recent SQL texts (the API's queries repeat).
 */
function withStatementCache(sqlite: SQLite.Database, max = 512) {
  const cache = new Map<string, CachedStatement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql)
      if (stmt) {
        cache.delete(sql)
      } else {
        stmt = cachedStatement(sqlite.prepare(sql))
        if (cache.size >= max) cache.delete(cache.keys().next().value as string)
      }
      cache.set(sql, stmt)
      return stmt
    },
  }
}

/** What kysely's SQLite driver uses of a statement. */
interface CachedStatement {
  readonly reader: boolean
  all(params: readonly unknown[]): unknown[]
  run(params: readonly unknown[]): SQLite.RunResult
  iterate(params: readonly unknown[]): IterableIterator<unknown>
}

/**
 * A statement whose rows are read as arrays and turned into objects by a constructor made for
 * its columns: 2-3x faster than better-sqlite3's own objects for wide rows (a node has ~70
 * columns), and the objects get one shape, which makes reading them faster too.
 */
function cachedStatement(stmt: SQLite.Statement): CachedStatement {
  if (!stmt.reader) return stmt as unknown as CachedStatement
  const names = stmt.columns().map((c) => c.name)
  if (names.includes('__proto__')) return stmt as unknown as CachedStatement
  // later duplicates win, as in better-sqlite3's objects
  const body = `return {${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(',')}}`
  const toObject = new Function('r', body) as (row: unknown[]) => unknown
  stmt.raw(true)
  return {
    reader: true,
    all: (params) => (stmt.all(params) as unknown[][]).map(toObject),
    run: (params) => stmt.run(params),
    *iterate(params) {
      for (const row of stmt.iterate(params) as IterableIterator<unknown[]>) yield toObject(row)
    },
  }
}

function openPostgres(connection: string): Database {
  const url = connection.replace(/^postgres(ql)?\+\w+:/, 'postgresql:')
  // Loaded only when PostgreSQL is used: the driver costs ~15 MiB of memory.
  const pg = createRequire(import.meta.url)('pg') as typeof import('pg')
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  // An idle connection the server closes (a restart, an administrator) emits 'error' on the pool;
  // unheard, it would end the process. The pool drops that connection and opens another.
  pool.on('error', () => {})
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) })
  return { db, dialect: 'postgres', close: () => db.destroy() }
}
