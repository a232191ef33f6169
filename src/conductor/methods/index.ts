/**
 * @module Every RPC method of the conductor, by name. Each module adds its own table.
 */
import type { RpcMethod } from '../rpc/types.js'
import { MAINTENANCE_METHODS } from './maintenance.js'
import { MANAGEMENT_METHODS } from './management.js'
import { POWER_METHODS } from './power.js'
import { PROVISION_METHODS } from './provision.js'
import { ALLOCATION_METHODS } from './allocations.js'
import { TRAIT_METHODS } from './traits.js'
import { VALIDATE_METHODS } from './validate.js'
import { VENDOR_METHODS } from './vendor.js'
import { VIF_METHODS } from './vifs.js'
import { CONSOLE_METHODS } from './console.js'
import { VOLUME_METHODS } from './volume.js'
import { RAID_METHODS } from './raid.js'

export const METHODS: Readonly<Record<string, RpcMethod>> = {
  ping: async (svc) => ({ hostname: svc.ctx.hostname }),
  ...POWER_METHODS,
  ...MANAGEMENT_METHODS,
  ...MAINTENANCE_METHODS,
  ...TRAIT_METHODS,
  ...VALIDATE_METHODS,
  ...VENDOR_METHODS,
  ...VIF_METHODS,
  ...CONSOLE_METHODS,
  ...PROVISION_METHODS,
  ...ALLOCATION_METHODS,
  ...VOLUME_METHODS,
  ...RAID_METHODS,
}
