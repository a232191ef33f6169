/** @module Parity test: `docs/states.md` is what `scripts/gen-states-doc.ts` generates. */
import { describe, expect, it } from 'vitest'
import { renderStatesDoc } from '../../scripts/gen-states-doc.js'
import { TRANSITIONS } from './state-machine.js'

describe('docs/states.md', () => {
  // Regenerate with `npx vitest run src/common/states-doc -u`.
  it('matches what scripts/gen-states-doc.ts generates', async () => {
    await expect(renderStatesDoc()).toMatchFileSnapshot('../../docs/states.md')
  })

  it('lists every transition in the diagram and in the table', () => {
    const doc = renderStatesDoc()
    for (const [from, event, to] of TRANSITIONS) {
      expect(doc).toContain(`| \`${from}\` | \`${event}\` | \`${to}\` |`)
    }
    expect(doc.match(/ --> /g)).toHaveLength(TRANSITIONS.length + 1)
  })
})
