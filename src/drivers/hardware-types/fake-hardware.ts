/** @module `fake-hardware`: every kind's `fake` first, and any enabled interface accepted. */
import { defineHardwareType } from './define.js'
import { GENERIC_INTERFACES as G } from './generic.js'

/**
 * Fake hardware (Ironic `drivers/fake_hardware.py`): no BMC, for tests and demos. It puts `fake`
 * in front of the generic lists and accepts any enabled implementation on a node. There is no
 * `fake` network interface, so networking stays generic.
 */
export const fakeHardware = defineHardwareType({
  name: 'fake-hardware',
  acceptsAnyEnabled: true,
  interfaces: {
    bios: ['fake', ...G.bios],
    boot: ['fake', ...G.boot],
    console: ['fake', ...G.console],
    deploy: ['fake', ...G.deploy],
    firmware: ['fake', ...G.firmware],
    inspect: ['fake', ...G.inspect],
    management: ['fake'],
    network: G.network,
    power: ['fake'],
    raid: ['fake', ...G.raid],
    rescue: ['fake', ...G.rescue],
    storage: ['fake', ...G.storage],
    vendor: ['fake', ...G.vendor],
  },
})
