/** @module Tests that the state strings and sets are byte-for-byte Ironic's `states.py`. */
import { describe, expect, it } from 'vitest'
import { STATES, isStable } from './state-machine.js'
import {
  ALLOWED_TARGET_POWER_STATES,
  ALL_STATES,
  AllocationState,
  DELETE_ALLOWED_STATES,
  FAILURE_STATES,
  FASTTRACK_LOOKUP_ALLOWED_STATES,
  HistoryEventType,
  INSPECTION_STATES,
  LOOKUP_ALLOWED_STATES,
  MIN_ABORT_MINOR,
  MIN_VERB_MINOR,
  MIN_VERB_MINOR_AFTER_STATE_CHECK,
  NOSTATE,
  PowerState,
  ProvisionState,
  ProvisionTarget,
  SERVICING_STATES,
  STABLE_STATES,
  STUCK_STATES_TREATED_AS_FAIL,
  UNSTABLE_STATES,
  UPDATE_ALLOWED_STATES,
  VERBS,
} from './states.js'

describe('ProvisionState', () => {
  it.each([
    ['Enroll', 'enroll'],
    ['Verifying', 'verifying'],
    ['Manageable', 'manageable'],
    ['Available', 'available'],
    ['Active', 'active'],
    ['Deploying', 'deploying'],
    ['DeployWait', 'wait call-back'],
    ['DeployFail', 'deploy failed'],
    ['DeployHold', 'deploy hold'],
    ['Deleting', 'deleting'],
    ['Cleaning', 'cleaning'],
    ['CleanWait', 'clean wait'],
    ['CleanFail', 'clean failed'],
    ['CleanHold', 'clean hold'],
    ['Error', 'error'],
    ['Inspecting', 'inspecting'],
    ['InspectWait', 'inspect wait'],
    ['InspectFail', 'inspect failed'],
    ['Adopting', 'adopting'],
    ['AdoptFail', 'adopt failed'],
    ['Rescuing', 'rescuing'],
    ['RescueWait', 'rescue wait'],
    ['RescueFail', 'rescue failed'],
    ['Rescue', 'rescue'],
    ['Unrescuing', 'unrescuing'],
    ['UnrescueFail', 'unrescue failed'],
    ['Servicing', 'servicing'],
    ['ServiceWait', 'service wait'],
    ['ServiceFail', 'service failed'],
    ['ServiceHold', 'service hold'],
  ] as const)('names %s the wire string %j', (name, value) => {
    expect(ProvisionState[name]).toBe(value)
  })

  it('has exactly the states of the machine', () => {
    expect(Object.values(ProvisionState).sort()).toEqual(Object.keys(STATES).sort())
  })

  it('names the non-state targets as Ironic does', () => {
    expect(ProvisionTarget).toEqual({
      Deploy: 'deploy',
      DeployDone: 'deploy complete',
      Deleted: 'deleted',
      Undeploy: 'undeploy',
      Rebuild: 'rebuild',
      Service: 'service',
    })
    expect(NOSTATE).toBeNull()
  })
})

describe('VERBS', () => {
  it('maps each API target to its event, as Ironic does', () => {
    expect(VERBS).toEqual({
      active: 'deploy',
      deploy: 'deploy',
      deleted: 'delete',
      undeploy: 'delete',
      manage: 'manage',
      provide: 'provide',
      inspect: 'inspect',
      abort: 'abort',
      clean: 'clean',
      adopt: 'adopt',
      rescue: 'rescue',
      unrescue: 'unrescue',
      unhold: 'unhold',
      service: 'service',
    })
  })

  it.each([
    ['manage', 4],
    ['provide', 4],
    ['inspect', 6],
    ['abort', 13],
    ['clean', 15],
    ['adopt', 17],
    ['rescue', 38],
    ['unrescue', 38],
    ['deploy', 73],
    ['delete', 73],
  ])('gates %s at 1.%i before the state check', (verb, minor) => {
    expect(MIN_VERB_MINOR[verb]).toBe(minor)
  })

  it('gates unhold at 1.85 and service at 1.87 after the state check', () => {
    expect(MIN_VERB_MINOR_AFTER_STATE_CHECK).toEqual({ unhold: 85, service: 87 })
  })

  it('does not gate active, deleted, rebuild nor undeploy (Ironic keys the gate by event)', () => {
    for (const verb of ['active', 'deleted', 'rebuild', 'undeploy']) {
      expect(Object.hasOwn(MIN_VERB_MINOR, verb)).toBe(false)
    }
  })

  it('gates abort from inspect wait at 1.41 and from wait call-back at 1.110', () => {
    expect(MIN_ABORT_MINOR).toEqual({ 'inspect wait': 41, 'wait call-back': 110 })
  })
})

describe('state sets', () => {
  it.each([
    [
      'STABLE_STATES',
      STABLE_STATES,
      ['enroll', 'manageable', 'available', 'active', 'error', 'rescue'],
    ],
    ['DELETE_ALLOWED_STATES', DELETE_ALLOWED_STATES, ['manageable', 'enroll', 'adopt failed']],
    ['INSPECTION_STATES', INSPECTION_STATES, ['inspecting', 'inspect wait', 'inspect failed']],
    [
      'SERVICING_STATES',
      SERVICING_STATES,
      ['servicing', 'service wait', 'service failed', 'service hold'],
    ],
    [
      'UPDATE_ALLOWED_STATES',
      UPDATE_ALLOWED_STATES,
      [
        'deploy failed',
        'inspecting',
        'inspect failed',
        'inspect wait',
        'clean failed',
        'error',
        'verifying',
        'adopt failed',
        'rescue failed',
        'unrescue failed',
        'service',
        'service hold',
        'service failed',
      ],
    ],
    [
      'UNSTABLE_STATES',
      UNSTABLE_STATES,
      [
        'deploying',
        'wait call-back',
        'cleaning',
        'clean wait',
        'verifying',
        'deleting',
        'inspecting',
        'inspect wait',
        'adopting',
        'rescuing',
        'rescue wait',
        'unrescuing',
        'servicing',
        'service wait',
      ],
    ],
    [
      'STUCK_STATES_TREATED_AS_FAIL',
      STUCK_STATES_TREATED_AS_FAIL,
      [
        'deploying',
        'cleaning',
        'verifying',
        'inspecting',
        'adopting',
        'rescuing',
        'unrescuing',
        'deleting',
        'servicing',
      ],
    ],
    [
      'LOOKUP_ALLOWED_STATES',
      LOOKUP_ALLOWED_STATES,
      [
        'deploying',
        'wait call-back',
        'cleaning',
        'clean wait',
        'inspecting',
        'inspect wait',
        'rescuing',
        'rescue wait',
        'service wait',
      ],
    ],
    [
      'FASTTRACK_LOOKUP_ALLOWED_STATES',
      FASTTRACK_LOOKUP_ALLOWED_STATES,
      [
        'enroll',
        'manageable',
        'available',
        'deploying',
        'wait call-back',
        'cleaning',
        'clean wait',
        'inspecting',
        'inspect wait',
        'rescuing',
        'rescue wait',
        'servicing',
        'service wait',
        'service hold',
      ],
    ],
    [
      'FAILURE_STATES',
      FAILURE_STATES,
      [
        'deploy failed',
        'clean failed',
        'inspect failed',
        'rescue failed',
        'unrescue failed',
        'adopt failed',
        'service failed',
      ],
    ],
  ])('%s holds exactly Ironic members', (_name, set, members) => {
    expect([...set]).toEqual(members)
  })

  it('accepts any string in has()', () => {
    const column: string = 'wait call-back'
    expect(LOOKUP_ALLOWED_STATES.has(column)).toBe(true)
    expect(LOOKUP_ALLOWED_STATES.has('nonsense')).toBe(false)
  })

  it('keeps Ironic listing the verb "service" (not a state) as update-allowed', () => {
    expect(UPDATE_ALLOWED_STATES.has('service')).toBe(true)
    expect(Object.hasOwn(STATES, 'service')).toBe(false)
    expect(UPDATE_ALLOWED_STATES.has('servicing')).toBe(false)
  })

  it('agrees with STATES on which states are stable', () => {
    const stable = Object.keys(STATES).filter((s) => isStable(s))
    expect(stable).toEqual([...STABLE_STATES])
  })

  it('lists no stable state as unstable or failed', () => {
    for (const s of [...UNSTABLE_STATES, ...FAILURE_STATES, ...STUCK_STATES_TREATED_AS_FAIL]) {
      expect(isStable(s)).toBe(false)
    }
  })

  it('has every state of the machine plus "deleted" and "deploy complete" in ALL_STATES', () => {
    expect([...ALL_STATES].sort()).toEqual(
      [...Object.keys(STATES), 'deleted', 'deploy complete'].sort(),
    )
  })
})

describe('PowerState', () => {
  it('has Ironic strings', () => {
    expect(PowerState).toEqual({
      On: 'power on',
      Off: 'power off',
      Rebooting: 'rebooting',
      SoftRebooting: 'soft rebooting',
      SoftPowerOff: 'soft power off',
      Error: 'error',
    })
  })

  it('allows every power state but error as an API target', () => {
    expect([...ALLOWED_TARGET_POWER_STATES]).toEqual(
      Object.values(PowerState).filter((s) => s !== 'error'),
    )
  })
})

describe('other states', () => {
  it('has Ironic allocation states', () => {
    expect(Object.values(AllocationState)).toEqual(['allocating', 'active', 'error'])
  })

  it('has Ironic history event types', () => {
    expect(Object.values(HistoryEventType)).toEqual([
      'provisioning',
      'takeover',
      'introspection',
      'conductor',
      'transition',
      'startup failure',
      'unprovision',
      'adoption',
      'console',
      'monitoring',
      'verify',
    ])
  })
})
