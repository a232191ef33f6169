/** @module Cases every vendor interface must pass. */
import { describe, expect, it } from 'vitest'
import { memoryTask } from '../testing/memory-task.js'
import { describeRoutes } from '../vendor/types.js'
import { supportOf, type Subject } from './harness.js'

const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

/** Register the vendor cases for `subject`. */
export function vendorCases(subject: Subject<'vendor'>): void {
  describe('vendor contract', () => {
    it('declares every route with HTTP methods and a description', () => {
      const vendor = subject.create()
      for (const route of [
        ...Object.values(vendor.routes),
        ...Object.values(vendor.driverRoutes),
      ]) {
        expect(route.httpMethods.length).toBeGreaterThan(0)
        for (const m of route.httpMethods) expect(VERBS).toContain(m)
        expect(typeof route.description).toBe('string')
      }
    })

    it('describes node routes with the lock flag and driver routes without', () => {
      const vendor = subject.create()
      for (const info of Object.values(describeRoutes(vendor.routes))) {
        expect(info).toHaveProperty('require_exclusive_lock')
      }
      for (const info of Object.values(describeRoutes(vendor.driverRoutes))) {
        expect(info).not.toHaveProperty('require_exclusive_lock')
      }
    })

    it('has no routes when it refuses validation', async () => {
      const vendor = subject.create()
      if (!(await supportOf(vendor, memoryTask()))) expect(vendor.routes).toEqual({})
    })
  })
}
