/** @module `ipmi`: power and management through `ipmitool`, serial console through socat. */
import { defineHardwareType } from './define.js'
import { GENERIC_INTERFACES as G } from './generic.js'

/** IPMI hardware (Ironic `drivers/ipmi.py` `IPMIHardware`). */
export const ipmiHardware = defineHardwareType({
  name: 'ipmi',
  interfaces: {
    ...G,
    console: ['ipmitool-socat', ...G.console],
    management: ['ipmitool', 'noop'],
    power: ['ipmitool'],
    vendor: ['ipmitool', 'no-vendor'],
  },
})
