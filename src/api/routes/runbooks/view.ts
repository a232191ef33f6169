/**
 * @module What every runbook handler shares: the microversion gate, the runbook of a path, its
 * API object, and the errors that name a runbook.
 */
import type { FastifyRequest } from 'fastify'
import {
  ConflictError,
  IronicError,
  InvalidParameterValueError,
  NotFoundError,
} from '../../../common/errors.js'
import { maskDictPassword } from '../../../common/mask.js'
import { isUuidLike } from '../../../common/uuid.js'
import { uniqueViolation } from '../../../db/errors.js'
import { findRunbook, type RunbookRecord } from '../../../db/repos/runbooks.js'
import type { Database } from '../../../db/database.js'
import { isVisible } from '../../fields/registry.js'
import { RUNBOOK_AFTER_LINKS, RUNBOOK_FIELDS } from '../../fields/runbooks.js'
import { baseUrl } from '../../http.js'
import { versionGate } from '../../step-templates.js'
import { MINOR } from '../../versions.js'
import { isLogicalName } from '../ports/args.js'
import { resourceView } from '../ports/view.js'

/** Every runbook handler needs 1.92: older clients get pecan's 404 (GET) or 405. */
export const runbooksGate = versionGate(MINOR.RUNBOOKS, 'The API version does not allow runbooks')

/** 404 `RunbookNotFound`. */
export function runbookNotFound(ident: string): NotFoundError {
  return new NotFoundError(`Runbook ${ident} could not be found.`)
}

/** The runbook a UUID or a logical name names (`get_rpc_runbook`). */
export async function loadRunbook(database: Database, ident: string): Promise<RunbookRecord> {
  let rb: RunbookRecord | undefined
  if (isUuidLike(ident)) rb = await findRunbook(database.db, { uuid: ident })
  else if (isLogicalName(ident)) rb = await findRunbook(database.db, { name: ident })
  else
    throw new IronicError(`Expected a logical name or UUID but received ${ident}.`, {
      code: 'INVALID_UUID_OR_NAME',
      status: 400,
    })
  if (!rb) throw runbookNotFound(ident)
  return rb
}

/**
 * `check_for_invalid_fields` against the runbook as this version shows it: `description` and
 * `traits` are unknown below 1.112.
 */
export function checkRunbookFields(fields: readonly string[] | undefined, minor: number): void {
  const invalid = (fields ?? []).filter(
    (f) => f !== 'links' && !isVisible(RUNBOOK_FIELDS, f, minor),
  )
  if (invalid.length > 0) {
    throw new InvalidParameterValueError(`Field(s) "${invalid.join(', ')}" are not valid`)
  }
}

/** The API object of a runbook; step arguments have their secrets masked. */
export function runbookView(rb: RunbookRecord, req: FastifyRequest, fields?: readonly string[]) {
  const steps = rb.steps.map((s) => ({
    interface: s.interface,
    step: s.step,
    args: maskDictPassword(s.args),
    order: s.order,
  }))
  return resourceView(
    {
      fields: RUNBOOK_FIELDS,
      path: `runbooks/${rb.uuid}`,
      afterLinks: RUNBOOK_AFTER_LINKS,
      computed: { steps, traits: [...rb.traits] },
    },
    rb as unknown as Record<string, unknown>,
    { minor: req.minor, base: baseUrl(req, req.server.deps.settings.publicEndpoint), fields },
  )
}

/** 409 for a duplicate name or UUID (`RunbookDuplicateName`, `RunbookAlreadyExists`). */
export function runbookConflict(err: unknown, values: { name?: unknown; uuid?: unknown }): never {
  const column = uniqueViolation(err)
  if (column === 'name') {
    throw new ConflictError(
      `A runbook with name ${String(values.name)} already exists.`,
      'RUNBOOK_DUPLICATE_NAME',
    )
  }
  if (column === 'uuid') {
    throw new ConflictError(
      `A runbook with UUID ${String(values.uuid)} already exists.`,
      'RUNBOOK_ALREADY_EXISTS',
    )
  }
  throw err
}
