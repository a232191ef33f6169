/** @module Tests of the provision state table and its engine. */
import { describe, expect, it } from 'vitest'
import { IronicError, NodeLockedError, NotAcceptableError } from './errors.js'
import {
  InvalidStateError,
  InvalidStateRequestedError,
  STATES,
  TRANSITIONS,
  canProcess,
  checkProvisionAction,
  eventsFrom,
  isProvisionState,
  isStable,
  nextState,
  targetOf,
  verbToEvent,
  type ProvisionState,
} from './state-machine.js'
import { FAILURE_STATES, STUCK_STATES_TREATED_AS_FAIL, UNSTABLE_STATES } from './states.js'

const ALL = Object.keys(STATES) as ProvisionState[]
const UUID = '1be26c0b-03f2-4d2e-ae87-c02d7f33c123'

function reachable(from: ProvisionState): Set<ProvisionState> {
  const seen = new Set<ProvisionState>([from])
  for (const state of seen) {
    for (const [f, , to] of TRANSITIONS) if (f === state) seen.add(to)
  }
  return seen
}

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected a throw')
}

describe('TRANSITIONS', () => {
  it('has Ironic 30 states and 93 transitions', () => {
    expect(ALL).toHaveLength(30)
    expect(TRANSITIONS).toHaveLength(93)
  })

  it('has at most one destination per (state, event)', () => {
    const keys = TRANSITIONS.map(([from, event]) => `${from}|${event}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('only uses states from STATES', () => {
    for (const [from, , to] of TRANSITIONS) {
      expect(isProvisionState(from) && isProvisionState(to)).toBe(true)
    }
  })

  it.each(ALL)('reaches %j from enroll', (state) => {
    expect(reachable('enroll').has(state)).toBe(true)
  })

  it.each(ALL)('can get from %j back to available', (state) => {
    expect(reachable(state).has('available')).toBe(true)
  })

  it.each([...UNSTABLE_STATES])('leaves in-progress state %j on fail', (state) => {
    expect(canProcess(state, 'fail')).toBe(true)
  })

  it.each([...STUCK_STATES_TREATED_AS_FAIL])('can fail stuck state %j on takeover', (state) => {
    expect(canProcess(state, 'fail')).toBe(true)
  })

  it.each(['deploy hold', 'clean hold', 'service hold'])('leaves hold %j on abort', (state) => {
    expect(canProcess(state, 'abort')).toBe(true)
  })

  it('lacks fail and abort exits only in failure states (but service failed)', () => {
    const noExit = ALL.filter(
      (s) => !isStable(s) && !canProcess(s, 'fail') && !canProcess(s, 'abort'),
    )
    expect(noExit).toEqual([
      'deploy failed',
      'clean failed',
      'inspect failed',
      'adopt failed',
      'rescue failed',
      'unrescue failed',
    ])
    expect(noExit.every((s) => FAILURE_STATES.has(s))).toBe(true)
    expect(eventsFrom('service failed')).toContain('abort')
  })

  it.each(ALL)('offers at least one event in %j', (state) => {
    expect(eventsFrom(state).length).toBeGreaterThan(0)
  })
})

describe('STATES', () => {
  it.each(ALL)('gives %j a target exactly when it is unstable, and the target is stable', (s) => {
    const target = targetOf(s)
    if (isStable(s)) expect(target).toBeNull()
    else expect(target !== null && isStable(target)).toBe(true)
  })

  it.each([
    ['verifying', 'manageable'],
    ['inspect wait', 'manageable'],
    ['wait call-back', 'active'],
    ['adopt failed', 'active'],
    ['unrescue failed', 'active'],
    ['service hold', 'active'],
    ['clean hold', 'available'],
    ['deleting', 'available'],
    ['rescue wait', 'rescue'],
    ['rescue failed', 'rescue'],
  ])('aims %j at %j', (state, target) => {
    expect(targetOf(state)).toBe(target)
  })

  it('throws InvalidStateError for a state it does not know', () => {
    expect(() => isStable('nope')).toThrow("State 'nope' does not exist")
    expect(() => targetOf('nope')).toThrow(InvalidStateError)
    expect(eventsFrom('nope')).toEqual([])
    expect(isProvisionState('toString')).toBe(false)
  })
})

describe('nextState', () => {
  it.each([
    ['moves deploying to deploy failed on fail', 'deploying', 'fail', 'deploy failed', 'active'],
    ['starts a deploy from available', 'available', 'deploy', 'deploying', 'active'],
    ['finishes a deploy', 'deploying', 'done', 'active', null],
    ['waits for the agent', 'deploying', 'wait', 'wait call-back', 'active'],
    ['aborts a deploy hold', 'deploy hold', 'abort', 'deploy failed', 'active'],
    ['unholds a deploy to wait call-back', 'deploy hold', 'unhold', 'wait call-back', 'active'],
    ['rebuilds an errored node', 'error', 'rebuild', 'deploying', 'active'],
    ['tears down from wait call-back', 'wait call-back', 'delete', 'deleting', 'available'],
    ['cleans after deleting', 'deleting', 'clean', 'cleaning', 'available'],
    ['moves a failed teardown to error', 'deleting', 'fail', 'error', null],
    ['ends a manual clean in manageable', 'cleaning', 'manage', 'manageable', null],
    ['rolls a failed verification back to enroll', 'verifying', 'fail', 'enroll', null],
    ['finishes async inspection', 'inspect wait', 'done', 'manageable', null],
    ['rescues a failed service', 'service failed', 'rescue', 'rescuing', 'rescue'],
    ['returns an aborted failed service to active', 'service failed', 'abort', 'active', null],
    ['restarts service steps from a hold', 'service hold', 'service', 'servicing', 'active'],
  ] as const)('%s', (_name, from, event, state, target) => {
    expect(nextState(from, event)).toEqual({ state, target })
  })

  it('keeps an explicit stable target, as manual cleaning does', () => {
    expect(nextState('cleaning', 'wait', 'manageable')).toEqual({
      state: 'clean wait',
      target: 'manageable',
    })
    expect(nextState('cleaning', 'done', 'manageable').target).toBeNull()
  })

  it.each([
    ['available', 'delete'],
    ['enroll', 'deploy'],
    ['clean failed', 'provide'],
    ['deploy hold', 'fail'],
    ['active', 'deploy'],
    ['inspect wait', 'delete'],
  ] as const)('refuses %j on %j with a 409', (from, event) => {
    const err = thrown(() => nextState(from, event))
    expect(err).toBeInstanceOf(InvalidStateError)
    expect(err).toBeInstanceOf(IronicError)
    expect(err).toMatchObject({
      status: 409,
      code: 'INVALID_STATE',
      message:
        `Can not transition from state '${from}' on event '${event}' ` + '(no defined transition)',
    })
  })

  it('refuses an unknown state and a bad target', () => {
    expect(() => nextState('nope', 'done')).toThrow("Can not start from a undefined state 'nope'")
    expect(() => nextState('cleaning', 'wait', 'nope')).toThrow(
      "Target state 'nope' does not exist",
    )
    expect(() => nextState('cleaning', 'wait', 'deploying')).toThrow(
      "Target state 'deploying' is not a 'stable' state",
    )
  })
})

describe('verbToEvent', () => {
  it.each([
    ['active', 1, 'deploy'],
    ['rebuild', 1, 'rebuild'],
    ['deleted', 1, 'delete'],
    ['undeploy', 1, 'delete'],
    ['deploy', 73, 'deploy'],
    ['manage', 4, 'manage'],
    ['provide', 4, 'provide'],
    ['inspect', 6, 'inspect'],
    ['abort', 13, 'abort'],
    ['clean', 15, 'clean'],
    ['adopt', 17, 'adopt'],
    ['rescue', 38, 'rescue'],
    ['unrescue', 38, 'unrescue'],
    ['unhold', 85, 'unhold'],
    ['service', 87, 'service'],
  ])('maps %j at 1.%i to %j', (verb, minor, event) => {
    expect(verbToEvent(verb, minor)).toBe(event)
  })

  it.each([
    ['manage', 3],
    ['inspect', 5],
    ['abort', 12],
    ['clean', 14],
    ['adopt', 16],
    ['rescue', 37],
    ['deploy', 72],
    ['delete', 72],
    ['unhold', 84],
    ['service', 86],
  ])('refuses %j at 1.%i with a 406', (verb, minor) => {
    const err = thrown(() => verbToEvent(verb, minor))
    expect(err).toBeInstanceOf(NotAcceptableError)
    expect(err).toMatchObject({ status: 406, message: 'Request not acceptable.' })
  })

  it.each(['fail', 'done', 'delete', 'bogus', 'constructor'])('does not understand %j', (verb) => {
    const err = thrown(() => verbToEvent(verb, 999))
    expect(err).toBeInstanceOf(InvalidStateRequestedError)
    expect(err).toMatchObject({
      status: 400,
      code: 'INVALID_STATE_REQUESTED',
      message: `The requested action "${verb}" could not be understood.`,
    })
  })
})

describe('checkProvisionAction', () => {
  const node = (provision_state: string, reservation: string | null = null) => ({
    uuid: UUID,
    provision_state,
    reservation,
  })

  it.each([
    ['deploys an available node', 'available', 'active', 1, 'deploy', 'deploying', 'active'],
    ['retries a failed deploy', 'deploy failed', 'rebuild', 1, 'rebuild', 'deploying', 'active'],
    ['undeploys at 1.1', 'active', 'undeploy', 1, 'delete', 'deleting', 'available'],
    ['provides a manageable node', 'manageable', 'provide', 4, 'provide', 'cleaning', 'available'],
    ['aborts clean wait', 'clean wait', 'abort', 13, 'abort', 'clean failed', 'available'],
    ['aborts inspect wait', 'inspect wait', 'abort', 41, 'abort', 'inspect failed', 'manageable'],
    ['aborts wait call-back', 'wait call-back', 'abort', 110, 'abort', 'deploy failed', 'active'],
    ['unholds a clean hold', 'clean hold', 'unhold', 85, 'unhold', 'clean wait', 'available'],
  ] as const)('%s', (_name, state, verb, minor, event, to, target) => {
    expect(checkProvisionAction(node(state), verb, minor)).toEqual({ event, state: to, target })
  })

  it('answers Ironic InvalidStateRequested (400) for a verb the state does not allow', () => {
    const err = thrown(() => checkProvisionAction(node('available'), 'deleted', 1))
    expect(err).toBeInstanceOf(InvalidStateRequestedError)
    expect(err).toMatchObject({
      status: 400,
      message:
        `The requested action "deleted" can not be performed on node "${UUID}" ` +
        'while it is in state "available".',
    })
  })

  it.each([
    ['the verb is newer than the version, before the state', 'available', 'clean', 14, null, 406],
    ['the node is reserved and the state refuses', 'deploying', 'deleted', 1, 'host-1', 409],
    ['the node is reserved but the state allows', 'wait call-back', 'deleted', 1, 'host-1', null],
    ['unhold is too new but the state refuses first', 'available', 'unhold', 84, null, 400],
    ['unhold is too new and the state allows it', 'deploy hold', 'unhold', 84, null, 406],
    ['service is too new and the state allows it', 'active', 'service', 86, null, 406],
    ['abort of inspect wait is older than 1.41', 'inspect wait', 'abort', 40, null, 406],
    ['abort of wait call-back is older than 1.110', 'wait call-back', 'abort', 109, null, 406],
    ['an FSM-only event is asked for', 'deploying', 'fail', 999, null, 400],
    ['undeploy is asked for but no transition exists', 'available', 'undeploy', 1, null, 400],
  ])('answers when %s', (_name, state, verb, minor, reservation, status) => {
    const check = () => checkProvisionAction(node(state, reservation), verb, minor)
    if (status === null) return void expect(check).not.toThrow()
    const err = thrown(check)
    if (status === 409) expect(err).toBeInstanceOf(NodeLockedError)
    expect(err).toMatchObject({ status })
  })
})
