/**
 * @module Callback timeouts (Ironic's `_check_deploy_timeouts` and friends): a node waiting
 * in a `* wait` state longer than its timeout moves to the failed state with a last_error.
 */
import type { ProvisionEvent } from '../../common/state-machine.js'
import type { ConductorContext } from '../context.js'
import { recordError } from '../history.js'
import { withTask } from '../task.js'
import { ownedNodes, type Owner } from './owned-nodes.js'

export interface WaitTimeout {
  state: string
  seconds: number
  event: ProvisionEvent
  message: (uuid: string) => string
}

/** The timeouts of `[conductor]`, in Ironic's words. */
export function waitTimeouts(c: {
  deploy_callback_timeout: number
  clean_callback_timeout: number
  inspect_wait_timeout: number
  rescue_callback_timeout: number
}): WaitTimeout[] {
  const all: WaitTimeout[] = [
    { state: 'wait call-back', seconds: c.deploy_callback_timeout, event: 'fail', message: (u) => `Timeout reached while waiting for callback for node ${u}` },
    { state: 'clean wait', seconds: c.clean_callback_timeout, event: 'fail', message: () => 'Timeout reached while cleaning the node. Please check if the ramdisk responsible for the cleaning is running on the node.' },
    { state: 'inspect wait', seconds: c.inspect_wait_timeout, event: 'fail', message: () => 'Timeout reached while inspecting the node' },
    { state: 'rescue wait', seconds: c.rescue_callback_timeout, event: 'fail', message: (u) => `Timeout reached while waiting for rescue ramdisk callback for node ${u}` },
    { state: 'service wait', seconds: c.clean_callback_timeout, event: 'fail', message: () => 'Timeout reached while servicing the node.' },
  ]
  return all.filter((t) => t.seconds > 0)
}

/** Fails every owned node that waited too long; returns how many. */
export async function failTimedOutWaits(ctx: ConductorContext, ownerOf: Owner, timeouts: readonly WaitTimeout[]): Promise<number> {
  const now = ctx.clock.now().getTime()
  let failed = 0
  for (const n of await ownedNodes(ctx, ownerOf)) {
    const t = timeouts.find((x) => x.state === n.provision_state)
    if (!t || n.reservation || !n.provision_updated_at) continue
    if (now - Date.parse(n.provision_updated_at) < t.seconds * 1000) continue
    try {
      await withTask(ctx, { id: n.id }, { purpose: 'callback timeout' }, async (task) => {
        if (task.record.provision_state !== t.state) return
        const message = t.message(n.uuid)
        await task.transition(t.event, { lastError: message })
        await recordError(ctx, n.id, message, 'provisioning')
        failed++
      })
    } catch (err) {
      ctx.log.warn({ err, node: n.uuid }, 'could not fail a timed-out node')
    }
  }
  return failed
}
