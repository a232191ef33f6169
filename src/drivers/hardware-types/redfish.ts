/** @module `redfish`: everything out of band through a Redfish BMC. */
import { defineHardwareType } from './define.js'
import { GENERIC_INTERFACES as G } from './generic.js'

/**
 * Redfish hardware (Ironic `drivers/redfish.py` `RedfishHardware`). Virtual media boot comes
 * after the network boots because not every vendor supports it.
 */
export const redfishHardware = defineHardwareType({
  name: 'redfish',
  interfaces: {
    ...G,
    bios: ['redfish', 'no-bios'],
    boot: [...G.boot, 'redfish-virtual-media', 'redfish-https'],
    console: ['redfish-graphical', 'ipmitool-socat', ...G.console],
    firmware: ['redfish', 'no-firmware'],
    inspect: ['redfish', ...G.inspect],
    management: ['redfish', 'noop'],
    power: ['redfish'],
    raid: ['redfish', 'no-raid', 'agent'],
    vendor: ['redfish', 'no-vendor'],
  },
})
