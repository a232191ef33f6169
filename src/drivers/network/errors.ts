/**
 * @module The errors of VIF attachment, with Ironic's messages and statuses
 * (`common/exception.py`).
 */
import { IronicError } from '../../common/errors.js'
import type { PortLikeType } from './types.js'

/** 409 `VifAlreadyAttached`: the VIF is already on one of the node's ports or port groups. */
export class VifAlreadyAttachedError extends IronicError {
  constructor(vif: string, objectType: PortLikeType, objectUuid: string) {
    super(
      `Unable to attach VIF because VIF ${vif} is already attached to Ironic ` +
        `${objectType} ${objectUuid}`,
      { code: 'VIF_ALREADY_ATTACHED', status: 409, details: { vif, objectType, objectUuid } },
    )
  }
}

/** 400 `NoFreePhysicalPorts`: no port or port group of the node can take the VIF. */
export class NoFreePhysicalPortsError extends IronicError {
  constructor(vif: string) {
    super(`Unable to attach VIF ${vif}, not enough free physical ports.`, {
      code: 'NO_FREE_PHYSICAL_PORTS',
      status: 400,
      details: { vif },
    })
  }
}

/** 400 `VifNotAttached`: detaching a VIF the node does not have. */
export class VifNotAttachedError extends IronicError {
  constructor(vif: string, node: string) {
    super(`Unable to detach VIF ${vif} from node ${node} because it is not attached to it.`, {
      code: 'VIF_NOT_ATTACHED',
      status: 400,
      details: { vif, node },
    })
  }
}

/**
 * `PortgroupPhysnetInconsistent`: the member ports of a port group disagree on their physical
 * network. A plain `IronicException` upstream, hence 500.
 */
export class PortgroupPhysnetInconsistentError extends IronicError {
  constructor(portgroup: string, physicalNetworks: readonly string[]) {
    super(
      `Port group ${portgroup} has member ports with inconsistent physical networks ` +
        `(${physicalNetworks.join(', ')}). All ports in a port group must have the same ` +
        'physical network.',
      { code: 'PORTGROUP_PHYSNET_INCONSISTENT', status: 500, details: { portgroup } },
    )
  }
}
