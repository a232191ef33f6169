/** @module The provision state machine as one table, and the engine that walks it. */
import { IronicError, NodeLockedError, NotAcceptableError } from './errors.js'
import {
  MIN_ABORT_MINOR,
  MIN_VERB_MINOR,
  MIN_VERB_MINOR_AFTER_STATE_CHECK,
  VERBS,
  type ProvisionVerb,
} from './states.js'

/** What `STATES` knows of a state: stable (waits for a request) or the stable state it aims at. */
export type StateInfo =
  | { readonly stable: true }
  | { readonly stable: false; readonly target: string }

/** Every state of the machine (`add_state` in Ironic's `common/state_machine.py`). */
export const STATES = {
  enroll: { stable: true },
  manageable: { stable: true },
  available: { stable: true },
  active: { stable: true },
  error: { stable: true },
  rescue: { stable: true },
  verifying: { stable: false, target: 'manageable' },
  deploying: { stable: false, target: 'active' },
  'wait call-back': { stable: false, target: 'active' },
  'deploy failed': { stable: false, target: 'active' },
  'deploy hold': { stable: false, target: 'active' },
  cleaning: { stable: false, target: 'available' },
  'clean wait': { stable: false, target: 'available' },
  'clean failed': { stable: false, target: 'available' },
  'clean hold': { stable: false, target: 'available' },
  deleting: { stable: false, target: 'available' },
  inspecting: { stable: false, target: 'manageable' },
  'inspect failed': { stable: false, target: 'manageable' },
  'inspect wait': { stable: false, target: 'manageable' },
  adopting: { stable: false, target: 'active' },
  'adopt failed': { stable: false, target: 'active' },
  rescuing: { stable: false, target: 'rescue' },
  'rescue wait': { stable: false, target: 'rescue' },
  'rescue failed': { stable: false, target: 'rescue' },
  unrescuing: { stable: false, target: 'active' },
  'unrescue failed': { stable: false, target: 'active' },
  servicing: { stable: false, target: 'active' },
  'service wait': { stable: false, target: 'active' },
  'service failed': { stable: false, target: 'active' },
  'service hold': { stable: false, target: 'active' },
} as const satisfies Record<string, StateInfo>

/** A provision state of the machine. */
export type ProvisionState = keyof typeof STATES

/** One edge: in state `from`, event `event` moves the node to `to`. */
export type Transition = readonly [from: ProvisionState, event: string, to: ProvisionState]

/** Every transition, exactly Ironic's 93 `add_transition` calls, grouped by `from`. */
export const TRANSITIONS = [
  // [from, event, to]
  ['enroll', 'manage', 'verifying'], // verify power credentials
  ['verifying', 'done', 'manageable'],
  ['verifying', 'fail', 'enroll'], // last_error is set
  ['manageable', 'provide', 'cleaning'], // automated cleaning, then available
  ['manageable', 'clean', 'cleaning'], // manual cleaning, back to manageable
  ['manageable', 'inspect', 'inspecting'],
  ['manageable', 'adopt', 'adopting'],
  ['available', 'deploy', 'deploying'],
  ['available', 'manage', 'manageable'],
  ['deploying', 'fail', 'deploy failed'],
  ['deploying', 'wait', 'wait call-back'],
  ['deploying', 'hold', 'deploy hold'],
  ['deploying', 'done', 'active'],
  ['wait call-back', 'hold', 'deploy hold'],
  ['wait call-back', 'resume', 'deploying'],
  ['wait call-back', 'fail', 'deploy failed'], // callback timeout
  ['wait call-back', 'abort', 'deploy failed'],
  ['wait call-back', 'delete', 'deleting'],
  ['deploy hold', 'unhold', 'wait call-back'],
  ['deploy hold', 'abort', 'deploy failed'],
  ['deploy failed', 'rebuild', 'deploying'],
  ['deploy failed', 'deploy', 'deploying'], // Juno: "active" retries a failed deploy
  ['deploy failed', 'delete', 'deleting'],
  ['active', 'rebuild', 'deploying'],
  ['active', 'delete', 'deleting'],
  ['active', 'rescue', 'rescuing'],
  ['active', 'service', 'servicing'],
  ['deleting', 'fail', 'error'],
  ['deleting', 'clean', 'cleaning'],
  ['cleaning', 'done', 'available'],
  ['cleaning', 'fail', 'clean failed'],
  ['cleaning', 'wait', 'clean wait'],
  ['cleaning', 'hold', 'clean hold'],
  ['cleaning', 'manage', 'manageable'], // manual cleaning done
  ['clean wait', 'fail', 'clean failed'],
  ['clean wait', 'abort', 'clean failed'],
  ['clean wait', 'hold', 'clean hold'],
  ['clean wait', 'resume', 'cleaning'],
  ['clean hold', 'abort', 'clean failed'],
  ['clean hold', 'unhold', 'clean wait'],
  ['clean failed', 'manage', 'manageable'],
  ['error', 'rebuild', 'deploying'],
  ['error', 'delete', 'deleting'],
  ['inspecting', 'done', 'manageable'],
  ['inspecting', 'fail', 'inspect failed'],
  ['inspecting', 'wait', 'inspect wait'], // asynchronous inspection
  ['inspect wait', 'done', 'manageable'],
  ['inspect wait', 'fail', 'inspect failed'],
  ['inspect wait', 'abort', 'inspect failed'],
  ['inspect wait', 'resume', 'inspecting'],
  ['inspect failed', 'manage', 'manageable'],
  ['inspect failed', 'inspect', 'inspecting'],
  ['rescuing', 'done', 'rescue'],
  ['rescuing', 'wait', 'rescue wait'],
  ['rescuing', 'fail', 'rescue failed'],
  ['rescue wait', 'resume', 'rescuing'],
  ['rescue wait', 'fail', 'rescue failed'],
  ['rescue wait', 'abort', 'rescue failed'],
  ['rescue wait', 'delete', 'deleting'],
  ['rescue', 'rescue', 'rescuing'],
  ['rescue', 'delete', 'deleting'],
  ['rescue', 'unrescue', 'unrescuing'],
  ['rescue failed', 'rescue', 'rescuing'],
  ['rescue failed', 'unrescue', 'unrescuing'],
  ['rescue failed', 'delete', 'deleting'],
  ['unrescuing', 'done', 'active'],
  ['unrescuing', 'fail', 'unrescue failed'],
  ['unrescue failed', 'rescue', 'rescuing'],
  ['unrescue failed', 'unrescue', 'unrescuing'],
  ['unrescue failed', 'delete', 'deleting'],
  ['adopting', 'done', 'active'],
  ['adopting', 'fail', 'adopt failed'],
  ['adopt failed', 'adopt', 'adopting'],
  ['adopt failed', 'manage', 'manageable'],
  ['servicing', 'done', 'active'],
  ['servicing', 'fail', 'service failed'],
  ['servicing', 'wait', 'service wait'],
  ['servicing', 'hold', 'service hold'],
  ['service wait', 'hold', 'service hold'],
  ['service wait', 'resume', 'servicing'],
  ['service wait', 'fail', 'service failed'],
  ['service wait', 'abort', 'service failed'],
  ['service wait', 'delete', 'deleting'],
  ['service hold', 'service', 'servicing'], // more service steps
  ['service hold', 'unhold', 'service wait'],
  ['service hold', 'fail', 'service failed'],
  ['service hold', 'abort', 'service failed'],
  ['service failed', 'service', 'servicing'],
  ['service failed', 'rescue', 'rescuing'],
  ['service failed', 'wait', 'service wait'],
  ['service failed', 'hold', 'service hold'],
  ['service failed', 'delete', 'deleting'],
  ['service failed', 'abort', 'active'], // back to active, no changes
] as const satisfies readonly Transition[]

/** An event of the machine. */
export type ProvisionEvent = (typeof TRANSITIONS)[number][1]

/** The result of an event: the new `provision_state` and `target_provision_state`. */
export interface StateChange {
  readonly state: ProvisionState
  readonly target: ProvisionState | null
}

/** 409: the machine has no such state, or no transition for this event (Ironic `InvalidState`). */
export class InvalidStateError extends IronicError {
  constructor(message: string) {
    super(message, { code: 'INVALID_STATE', status: 409 })
  }
}

/**
 * 400: the API was asked for a provision action the node's state does not allow, or one it does
 * not understand (Ironic `InvalidStateRequested`).
 */
export class InvalidStateRequestedError extends IronicError {
  constructor(action: string, node?: { uuid: string; state: string | null }) {
    const message = node
      ? `The requested action "${action}" can not be performed on node "${node.uuid}" ` +
        `while it is in state "${node.state ?? 'None'}".`
      : `The requested action "${action}" could not be understood.`
    super(message, { code: 'INVALID_STATE_REQUESTED', status: 400 })
  }
}

const EDGES = new Map<string, Map<string, ProvisionState>>()
for (const [from, event, to] of TRANSITIONS) {
  EDGES.set(from, (EDGES.get(from) ?? new Map<string, ProvisionState>()).set(event, to))
}

/** Whether `value` is a state of the machine. */
export function isProvisionState(value: unknown): value is ProvisionState {
  return typeof value === 'string' && Object.hasOwn(STATES, value)
}

function known(state: string): ProvisionState {
  if (!isProvisionState(state)) throw new InvalidStateError(`State '${state}' does not exist`)
  return state
}

/** Whether `state` waits for a request. Throws {@link InvalidStateError} for an unknown state. */
export function isStable(state: string): boolean {
  return STATES[known(state)].stable
}

/** The stable state `state` aims at, or `null` for a stable state. Throws for an unknown state. */
export function targetOf(state: string): ProvisionState | null {
  const info: StateInfo = STATES[known(state)]
  return info.stable ? null : (info.target as ProvisionState)
}

/** The events allowed in `state`, in table order; none for an unknown state. */
export function eventsFrom(state: string): readonly ProvisionEvent[] {
  return [...(EDGES.get(state)?.keys() ?? [])] as ProvisionEvent[]
}

/** Whether `event` is allowed in `state` (Ironic `is_actionable_event`). */
export function canProcess(state: string, event: string): boolean {
  return EDGES.get(state)?.has(event) ?? false
}

/**
 * Apply `event` in state `from`, as Ironic's `TaskManager.process_event` does. A stable new state
 * gets no target; otherwise the target is `target` if given (it must be stable, e.g. `manageable`
 * for manual cleaning) or the new state's default.
 *
 * @throws InvalidStateError (409) for an unknown state or target, or a missing transition.
 * @example nextState('deploying', 'fail') // { state: 'deploy failed', target: 'active' }
 */
export function nextState(from: string, event: ProvisionEvent, target?: string): StateChange {
  const to = EDGES.get(from)?.get(event)
  if (to === undefined) {
    if (!isProvisionState(from)) {
      throw new InvalidStateError(`Can not start from a undefined state '${from}'`)
    }
    throw new InvalidStateError(
      `Can not transition from state '${from}' on event '${event}' (no defined transition)`,
    )
  }
  if (target !== undefined && !isProvisionState(target)) {
    throw new InvalidStateError(`Target state '${target}' does not exist`)
  }
  if (target !== undefined && !STATES[target].stable) {
    throw new InvalidStateError(`Target state '${target}' is not a 'stable' state`)
  }
  return { state: to, target: isStable(to) ? null : (target ?? targetOf(to)) }
}

function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

function requireMinor(min: number | undefined, minor: number): void {
  if (min !== undefined && minor < min) throw new NotAcceptableError('Request not acceptable.')
}

/** The event Ironic tries for a target: `VERBS[target]`, else the target itself. */
function eventFor(verb: string): string {
  return lookup<string>(VERBS, verb) ?? verb
}

/** Whether the API can carry out `verb` (`_do_provision_action` knows it). */
function isVerb(verb: string): verb is ProvisionVerb {
  return verb === 'rebuild' || Object.hasOwn(VERBS, verb)
}

function verbEvent(verb: ProvisionVerb): ProvisionEvent {
  return verb === 'rebuild' ? verb : VERBS[verb]
}

/**
 * The FSM event for an API provision target at API minor version `minor`: `active` and `deploy`
 * → `deploy`, `deleted` and `undeploy` → `delete`, `rebuild` → `rebuild`, others unchanged.
 * Checks every version gate, without a node; {@link checkProvisionAction} keeps Ironic's order.
 *
 * @throws NotAcceptableError (406) if the target is newer than `minor`.
 * @throws InvalidStateRequestedError (400) if the target is not a verb the API carries out.
 * @example verbToEvent('undeploy', 1) // 'delete'
 */
export function verbToEvent(verb: string, minor: number): ProvisionEvent {
  requireMinor(lookup(MIN_VERB_MINOR, verb), minor)
  if (!isVerb(verb)) throw new InvalidStateRequestedError(verb)
  requireMinor(lookup(MIN_VERB_MINOR_AFTER_STATE_CHECK, verb), minor)
  return verbEvent(verb)
}

/** The node fields {@link checkProvisionAction} looks at. */
export interface ProvisionNode {
  readonly uuid: string
  readonly provision_state: string
  readonly reservation?: string | null
}

/**
 * Check `PUT /v1/nodes/{node}/states/provision` against the machine in Ironic's order: the early
 * version gate (406); the state (409 `NodeLockedError` if the node is reserved, else 400); the late
 * gates (406: `abort` from `inspect wait` < 1.41 or `wait call-back` < 1.110, `unhold` < 1.85,
 * `service` < 1.87); an event the API cannot carry out (`fail`, `done`...: 400). The caller checks
 * maintenance (for `active`/`rebuild`) after the early gate and the body fields after the state.
 *
 * @returns the event to process and the state change it makes.
 */
export function checkProvisionAction(
  node: ProvisionNode,
  verb: string,
  minor: number,
): StateChange & { readonly event: ProvisionEvent } {
  const { uuid, provision_state: state, reservation } = node
  requireMinor(lookup(MIN_VERB_MINOR, verb), minor)
  const event = eventFor(verb)
  if (!canProcess(state, event)) {
    if (reservation) throw new NodeLockedError(uuid, reservation)
    throw new InvalidStateRequestedError(verb, { uuid, state })
  }
  if (event === 'abort') requireMinor(lookup(MIN_ABORT_MINOR, state), minor)
  requireMinor(lookup(MIN_VERB_MINOR_AFTER_STATE_CHECK, verb), minor)
  if (!isVerb(verb)) throw new InvalidStateRequestedError(verb)
  return { event: verbEvent(verb), ...nextState(state, verbEvent(verb)) }
}
