/**
 * @module PATCH of a runbook, as Ironic's `RunbooksController.patch` does it: allowed root
 * fields, the owner/public rule, the patch applied to the stored runbook, each step pruned and
 * checked, then the whole runbook checked with the 1.112 mutation schema whatever the version
 * (so a runbook can be renamed to a non-trait name at 1.92 too); only changed fields are written.
 */
import { IronicError } from '../../../common/errors.js'
import type { RunbookColumns, RunbookRecord, RunbookStep } from '../../../db/repos/runbooks.js'
import { applyPatch, type PatchOp } from '../../json-patch.js'
import { pyRepr } from '../../../common/python-repr.js'
import { pruneToSchema } from '../../step-templates.js'
import { checkSchema } from '../deploy-templates/schema.js'
import {
  RUNBOOK_MUTATION_SCHEMA,
  RUNBOOK_STEP_SCHEMA,
  storedSteps,
  validateRunbook,
} from './schema.js'

/** What a PATCH changes: columns and, when they changed, the steps. */
export interface RunbookChanges {
  columns: RunbookColumns
  steps?: RunbookStep[]
}

/** The runbook as Ironic's `as_dict()` gives it to the patch. */
function asDict(rb: RunbookRecord): Record<string, unknown> {
  return {
    id: rb.id,
    uuid: rb.uuid,
    name: rb.name,
    description: rb.description,
    steps: rb.steps.map((s) => ({ ...s })),
    disable_ramdisk: Boolean(rb.disable_ramdisk),
    extra: rb.extra ? (JSON.parse(rb.extra) as unknown) : {},
    public: Boolean(rb.public),
    owner: rb.owner,
    traits: [...rb.traits],
    created_at: rb.created_at,
    updated_at: rb.updated_at,
  }
}

/** Python's truthiness of a JSON value. */
function pyTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0
  return Boolean(value)
}

/** `get_patch_values`: the values of the operations on exactly `path` that are not removals. */
function patchValues(ops: readonly PatchOp[], path: string): unknown[] {
  return ops.filter((p) => p.path === path && p.op !== 'remove').map((p) => p.value)
}

/**
 * A public runbook has no owner: setting an owner needs `public` false in the same patch, and
 * setting `public` (either way) clears the owner before the patch applies.
 */
function applyOwnerRules(doc: Record<string, unknown>, ops: readonly PatchOp[]): void {
  const owner = patchValues(ops, '/owner')
  const pub = patchValues(ops, '/public')
  if (owner.length > 0) {
    const publicValue = pub.length > 0 ? pub[0] : false
    if ((doc.public === true && pub.length === 0) || pyTruthy(publicValue)) {
      throw new IronicError(
        `Couldn't apply patch '${pyRepr(ops)}'. Reason: There cannot be an owner for a public runbook`,
      )
    }
  }
  if (pub.length > 0) doc.owner = null
}

const json = (v: unknown) => JSON.stringify(v)

/** The columns and steps that differ between the stored runbook and the patched one. */
function changesOf(
  rb: RunbookRecord,
  patched: Record<string, unknown>,
): RunbookChanges | undefined {
  const before = asDict(rb)
  const columns: RunbookColumns = {}
  for (const name of ['name', 'description', 'owner'] as const) {
    const value = (patched[name] ?? null) as string | null
    if (value !== before[name]) Object.assign(columns, { [name]: value })
  }
  for (const name of ['public', 'disable_ramdisk'] as const) {
    const value = Boolean(patched[name] ?? false)
    if (value !== before[name]) columns[name] = value ? 1 : 0
  }
  const extra = patched.extra ?? null
  if (json(extra ?? {}) !== json(before.extra)) columns.extra = extra === null ? null : json(extra)
  const changes: RunbookChanges = { columns }
  const steps = storedSteps(patched.steps)
  if (json(steps) !== json(before.steps)) changes.steps = steps
  return Object.keys(columns).length > 0 || changes.steps ? changes : undefined
}

/** Checks and applies a checked PATCH document; undefined when nothing changes. */
export function patchRunbook(
  rb: RunbookRecord,
  ops: readonly PatchOp[],
): RunbookChanges | undefined {
  const current = asDict(rb)
  applyOwnerRules(current, ops)
  const doc = applyPatch(current, ops)
  if (Array.isArray(doc.steps)) {
    doc.steps = doc.steps.map((step: unknown) => {
      if (step === null || typeof step !== 'object' || Array.isArray(step)) return step
      const pruned = pruneToSchema(step as Record<string, unknown>, RUNBOOK_STEP_SCHEMA)
      checkSchema('patch', RUNBOOK_STEP_SCHEMA, pruned)
      return pruned
    })
  }
  const pruned = pruneToSchema(doc, RUNBOOK_MUTATION_SCHEMA)
  const patched = validateRunbook('patch', pruned, RUNBOOK_MUTATION_SCHEMA)
  return changesOf(rb, patched)
}
