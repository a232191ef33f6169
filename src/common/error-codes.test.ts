/**
 * Every error code Anvil can answer with is listed in docs/errors.md (fastify's parity test).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : []
  })
}

/** Codes given to IronicError: `code: 'X'`, or the code argument of ConflictError & co. */
function codesIn(text: string): string[] {
  const found = new Set<string>()
  for (const m of text.matchAll(/\bcode:\s*'([A-Z][A-Z0-9_]+)'/g)) found.add(m[1]!)
  for (const m of text.matchAll(/new \w+Error\((?:[^()]|\([^()]*\))*?,\s*'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)',?\s*\)/g)) {
    found.add(m[1]!)
  }
  return [...found]
}

describe('docs/errors.md', () => {
  it('lists every error code used in src/', () => {
    const doc = readFileSync('docs/errors.md', 'utf8')
    const missing = sources('src')
      .flatMap((f) => codesIn(readFileSync(f, 'utf8')))
      .filter((code) => !doc.includes(`\`${code}\``))
    expect([...new Set(missing)].sort()).toEqual([])
  })
})
