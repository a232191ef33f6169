/**
 * @module kysely's values (the query builder, `sql`, dialects, the migrator), from its CommonJS
 * build: loaded as ~260 ES modules it costs ~4 MiB more resident memory. Types still come from
 * `import type ... from 'kysely'`; values only from here, so that one copy is ever loaded (a
 * test checks it).
 */
import { createRequire } from 'node:module'
import type * as K from 'kysely'

const kysely = createRequire(import.meta.url)('kysely') as typeof K

export const { PostgresDialect, SqliteDialect, sql } = kysely
export const Kysely = kysely.Kysely
export type Kysely<DB> = K.Kysely<DB>
export const Migrator = kysely.Migrator
export type Migrator = K.Migrator
