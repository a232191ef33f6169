/** @module Node state strings and state sets, byte-for-byte Ironic's `ironic/common/states.py`. */
import type { ProvisionEvent, ProvisionState as FsmState } from './state-machine.js'

/** A set of state strings whose `has` accepts any string (a node's `provision_state` column). */
export interface StateSet<T extends string = FsmState> extends ReadonlySet<T> {
  has(value: string): boolean
}

function setOf<T extends string>(...values: readonly T[]): StateSet<T> {
  return new Set<T>(values) as StateSet<T>
}

function stateSet(...states: readonly FsmState[]): StateSet {
  return setOf(...states)
}

/** No state: a `power_state` nobody knows yet, or a `target_*_state` with no target. */
export const NOSTATE = null

/**
 * Every provision state of the state machine, by Ironic's constant name (`DEPLOYWAIT` →
 * `DeployWait`). The strings are the wire values; never translate them.
 */
export const ProvisionState = {
  Enroll: 'enroll',
  Verifying: 'verifying',
  Manageable: 'manageable',
  Available: 'available',
  Active: 'active',
  Deploying: 'deploying',
  DeployWait: 'wait call-back',
  DeployFail: 'deploy failed',
  DeployHold: 'deploy hold',
  Deleting: 'deleting',
  Cleaning: 'cleaning',
  CleanWait: 'clean wait',
  CleanFail: 'clean failed',
  CleanHold: 'clean hold',
  Error: 'error',
  Inspecting: 'inspecting',
  InspectWait: 'inspect wait',
  InspectFail: 'inspect failed',
  Adopting: 'adopting',
  AdoptFail: 'adopt failed',
  Rescuing: 'rescuing',
  RescueWait: 'rescue wait',
  RescueFail: 'rescue failed',
  Rescue: 'rescue',
  Unrescuing: 'unrescuing',
  UnrescueFail: 'unrescue failed',
  Servicing: 'servicing',
  ServiceWait: 'service wait',
  ServiceFail: 'service failed',
  ServiceHold: 'service hold',
} as const satisfies Record<string, FsmState>

/** A provision state of the state machine (the type is derived from `STATES`). */
export type ProvisionState = FsmState

/**
 * Strings Ironic defines next to the states that are not states of the machine: API targets
 * (`deploy`, `deleted`, `undeploy`, `rebuild`, `service`) and `deploy complete` (Juno's target).
 */
export const ProvisionTarget = {
  Deploy: 'deploy',
  DeployDone: 'deploy complete',
  Deleted: 'deleted',
  Undeploy: 'undeploy',
  Rebuild: 'rebuild',
  Service: 'service',
} as const

/**
 * Ironic's `VERBS`: the `target` of `PUT /v1/nodes/{node}/states/provision` → FSM event.
 * `rebuild` is not listed: the API passes it through unchanged (`VERBS.get(target, target)`).
 */
export const VERBS = {
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
} as const satisfies Record<string, ProvisionEvent>

/** A provision target the API understands: a key of {@link VERBS}, or `rebuild`. */
export type ProvisionVerb = keyof typeof VERBS | 'rebuild'

/**
 * Minimum API minor version per provision target, checked before the state check
 * (`MIN_VERB_VERSIONS` in `api/controllers/v1/utils.py`). Ironic keys it by `VERBS[...]`, that is
 * by event, but looks the request's target up in it: so `undeploy` (event `delete`) is not gated
 * and works at 1.1, while the raw target `delete` is gated at 1.73. Kept as Ironic has it.
 */
export const MIN_VERB_MINOR: Readonly<Record<string, number>> = {
  manage: 4,
  provide: 4,
  inspect: 6,
  abort: 13,
  clean: 15,
  adopt: 17,
  rescue: 38,
  unrescue: 38,
  deploy: 73,
  delete: 73,
}

/**
 * Minimum API minor version for targets Ironic gates only after the state check
 * (`allow_unhold_verb`, `allow_service_verb`): too old and in the wrong state gives 400, not 406.
 */
export const MIN_VERB_MINOR_AFTER_STATE_CHECK: Readonly<Record<string, number>> = {
  unhold: 85,
  service: 87,
}

/** Minimum API minor version for `abort` from these states (`allow_inspect/deploy_abort`). */
export const MIN_ABORT_MINOR: Readonly<Record<string, number>> = {
  'inspect wait': 41,
  'wait call-back': 110,
}

/** All states related to servicing. */
export const SERVICING_STATES = stateSet(
  'servicing',
  'service wait',
  'service failed',
  'service hold',
)

/** All states related to inspection. */
export const INSPECTION_STATES = stateSet('inspecting', 'inspect wait', 'inspect failed')

/**
 * States in which a node may be updated while `target_provision_state` is set. `inspecting` is
 * refused from API 1.39. Ironic lists `service` here, which is a verb, not a state: the node is
 * never in it, so `servicing` and `service wait` are not updatable. Kept as Ironic has it.
 */
export const UPDATE_ALLOWED_STATES = setOf<FsmState | 'service'>(
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
)

/** States in which a node may be deleted; `available` too if `allow_deleting_available_nodes`. */
export const DELETE_ALLOWED_STATES = stateSet('manageable', 'enroll', 'adopt failed')

/** States that will not change unless a request asks (Ironic's order). */
export const STABLE_STATES = stateSet(
  'enroll',
  'manageable',
  'available',
  'active',
  'error',
  'rescue',
)

/** States that can change without an external request. Holds and failures are not in it. */
export const UNSTABLE_STATES = stateSet(
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
)

/** States that cannot resume once their conductor dies: on takeover the node gets `fail`. */
export const STUCK_STATES_TREATED_AS_FAIL = stateSet(
  'deploying',
  'cleaning',
  'verifying',
  'inspecting',
  'adopting',
  'rescuing',
  'unrescuing',
  'deleting',
  'servicing',
)

/** States in which the ramdisk agent may look its node up (`GET /v1/lookup`). */
export const LOOKUP_ALLOWED_STATES = stateSet(
  'deploying',
  'wait call-back',
  'cleaning',
  'clean wait',
  'inspecting',
  'inspect wait',
  'rescuing',
  'rescue wait',
  'service wait',
)

/** States in which agent lookup is allowed when fast track is enabled. */
export const FASTTRACK_LOOKUP_ALLOWED_STATES = stateSet(
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
)

/** The `*failed` states an operation ends in when it fails. */
export const FAILURE_STATES = stateSet(
  'deploy failed',
  'clean failed',
  'inspect failed',
  'rescue failed',
  'unrescue failed',
  'adopt failed',
  'service failed',
)

/** Every state string Ironic defines (kept for Nova): the machine's 30 plus two targets. */
export const ALL_STATES = setOf<FsmState | 'deleted' | 'deploy complete'>(
  ...(Object.values(ProvisionState) as FsmState[]),
  'deleted',
  'deploy complete',
)

/** Power states. `error` is set when the conductor fails to read or change power. */
export const PowerState = {
  On: 'power on',
  Off: 'power off',
  Rebooting: 'rebooting',
  SoftRebooting: 'soft rebooting',
  SoftPowerOff: 'soft power off',
  Error: 'error',
} as const

/** A power state string. */
export type PowerState = (typeof PowerState)[keyof typeof PowerState]

/** Targets accepted by `PUT /v1/nodes/{node}/states/power` (`ALLOWED_TARGET_POWER_STATES`). */
export const ALLOWED_TARGET_POWER_STATES = setOf<PowerState>(
  'power on',
  'power off',
  'rebooting',
  'soft rebooting',
  'soft power off',
)

/** Minimum API minor version for `soft rebooting`, `soft power off` and a power `timeout`. */
export const MIN_SOFT_POWER_MINOR = 27

/** Allocation states (Ironic reuses `active` and `error`). */
export const AllocationState = {
  Allocating: 'allocating',
  Active: 'active',
  Error: 'error',
} as const

/** An allocation state string. */
export type AllocationState = (typeof AllocationState)[keyof typeof AllocationState]

/** Event types of node history entries. */
export const HistoryEventType = {
  Provisioning: 'provisioning',
  Takeover: 'takeover',
  Introspection: 'introspection',
  Conductor: 'conductor',
  Transition: 'transition',
  StartFail: 'startup failure',
  Unprovision: 'unprovision',
  Adoption: 'adoption',
  Console: 'console',
  Monitoring: 'monitoring',
  Verify: 'verify',
} as const

/** A node history event type. */
export type HistoryEventType = (typeof HistoryEventType)[keyof typeof HistoryEventType]
