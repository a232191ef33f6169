/** @module `no-vendor`: no passthru methods; validation fails. */
import { unsupported } from '../errors.js'
import type { Task } from '../types.js'
import type { VendorInterface } from './types.js'

/** Like Ironic's `NoVendor`: no routes, and both validations throw `UnsupportedDriverExtensionError`. */
export class NoVendor implements VendorInterface {
  readonly kind = 'vendor'
  readonly name = 'no-vendor'
  readonly routes = {}
  readonly driverRoutes = {}

  properties(): Record<string, string> {
    return {}
  }

  async validate(task: Task): Promise<void> {
    unsupported(task.node.driver, this.kind)
  }

  /** Ironic names the class here, since there is no node. */
  async driverValidate(): Promise<void> {
    unsupported('NoVendor', this.kind)
  }
}
