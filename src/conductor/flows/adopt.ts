/**
 * @module Adoption (Ironic `_do_adoption`): take over a node that already runs an instance
 * without deploying it. `adopting` → `active`, or `adopt failed` with the power state reset.
 */
import type { NodeTask } from '../task.js'
import { errorText } from './errors.js'
import { recordHistory } from './history.js'

/** The background part of an adoption; the node is in `adopting`. */
export async function doAdoption(task: NodeTask): Promise<void> {
  try {
    const info = task.node.instance_info
    const bootOption = (info['capabilities'] as { boot_option?: unknown } | undefined)?.boot_option
    if (bootOption !== undefined && bootOption !== 'local') await task.driver.boot.validate(task)
    await task.driver.deploy.switchInterface?.(task)
    await task.driver.deploy.prepare(task)
    await task.driver.deploy.takeOver(task)
    await task.transition('done')
  } catch (err) {
    const msg = `Error while attempting to adopt node ${task.node.uuid}: ${errorText(err)}.`
    task.ctx.log.error({ node: task.node.uuid }, msg)
    await task.driver.deploy.restoreInterface?.(task)
    task.updateNode({ power_state: null })
    await recordHistory(task, { event: msg, eventType: 'adoption', error: true })
    await task.transition('fail')
  }
}
