/**
 * @module The errors provisioning raises, with Ironic's messages and statuses
 * (`ironic/common/exception.py`). They cross RPC as `{code, status, message}`.
 */
import { IronicError } from '../../common/errors.js'

/** 400 `NodeInMaintenance`: the operation is refused while the node is in maintenance. */
export class NodeInMaintenanceError extends IronicError {
  constructor(op: string, node: string) {
    super(
      `The ${op} operation can't be performed on node ${node} because it's in maintenance mode.`,
      {
        code: 'NODE_IN_MAINTENANCE',
        status: 400,
      },
    )
  }
}

/** 400 `NodeIsRetired`. */
export class NodeIsRetiredError extends IronicError {
  constructor(op: string, node: string) {
    super(`The ${op} operation can't be performed on node ${node} because it is retired.`, {
      code: 'NODE_IS_RETIRED',
      status: 400,
    })
  }
}

/** 403 `NodeProtected`: undeploy, rebuild and delete are refused on a protected node. */
export class NodeProtectedError extends IronicError {
  constructor(node: string) {
    super(`Node ${node} is protected and cannot be undeployed, rebuilt or deleted`, {
      code: 'NODE_PROTECTED',
      status: 403,
    })
  }
}

/** 500 `InstanceDeployFailure` (Ironic gives it no client status). */
export class InstanceDeployFailureError extends IronicError {
  constructor(message: string, status = 500) {
    super(message, { code: 'INSTANCE_DEPLOY_FAILURE', status })
  }
}

/** 500 `InstanceRescueFailure` / `InstanceUnrescueFailure`. */
export class InstanceRescueFailureError extends IronicError {
  constructor(op: 'rescue' | 'unrescue', instance: string | null, node: string, reason: string) {
    super(`Failed to ${op} instance ${instance ?? 'None'} for node ${node}: ${reason}`, {
      code: op === 'rescue' ? 'INSTANCE_RESCUE_FAILURE' : 'INSTANCE_UNRESCUE_FAILURE',
      status: 500,
    })
  }
}

/** 400 `InvalidStateRequested` with a message of its own (`continue_node_*`). */
export class InvalidStateRequestedMessageError extends IronicError {
  constructor(message: string) {
    super(message, { code: 'INVALID_STATE_REQUESTED', status: 400 })
  }
}

/** 409 `InvalidState` with a message of its own. */
export class ConductorInvalidStateError extends IronicError {
  constructor(message: string) {
    super(message, { code: 'INVALID_STATE', status: 409 })
  }
}

/** The message of anything thrown, as Python's `str(e)` would show it. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Python-ish class name of an error, for "failed with <Class>: ..." messages. */
export function errorClass(err: unknown): string {
  return err instanceof Error ? err.name : typeof err
}
