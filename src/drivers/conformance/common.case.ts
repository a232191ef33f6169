/** @module Cases every implementation of every kind must pass. */
import { describe, expect, it } from 'vitest'
import { IronicError } from '../../common/errors.js'
import { STEP_FLOWS } from '../steps.js'
import { memoryTask } from '../testing/memory-task.js'
import type { InterfaceKind } from '../types.js'
import type { Subject } from './harness.js'

/** Register the shared cases for `subject`, an implementation of `kind`. */
export function commonCases<K extends InterfaceKind>(kind: K, subject: Subject<K>): void {
  describe('common contract', () => {
    it('carries its kind and registered name', () => {
      const iface = subject.create()
      expect(iface.kind).toBe(kind)
      expect(iface.name).toBe(subject.name)
    })

    it('describes driver properties as strings', () => {
      for (const [key, value] of Object.entries(subject.create().properties())) {
        expect(key).not.toBe('')
        expect(typeof value).toBe('string')
      }
    })

    it('declares steps with unique names per flow and integer priorities', () => {
      const steps = subject.create().steps ?? []
      for (const flow of STEP_FLOWS) {
        const names = steps.filter((s) => s.flows[flow] !== undefined).map((s) => s.name)
        expect(new Set(names).size).toBe(names.length)
      }
      for (const step of steps) {
        expect(step.name).toMatch(/^[a-z][a-z0-9_]*$/)
        for (const opts of Object.values(step.flows))
          expect(Number.isInteger(opts.priority)).toBe(true)
      }
    })

    it('validates a bare node or fails with an IronicError', async () => {
      const task = memoryTask()
      await subject
        .create()
        .validate(task)
        .catch((e: unknown) => expect(e).toBeInstanceOf(IronicError))
    })
  })
}
