/** @module The fake vendor passthru methods and steps. */
import { describe, expect, it } from 'vitest'
import { MissingParameterValueError } from '../errors.js'
import { stepDicts } from '../steps.js'
import { memoryTask } from '../testing/memory-task.js'
import { FakeVendor } from './fake.js'
import { describeRoutes, type VendorCall } from './types.js'

const call = (method: string, args: Record<string, unknown> = {}): VendorCall => ({
  method,
  httpMethod: 'POST',
  args,
})

describe('FakeVendor', () => {
  const vendor = new FakeVendor()
  const task = memoryTask()

  it.each([
    ['second_method', 'kazoo'],
    ['third_method_sync', 'meow'],
    ['fourth_method_shared_lock', 'woof'],
  ] as const)('answers whether bar is the magic word for %s', async (method, word) => {
    const route = vendor.routes[method]
    expect(await route.run(task, call(method, { bar: word }))).toBe(true)
    expect(await route.run(task, call(method, { bar: 'nope' }))).toBe(false)
  })

  it('requires bar for the comparing methods only', async () => {
    await expect(vendor.validate(task, call('second_method'))).rejects.toThrow(
      new MissingParameterValueError("Parameter 'bar' not passed to method 'second_method'."),
    )
    await expect(vendor.validate(task, call('log_passthrough'))).resolves.toBeUndefined()
    await expect(vendor.validate(task)).resolves.toBeUndefined()
  })

  it('describes its methods like Ironic', () => {
    expect(describeRoutes(vendor.routes)['third_method_sync']).toEqual({
      http_methods: ['POST'],
      async: false,
      description: 'Test if the value of bar is meow',
      attach: false,
      require_exclusive_lock: true,
    })
    expect(describeRoutes(vendor.routes)['fourth_method_shared_lock']).toMatchObject({
      async: true,
      require_exclusive_lock: false,
    })
  })

  it('offers log_passthrough as a clean and a service step', () => {
    expect(stepDicts(vendor, 'clean')).toEqual([
      {
        step: 'log_passthrough',
        priority: 1,
        interface: 'vendor',
        abortable: false,
        argsinfo: null,
        requires_ramdisk: true,
      },
    ])
    expect(stepDicts(vendor, 'service').map((s) => [s.step, s.requires_ramdisk])).toEqual([
      ['log_passthrough', false],
      ['trigger_servicewait', true],
    ])
  })
})
