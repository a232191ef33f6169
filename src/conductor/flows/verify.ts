/**
 * @module Verification of a newly managed node (Ironic `conductor/verify.py`): the power
 * credentials must validate and the power state must be readable; then the enabled verify
 * steps run, highest priority first. `verifying` → `manageable`, or back to `enroll`.
 */
import { findStep } from '../../drivers/steps.js'
import type { DriverInterfaces, InterfaceKind } from '../../drivers/types.js'
import { driverSteps } from '../steps/driver-steps.js'
import type { NodeTask } from '../task.js'
import { errorText } from './errors.js'
import { recordHistory } from './history.js'

async function powerCheck(task: NodeTask): Promise<{ error?: string; state?: string | null }> {
  const { uuid } = task.node
  try {
    await task.driver.power.validate(task)
  } catch (err) {
    return {
      error: `Failed to validate power driver interface for node ${uuid}. Error: ${errorText(err)}`,
    }
  }
  try {
    return { state: await task.driver.power.getPowerState(task) }
  } catch (err) {
    return { error: `Failed to get power state for node ${uuid}. Error: ${errorText(err)}` }
  }
}

/** Run the enabled verify steps; the last failure's message, if any. */
async function runVerifySteps(task: NodeTask): Promise<string | undefined> {
  let error: string | undefined
  for (const step of driverSteps(task, 'verify', { enabled: true, sort: true })) {
    const iface = (task.driver as DriverInterfaces)[step.interface as InterfaceKind]
    try {
      await findStep(iface, 'verify', step.step)?.run(task, {})
    } catch (err) {
      error = `Node ${task.node.uuid} failed verify step ${step.step} with unexpected error: ${errorText(err)}`
      await recordHistory(task, {
        event: `Failed to verify: ${errorText(err)}`,
        eventType: 'verifying',
        error: true,
      })
      await task.save()
    }
  }
  return error
}

/** Verify the node (`do_node_verify`); the node is in `verifying`. */
export async function doNodeVerify(task: NodeTask): Promise<void> {
  const power = await powerCheck(task)
  const stepError = await runVerifySteps(task)
  const error = stepError ?? power.error
  if (error === undefined) {
    const columns: Record<string, unknown> = {}
    if (power.state !== undefined && power.state !== task.node.power_state)
      columns.power_state = power.state
    await task.transition('done', { columns })
    return
  }
  await recordHistory(task, { event: error, eventType: 'verify', error: true })
  await task.transition('fail')
}
