/** @module `fake` vendor passthru: a few test methods that compare `bar` with a magic word. */
import { DONE, defineStep, waitFor } from '../steps.js'
import { MissingParameterValueError } from '../errors.js'
import type { Task } from '../types.js'
import { defineVendorRoute, type VendorCall, type VendorInterface } from './types.js'

const NEEDS_BAR: ReadonlySet<string> = new Set([
  'second_method',
  'third_method_sync',
  'fourth_method_shared_lock',
])

const isBar = (word: string) => async (_task: Task, call: VendorCall) => call.args['bar'] === word

/**
 * Fake vendor, like Ironic's `FakeVendorB` (the one registered as `fake`): passthru methods
 * answering whether `bar` is `kazoo`, `meow` (synchronous) or `woof` (shared lock), a
 * `log_passthrough` method that is also a clean (priority 1) and service step, and a
 * `trigger_servicewait` service step that waits.
 */
export class FakeVendor implements VendorInterface {
  readonly kind = 'vendor'
  readonly name = 'fake'
  readonly routes = {
    second_method: defineVendorRoute({
      httpMethods: ['POST'],
      description: 'Test if the value of bar is kazoo',
      run: isBar('kazoo'),
    }),
    third_method_sync: defineVendorRoute({
      httpMethods: ['POST'],
      async: false,
      description: 'Test if the value of bar is meow',
      run: isBar('meow'),
    }),
    fourth_method_shared_lock: defineVendorRoute({
      httpMethods: ['POST'],
      requireExclusiveLock: false,
      description: 'Test if the value of bar is woof',
      run: isBar('woof'),
    }),
    log_passthrough: defineVendorRoute({
      httpMethods: ['POST'],
      description: 'Test pass-through to wait.',
      run: async () => null,
    }),
  }
  readonly driverRoutes = {}
  readonly steps = [
    defineStep({
      name: 'log_passthrough',
      flows: { clean: { priority: 1 }, service: { priority: 0, requiresRamdisk: false } },
      run: async () => DONE,
    }),
    defineStep({
      name: 'trigger_servicewait',
      flows: ['service'],
      priority: 0,
      run: async () => waitFor('trigger_servicewait asked to wait'),
    }),
  ]

  properties(): Record<string, string> {
    return { B1: 'B1 description. Required.', B2: 'B2 description. Required.' }
  }

  async validate(_task: Task, call?: VendorCall): Promise<void> {
    if (call !== undefined && NEEDS_BAR.has(call.method) && !call.args['bar']) {
      throw new MissingParameterValueError(`Parameter 'bar' not passed to method '${call.method}'.`)
    }
  }
}
