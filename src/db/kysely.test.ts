/** @module Only `db/kysely.ts` loads kysely's code; everything else imports its types. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

describe('kysely imports', () => {
  it('take values only from src/db/kysely.ts (one CommonJS copy, no ES module graph)', () => {
    const offenders = [...sources('src'), ...sources('bench')].filter((file) => {
      if (file === join('src', 'db', 'kysely.ts')) return false
      const text = readFileSync(join(ROOT, file), 'utf8')
      return /^import\s+(?!type\b)[^;]*from\s+'kysely'/m.test(text)
    })
    expect(offenders).toEqual([])
  })
})
