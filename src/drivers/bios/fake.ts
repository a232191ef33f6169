/** @module `fake` BIOS: settings live only in the node's BIOS settings cache. */
import { DONE, defineStep, type StepOutcome } from '../steps.js'
import type { ExclusiveTask, Task } from '../types.js'
import { settingsArg, type BiosInterface, type BiosSetting } from './types.js'

/**
 * Fake BIOS, like Ironic's `FakeBIOS`: applying settings makes the cache exactly those settings,
 * a factory reset empties it, and caching reads nothing. All three are clean steps with
 * priority 0 (run only when asked for).
 */
export class FakeBios implements BiosInterface {
  readonly kind = 'bios'
  readonly name = 'fake'
  readonly steps = [
    defineStep({
      name: 'apply_configuration',
      flows: ['clean'],
      priority: 0,
      argsinfo: {
        settings: {
          description:
            'List of BIOS settings, each item needs to contain a dictionary with name/value pairs',
          required: true,
        },
      },
      run: (t, args) => this.applyConfiguration(t, settingsArg(args)),
    }),
    defineStep({
      name: 'factory_reset',
      flows: ['clean'],
      priority: 0,
      run: (t) => this.factoryReset(t),
    }),
    defineStep({
      name: 'cache_bios_settings',
      flows: ['clean'],
      priority: 0,
      run: async (t) => {
        await this.cacheBiosSettings(t)
        return DONE
      },
    }),
  ]

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}

  async applyConfiguration(
    task: ExclusiveTask,
    settings: readonly BiosSetting[],
  ): Promise<StepOutcome> {
    await task.biosSettings.replace(settings)
    return DONE
  }

  async factoryReset(task: ExclusiveTask): Promise<StepOutcome> {
    await task.biosSettings.replace([])
    return DONE
  }

  async cacheBiosSettings(_task: ExclusiveTask): Promise<void> {}
}
