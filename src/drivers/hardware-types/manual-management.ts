/** @module `manual-management`: no BMC; the operator powers and boots the machine by hand. */
import { defineHardwareType } from './define.js'
import { GENERIC_INTERFACES as G } from './generic.js'

/**
 * Manual management (Ironic `ManualManagementHardware`): power through the agent (or fake),
 * management `noop` (boot order set by hand), and the `noop` deploy on top of the generic ones.
 */
export const manualManagementHardware = defineHardwareType({
  name: 'manual-management',
  interfaces: {
    ...G,
    deploy: [...G.deploy, 'noop'],
    management: ['noop', 'fake'],
    power: ['agent', 'fake'],
    vendor: ['no-vendor'],
  },
})
