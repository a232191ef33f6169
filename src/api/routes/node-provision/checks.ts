/**
 * @module The checks of `PUT /v1/nodes/{node}/states/provision` that depend on the body, in
 * Ironic's order (`NodeStatesController.provision` and `api_utils.check_allow_*`).
 */
import {
  ClientSideError,
  IronicError,
  NodeLockedError,
  NotAcceptableError,
} from '../../../common/errors.js'
import { canProcess, InvalidStateRequestedError } from '../../../common/state-machine.js'
import { MIN_VERB_MINOR, VERBS } from '../../../common/states.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import { pyRepr } from '../../../common/python-repr.js'
import { MINOR } from '../../versions.js'
import { errorText, validationError, type JsonSchema } from './jsonschema.js'

/** The provision request's arguments. */
export interface ProvisionBody {
  target: string
  configdrive: unknown
  cleanSteps: unknown[] | null
  deploySteps: unknown[] | null
  rescuePassword: string | null
  disableRamdisk: boolean | null
  serviceSteps: unknown[] | null
  runbook: string | null
}

/** 400 `NodeInMaintenance` (the conductor raises the same for its own checks). */
export function nodeInMaintenance(op: string, node: string): IronicError {
  return new IronicError(
    `The ${op} operation can't be performed on node ${node} because it's in maintenance mode.`,
    {
      code: 'NODE_IN_MAINTENANCE',
      status: 400,
    },
  )
}

/** `check_allow_management_verbs`: a verb newer than the request is 406. */
export function checkVerbVersion(target: string, minor: number): void {
  const min = Object.hasOwn(MIN_VERB_MINOR, target) ? MIN_VERB_MINOR[target] : undefined
  if (min !== undefined && minor < min) throw new NotAcceptableError('Request not acceptable.')
}

function eventOf(target: string): string {
  return Object.hasOwn(VERBS, target) ? VERBS[target as keyof typeof VERBS] : target
}

/** The state machine must accept the verb; a reserved node is 409 rather than 400. */
export function checkActionable(node: NodeRecord, target: string): void {
  if (canProcess(node.provision_state ?? '', eventOf(target))) return
  if (node.reservation) throw new NodeLockedError(node.uuid, node.reservation)
  throw new InvalidStateRequestedError(target, { uuid: node.uuid, state: node.provision_state })
}

const CONFIG_DRIVE_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    meta_data: { type: 'object' },
    network_data: { type: 'object' },
    user_data: { type: ['object', 'array', 'string', 'null'] },
    vendor_data: { type: 'object' },
  },
  additionalProperties: false,
}

const B64 = /^[A-Za-z0-9+/=\n\r\t ]*$/

/** `check_allow_configdrive`. */
export function checkConfigdrive(target: string, configdrive: unknown, minor: number): void {
  if (
    configdrive === null ||
    configdrive === undefined ||
    configdrive === '' ||
    isEmptyObject(configdrive)
  )
    return
  const allowed = ['active', ...(minor >= MINOR.REBUILD_CONFIG_DRIVE ? ['rebuild'] : [])]
  if (!allowed.includes(target)) {
    throw new ClientSideError(
      `Adding a config drive is only supported when setting provision state to ${allowed.join(', ')}`,
    )
  }
  if (typeof configdrive === 'string') {
    if (configdrive.includes('://')) return
    if (!B64.test(configdrive)) {
      throw new ClientSideError(
        'Invalid configdrive format: it is neither a JSON, nor a URL, nor a base64 string',
      )
    }
    return
  }
  const e = validationError(CONFIG_DRIVE_SCHEMA, configdrive)
  if (e)
    throw new ClientSideError(`Invalid configdrive format: ${anyOfText(e.message, configdrive)}`)
  if (minor < MINOR.BUILD_CONFIGDRIVE) {
    throw new ClientSideError(
      'Providing a JSON object for configdrive is only supported starting with API version 1.56',
    )
  }
  if ('vendor_data' in (configdrive as object) && minor < MINOR.CONFIGDRIVE_VENDOR_DATA) {
    throw new ClientSideError(
      'Providing vendor_data in configdrive is only supported starting with API version 1.59',
    )
  }
}

/** Ironic validates configdrive against an `anyOf` (object | string | null): jsonschema's text. */
function anyOfText(_message: string, value: unknown): string {
  const schema = { anyOf: [CONFIG_DRIVE_SCHEMA, { type: ['string', 'null'] }] }
  const e = validationError(schema as JsonSchema, value)
  return e ? errorText(e) : `${pyRepr(value)} is not valid under any of the given schemas`
}

function isEmptyObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0
}

/** `check_allow_disable_ramdisk`. */
export function checkDisableRamdisk(target: string, value: boolean | null, minor: number): void {
  if (value === null) return
  if (target === 'clean' || target === 'service') {
    const min = target === 'clean' ? MINOR.CLEAN_DISABLE_RAMDISK : MINOR.SERVICE_DISABLE_RAMDISK
    if (minor < min)
      throw new NotAcceptableError('disable_ramdisk is not acceptable in this API version')
    return
  }
  // Ironic answers 500 here (its BadRequest has no client status); bad input gets 400 from us.
  const msg =
    minor > 82
      ? 'disable_ramdisk is supported only with manual cleaning or servicing'
      : 'disable_ramdisk is supported only with manual cleaning'
  throw new IronicError(msg, { code: 'BAD_REQUEST', status: 400 })
}

/** `<field>` may only come with `allowedTarget`. */
export function checkOnlyWith(
  field: string,
  present: boolean,
  target: string,
  allowedTarget: string,
  runbook: boolean,
): void {
  if (!present || target === allowedTarget) return
  if (runbook) {
    throw new ClientSideError(
      `"runbooks" is only valid when setting target provision state to any of ['clean', 'service']`,
    )
  }
  throw new ClientSideError(
    `"${field}" is only valid when setting target provision state to ${allowedTarget}`,
  )
}

/** `check_allow_deploy_steps`. */
export function checkDeployStepsAllowed(
  target: string,
  steps: unknown[] | null,
  minor: number,
): void {
  if (!steps || steps.length === 0) return
  if (minor < MINOR.DEPLOY_STEPS) {
    throw new NotAcceptableError(
      'Request not acceptable. The minimal required API version should be 1.69',
    )
  }
  if (target !== 'active' && target !== 'rebuild') {
    throw new ClientSideError(
      '"deploy_steps" is only valid when setting target provision state to active or rebuild',
    )
  }
}
