/** @module `fake` boot: every preparation succeeds and changes nothing. */
import type { ExclusiveTask, Task } from '../types.js'
import type { BootInterface } from './types.js'

/** Fake boot, like Ironic's `FakeBoot`, claiming both `ipxe_boot` and `pxe_boot`. */
export class FakeBoot implements BootInterface {
  readonly kind = 'boot'
  readonly name = 'fake'
  readonly capabilities = ['ipxe_boot', 'pxe_boot'] as const

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}

  async prepareRamdisk(_task: ExclusiveTask): Promise<void> {}

  async cleanUpRamdisk(_task: ExclusiveTask): Promise<void> {}

  async prepareInstance(_task: ExclusiveTask): Promise<void> {}

  async cleanUpInstance(_task: ExclusiveTask): Promise<void> {}
}
