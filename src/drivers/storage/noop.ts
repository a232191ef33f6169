/** @module `noop` storage: no remote volumes; the default storage interface. */
import type { ExclusiveTask, Task } from '../types.js'
import type { StorageInterface } from './types.js'

/**
 * No-op storage, like Ironic's `NoopStorage`: passes validation (it is every hardware type's
 * default) and always writes the image locally.
 */
export class NoopStorage implements StorageInterface {
  readonly kind = 'storage'
  readonly name = 'noop'

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}

  async attachVolumes(_task: ExclusiveTask): Promise<void> {}

  async detachVolumes(_task: ExclusiveTask): Promise<void> {}

  shouldWriteImage(_task: Task): boolean {
    return true
  }
}
