/** @module Parity test: the tables in `docs/drivers.md` are what `docs.ts` renders. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DOC_BEGIN, DOC_END, renderDriversDocBlock } from './docs.js'

/** Ignore table padding, so the Markdown may be formatted by Prettier. */
function normalize(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.startsWith('|') ? l.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---') : l))
    .join('\n')
}

describe('docs/drivers.md', () => {
  it('holds the generated tables of the current catalog', () => {
    const doc = readFileSync(new URL('../../docs/drivers.md', import.meta.url), 'utf8')
    const start = doc.indexOf(DOC_BEGIN)
    const end = doc.indexOf(DOC_END)
    expect(start, 'generated block markers').toBeGreaterThanOrEqual(0)
    // On failure, paste the expected block into docs/drivers.md.
    expect(normalize(doc.slice(start, end + DOC_END.length))).toBe(
      normalize(renderDriversDocBlock()),
    )
  })
})
