/** @module `fake` storage: attaching and detaching succeed and do nothing. */
import type { ExclusiveTask, Task } from '../types.js'
import type { StorageInterface } from './types.js'

/** Fake storage, like Ironic's `FakeStorage`; the image is always written locally. */
export class FakeStorage implements StorageInterface {
  readonly kind = 'storage'
  readonly name = 'fake'

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
