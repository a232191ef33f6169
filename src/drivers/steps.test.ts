/** @module Step declaration and Ironic step dicts. */
import { describe, expect, it } from 'vitest'
import { InvalidParameterValueError } from '../common/errors.js'
import { DONE, defineStep, findStep, stepDicts, waitFor } from './steps.js'

const run = async () => DONE

describe('defineStep', () => {
  it('applies Ironic defaults per flow', () => {
    const step = defineStep({ name: 's', flows: ['clean', 'deploy'], priority: 5, run })
    expect(step.flows.clean).toEqual({ priority: 5, abortable: false, requiresRamdisk: true })
    expect(step.flows.deploy).toEqual({ priority: 5, abortable: true, requiresRamdisk: true })
    expect(step.argsinfo).toBeNull()
  })

  it('takes settings per flow', () => {
    const step = defineStep({
      name: 's',
      flows: { clean: { priority: 1 }, service: { priority: 0, requiresRamdisk: false } },
      run,
    })
    expect(step.flows.clean?.priority).toBe(1)
    expect(step.flows.service?.requiresRamdisk).toBe(false)
    expect(step.flows.deploy).toBeUndefined()
  })

  it.each([
    ['a negative deploy priority', { flows: ['deploy'] as const, priority: -1 }],
    ['a negative verify priority', { flows: ['verify'] as const, priority: -1 }],
    ['a fractional priority', { flows: ['clean'] as const, priority: 1.5 }],
    ['no flow', { flows: [] as const, priority: 1 }],
  ])('rejects %s', (_name, spec) => {
    expect(() => defineStep({ name: 's', run, ...spec })).toThrow(InvalidParameterValueError)
  })

  it('accepts a negative clean priority, as Ironic does', () => {
    expect(
      defineStep({ name: 's', flows: ['clean'], priority: -1, run }).flows.clean?.priority,
    ).toBe(-1)
  })
})

describe('stepDicts', () => {
  const iface = {
    kind: 'bios' as const,
    steps: [
      defineStep({
        name: 'apply',
        flows: ['clean', 'deploy', 'verify', 'service'],
        priority: 3,
        argsinfo: { settings: { description: 'd', required: true } },
        run: async () => waitFor('bmc job'),
      }),
    ],
  }

  it.each([
    ['clean', ['step', 'priority', 'interface', 'abortable', 'argsinfo', 'requires_ramdisk']],
    ['service', ['step', 'priority', 'interface', 'abortable', 'argsinfo', 'requires_ramdisk']],
    ['deploy', ['step', 'priority', 'interface', 'abortable', 'argsinfo']],
    ['verify', ['step', 'priority', 'interface']],
  ] as const)('shapes %s steps like Ironic', (flow, keys) => {
    const [dict] = stepDicts(iface, flow)
    expect(Object.keys(dict ?? {}).sort()).toEqual([...keys].sort())
    expect(dict).toMatchObject({ step: 'apply', priority: 3, interface: 'bios' })
  })

  it('finds a step by flow and name', async () => {
    expect(findStep(iface, 'clean', 'apply')?.name).toBe('apply')
    expect(findStep(iface, 'clean', 'other')).toBeUndefined()
    expect(findStep({}, 'clean', 'apply')).toBeUndefined()
  })
})
