/** @module `fake` firmware: updates succeed at once and flash nothing. */
import { DONE, defineStep, type StepOutcome } from '../steps.js'
import type { ExclusiveTask, Task } from '../types.js'
import { firmwareSettingsArg, type FirmwareInterface, type FirmwareUpdate } from './types.js'

/** Fake firmware, like Ironic's `FakeFirmware`: an `update` clean step with priority 0. */
export class FakeFirmware implements FirmwareInterface {
  readonly kind = 'firmware'
  readonly name = 'fake'
  readonly steps = [
    defineStep({
      name: 'update',
      flows: ['clean'],
      priority: 0,
      argsinfo: {
        settings: {
          description:
            'List of Firmware components, each item needs to contain a dictionary with ' +
            'name/value pairs',
          required: true,
        },
      },
      run: (t, args) => this.update(t, firmwareSettingsArg(args)),
    }),
  ]

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}

  async update(_task: ExclusiveTask, _settings: readonly FirmwareUpdate[]): Promise<StepOutcome> {
    return DONE
  }

  async cacheFirmwareComponents(_task: ExclusiveTask): Promise<void> {}
}
