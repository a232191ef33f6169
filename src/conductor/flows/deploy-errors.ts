/**
 * @module Failure handling of deployment (Ironic's `deploying_error_handler`): record the
 * error, let the deploy interface clean up, clear the running step, move to `deploy failed`.
 */
import { IronicError } from '../../common/errors.js'
import { canProcess } from '../../common/state-machine.js'
import type { NodeTask } from '../task.js'
import { errorText } from './errors.js'
import { recordHistory } from './history.js'
import { jsonColumn, wipeDeployInfo } from './node-info.js'

const DEPLOY_STATES: ReadonlySet<string> = new Set(['deploying', 'wait call-back', 'deploy failed'])

async function cleanUp(task: NodeTask, errmsg: string): Promise<string | undefined> {
  try {
    await task.driver.deploy.cleanUp(task)
    return undefined
  } catch (err) {
    const addl =
      err instanceof IronicError
        ? `Also failed to clean up due to: ${errorText(err)}`
        : 'An unhandled exception was encountered while aborting. More information may be found in the log file.'
    return `${errmsg}. ${addl}`
  }
}

/** Put a node whose deployment failed in `deploy failed`, with `errmsg` as its last error. */
export async function deployingError(
  task: NodeTask,
  logmsg: string,
  opts: { errmsg?: string; cleanUp?: boolean } = {},
): Promise<void> {
  task.ctx.log.error({ node: task.node.uuid }, logmsg)
  const errmsg = opts.errmsg ?? logmsg
  await recordHistory(task, { event: errmsg, eventType: 'deploying', error: true })
  await task.save()
  const cleanupErr = (opts.cleanUp ?? true) ? await cleanUp(task, errmsg) : undefined
  await task.save()
  const columns: Record<string, unknown> = {}
  if (DEPLOY_STATES.has(task.record.provision_state ?? '')) {
    columns.deploy_step = jsonColumn({})
    wipeDeployInfo(task)
  }
  if (cleanupErr)
    await recordHistory(task, { event: cleanupErr, eventType: 'deploying', error: true })
  await task.save(columns)
  if (canProcess(task.record.provision_state ?? '', 'fail')) await task.transition('fail')
}
