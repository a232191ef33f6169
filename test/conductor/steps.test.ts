import { describe, expect, it } from 'vitest'
import { memoryTask } from '../../src/drivers/testing/memory-task.js'
import { driverSteps, stepId } from '../../src/conductor/steps/driver-steps.js'
import { CLEANING_INTERFACE_PRIORITY, sortSteps } from '../../src/conductor/steps/priorities.js'
import { isReservedStep, runReservedStep } from '../../src/conductor/steps/reserved.js'
import { pyRepr } from '../../src/common/python-repr.js'
import { validateUserSteps } from '../../src/conductor/steps/validate.js'

describe('sortSteps', () => {
  it('orders by priority, then interface rank, keeping the order of ties', () => {
    const steps = [
      { interface: 'raid', step: 'a', priority: 10 },
      { interface: 'deploy', step: 'b', priority: 10 },
      { interface: 'bios', step: 'c', priority: 99 },
      { interface: 'deploy', step: 'd', priority: 10 },
      { interface: 'vendor', step: 'e', priority: 1 },
    ]
    expect(sortSteps(steps, CLEANING_INTERFACE_PRIORITY).map((s) => s.step)).toEqual([
      'c',
      'b',
      'd',
      'a',
      'e',
    ])
  })
})

describe('driverSteps', () => {
  it("lists a fake node's steps as Ironic's step dicts, enabled ones only when asked", () => {
    const task = memoryTask()
    const clean = driverSteps(task, 'clean')
    expect(clean.map(stepId)).toEqual([
      'vendor.log_passthrough',
      'firmware.update',
      'bios.apply_configuration',
      'bios.cache_bios_settings',
      'bios.factory_reset',
    ])
    expect(Object.keys(clean[0]!)).toEqual([
      'step',
      'priority',
      'abortable',
      'argsinfo',
      'interface',
      'requires_ramdisk',
    ])
    expect(driverSteps(task, 'clean', { enabled: true, sort: true }).map(stepId)).toEqual([
      'vendor.log_passthrough',
    ])
    expect(driverSteps(task, 'deploy', { enabled: true })).toEqual([
      { step: 'deploy', priority: 100, abortable: true, argsinfo: null, interface: 'deploy' },
    ])
  })
})

describe('validateUserSteps', () => {
  const task = memoryTask()

  it('gives clean steps the driver priority and abortable flag', () => {
    const steps = validateUserSteps(task, [{ interface: 'bios', step: 'factory_reset' }], 'clean')
    expect(steps).toEqual([
      { interface: 'bios', step: 'factory_reset', abortable: false, priority: 0 },
    ])
  })

  it.each([
    [
      'an unknown step',
      [{ interface: 'bios', step: 'nope' }],
      'clean',
      {},
      "node does not support this clean step: {'interface': 'bios', 'step': 'nope'}",
    ],
    [
      'unexpected arguments',
      [{ interface: 'bios', step: 'factory_reset', args: { x: 1 } }],
      'clean',
      {},
      "clean step {'interface': 'bios', 'step': 'factory_reset', 'args': {'x': 1}} has these unexpected arguments: x",
    ],
    [
      'missing arguments',
      [{ interface: 'bios', step: 'apply_configuration' }],
      'clean',
      {},
      "clean step {'interface': 'bios', 'step': 'apply_configuration'} is missing these required arguments: settings " +
        '(List of BIOS settings, each item needs to contain a dictionary with name/value pairs)',
    ],
    [
      'a ramdisk step without the ramdisk',
      [{ interface: 'bios', step: 'factory_reset' }],
      'clean',
      { disableRamdisk: true },
      "clean step {'interface': 'bios', 'step': 'factory_reset'} requires booting a ramdisk",
    ],
    [
      'an overridden core step',
      [{ interface: 'deploy', step: 'deploy', args: {}, priority: 5 }],
      'deploy',
      { errorPrefix: 'P: ' },
      'P: deploy step deploy on interface deploy is a core step and cannot be overridden by user steps. It may be disabled by setting the priority to 0',
    ],
  ] as const)('refuses %s', (_name, steps, flow, opts, message) => {
    expect(() => validateUserSteps(task, steps, flow, opts)).toThrow(message)
  })

  it('keeps reserved steps, lets hold and wait be aborted, drops child-node steps, skips unknown steps on demand', () => {
    const steps = validateUserSteps(
      task,
      [
        { interface: 'deploy', step: 'hold' },
        { interface: 'power', step: 'reboot' },
        { interface: 'bios', step: 'later' },
        { interface: 'bios', step: 'x', execute_on_child_nodes: true },
      ],
      'clean',
      { skipMissing: true },
    )
    expect(steps).toEqual([
      { interface: 'deploy', step: 'hold', abortable: true },
      { interface: 'power', step: 'reboot' },
    ])
  })
})

describe('reserved steps', () => {
  it('recognises and runs them through the hooks', async () => {
    expect(isReservedStep({ step: 'power_off' })).toBe(true)
    expect(isReservedStep({ step: 'erase_devices' })).toBe(false)
    const calls: string[] = []
    const hooks = {
      hold: async () => void calls.push('hold'),
      wait: async () => void calls.push('wait'),
      power: async (target: string) => void calls.push(target),
      maxWaitSeconds: 0,
    }
    expect(await runReservedStep({ step: 'reboot' }, hooks)).toBe('used')
    expect(await runReservedStep({ step: 'hold' }, hooks)).toBe('exit')
    expect(await runReservedStep({ step: 'wait' }, hooks)).toBe('exit')
    expect(await runReservedStep({ step: 'wait', args: { seconds: 5 } }, hooks)).toBe('used')
    expect(await runReservedStep({ step: 'other' }, hooks)).toBe('none')
    expect(calls).toEqual(['rebooting', 'hold', 'wait'])
  })
})

describe('pyRepr', () => {
  it('prints JSON as Python would', () => {
    expect(pyRepr({ a: [true, null, 1.5, "it's"], b: 'x' })).toBe(
      `{'a': [True, None, 1.5, "it's"], 'b': 'x'}`,
    )
  })
})
