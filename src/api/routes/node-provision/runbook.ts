/**
 * @module The `runbook` argument of a provision request (Ironic `_handle_runbook`, ≥1.92): the
 * runbook must be approved for the node through its traits, and its steps replace
 * `clean_steps` or `service_steps`.
 */
import { ClientSideError } from '../../../common/errors.js'
import type { Database } from '../../../db/database.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import type { RunbookRecord } from '../../../db/repos/runbooks.js'
import { MINOR } from '../../versions.js'
import { notAcceptable } from '../../query.js'
import { loadRunbook } from '../runbooks/view.js'

/** What a runbook turns into for the request. */
export interface RunbookSteps {
  cleanSteps: unknown[] | null
  serviceSteps: unknown[] | null
  disableRamdisk: boolean
}

function checkApproved(
  minor: number,
  node: NodeRecord,
  rb: RunbookRecord,
  nodeTraits: Set<string>,
) {
  if (minor >= MINOR.RUNBOOK_TRAITS) {
    if (rb.traits.length === 0) {
      throw new ClientSideError(
        `Runbook ${rb.uuid} has no traits configured. Please ask an administrator to add traits to the runbook.`,
      )
    }
    if (!rb.traits.some((t) => nodeTraits.has(t))) {
      const sorted = [...rb.traits].sort().map((t) => `'${t}'`)
      throw new ClientSideError(
        `This runbook has not been approved for use on this node ${node.uuid}. The node does not have any of the ` +
          `runbook's traits [${sorted.join(', ')}]. Please ask an administrator to add a matching trait to your node.`,
      )
    }
  } else if (!nodeTraits.has(rb.name)) {
    throw new ClientSideError(
      `This runbook has not been approved for use on this node ${node.uuid}. Please ask an administrator to add it to your node traits.`,
    )
  }
}

/** Resolve `runbook` for `target`: 406 before 1.92, 404 when unknown, 400 when not approved. */
export async function handleRunbook(
  database: Database,
  minor: number,
  node: NodeRecord,
  target: string,
  runbook: string,
  given: { cleanSteps: unknown[] | null; serviceSteps: unknown[] | null },
): Promise<RunbookSteps> {
  if (minor < MINOR.RUNBOOKS) throw notAcceptable()
  const rb = await loadRunbook(database, runbook)
  const traits = await database.db
    .selectFrom('node_traits')
    .select('trait')
    .where('node_id', '=', node.id)
    .execute()
  checkApproved(minor, node, rb, new Set(traits.map((t) => t.trait)))
  // Steps run by their `order` (Ironic passes them in storage order).
  const steps = [...rb.steps].sort((a, b) => a.order - b.order).map((s) => ({ ...s }))
  const out: RunbookSteps = { ...given, disableRamdisk: Boolean(rb.disable_ramdisk) }
  if (target === 'clean') {
    if (given.cleanSteps && given.cleanSteps.length > 0) {
      throw new ClientSideError('Please provide either "clean_steps" or a runbook, but not both.')
    }
    out.cleanSteps = steps
  } else if (target === 'service') {
    if (given.serviceSteps && given.serviceSteps.length > 0) {
      throw new ClientSideError('Please provide either "service_steps" or a runbook, but not both.')
    }
    out.serviceSteps = steps
  }
  return out
}
