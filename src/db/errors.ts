/**
 * @module Recognises database constraint violations on both dialects.
 */

/**
 * The column of a violated UNIQUE constraint ("name" for nodes.name; the last one of a
 * composite key, e.g. "boot_index" for (node_id, boot_index)), or undefined.
 */
export function uniqueViolation(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined
  const e = err as Error & { code?: string; constraint?: string; detail?: string }
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // "UNIQUE constraint failed: t.a, t.b": the last column, as for PostgreSQL
    const m = /constraint failed: ([\w., ]+)/.exec(e.message)
    return m?.[1]?.split(',').pop()?.trim().split('.').pop()
  }
  if (e.code === '23505') {
    const m = /Key \(([^)]+)\)/.exec(e.detail ?? '')
    return m?.[1]?.split(',').pop()?.trim().replace(/"/g, '')
  }
  return undefined
}

/** True for a foreign-key violation (a referenced row is missing, or still referenced). */
export function isForeignKeyViolation(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: string }).code
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503'
}
