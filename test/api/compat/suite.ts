/**
 * @module Runs replay steps as a vitest suite, in order, on each dialect under test, against a
 * fresh Anvil pinned to Ironic 21.4's maximum version (1.82).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, startTestAnvil, type TestAnvil } from '../../helpers/anvil.js'
import { replayState, replayStep, type ReplayState, type Step } from './replay.js'

/** Ironic 21.4's maximum microversion; `[DEFAULT]pin_release_version` makes Anvil's the same. */
export const IRONIC_21_4_MAX = '1.82'

/** One test per step; each passes when Anvil answers as recorded (or as the step says). */
export function replaySuite(title: string, steps: readonly Step[]): void {
  describe.each(dialects())(`${title} on %s`, (dialect) => {
    let t: TestAnvil
    let state: ReplayState
    beforeAll(async () => {
      t = await startTestAnvil(dialect, { DEFAULT: { pin_release_version: IRONIC_21_4_MAX } })
      state = replayState(t)
    })
    afterAll(async () => {
      await t.close()
    })
    for (const step of steps) {
      const test = step.todo === undefined ? it : it.fails
      const name = step.todo === undefined ? step.fixture : `${step.fixture} (todo: ${step.todo})`
      test(name, async () => {
        expect(await replayStep(step, state)).toEqual([])
      })
    }
  })
}
