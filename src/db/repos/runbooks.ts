/**
 * @module Runbook rows with their steps and traits: lookups, pages (with Ironic's `project`
 * filter), create, compare-and-set update (steps matched as Ironic's `_update_runbook_steps`),
 * trait changes and delete. Every change bumps the revision, the runbook's ETag.
 */
import type { Insertable, Kysely, Selectable } from 'kysely'
import type { RunbookRow, RunbookStepRow, Tables } from '../tables.js'
import { paginate, type PageRequest } from './paging.js'
import { updateRevisioned, uuidMarker } from './revisioned.js'
import { decodeArgs, planStepUpdate, sortedJson } from './step-rows.js'

type Db = Kysely<Tables>

/** A runbook step as the API and the conductor use it (args decoded). */
export interface RunbookStep {
  readonly interface: string
  readonly step: string
  readonly args: Record<string, unknown>
  readonly order: number
}

/** A stored runbook with its steps (storage order) and traits (sorted). */
export interface RunbookRecord extends Selectable<RunbookRow> {
  steps: RunbookStep[]
  traits: string[]
}

/** The columns a new runbook needs. */
export type NewRunbook = Pick<
  Insertable<RunbookRow>,
  'uuid' | 'name' | 'description' | 'public' | 'owner' | 'disable_ramdisk' | 'extra' | 'created_at'
>

/** Columns a PATCH may change. */
export type RunbookColumns = Partial<
  Pick<RunbookRow, 'name' | 'description' | 'public' | 'owner' | 'disable_ramdisk' | 'extra'>
>

/** List filters: `project` keeps public runbooks and those it owns (null: public ones only). */
export interface RunbookFilters {
  project?: string | null
}

function toStep(row: Pick<RunbookStepRow, 'interface' | 'step' | 'args' | 'order'>): RunbookStep {
  return { interface: row.interface, step: row.step, args: decodeArgs(row.args), order: row.order }
}

async function withDetails(
  db: Db,
  rows: readonly Selectable<RunbookRow>[],
): Promise<RunbookRecord[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const steps = await db
    .selectFrom('runbook_steps')
    .selectAll()
    .where('runbook_id', 'in', ids)
    .orderBy('id')
    .execute()
  const traits = await db
    .selectFrom('runbook_traits')
    .selectAll()
    .where('runbook_id', 'in', ids)
    .orderBy('trait')
    .execute()
  return rows.map((r) => ({
    ...r,
    steps: steps.filter((s) => s.runbook_id === r.id).map(toStep),
    traits: traits.filter((t) => t.runbook_id === r.id).map((t) => t.trait),
  }))
}

/** The runbook with this UUID, name or id. */
export async function findRunbook(
  db: Db,
  by: { uuid: string } | { name: string } | { id: number },
): Promise<RunbookRecord | undefined> {
  let q = db.selectFrom('runbooks').selectAll()
  if ('uuid' in by) q = q.where('uuid', '=', by.uuid)
  else if ('name' in by) q = q.where('name', '=', by.name)
  else q = q.where('id', '=', by.id)
  const row = await q.executeTakeFirst()
  return row ? (await withDetails(db, [row]))[0] : undefined
}

/** A page of runbooks. */
export async function listRunbooks(
  db: Db,
  page: PageRequest,
  filters: RunbookFilters = {},
): Promise<RunbookRecord[]> {
  let q = db.selectFrom('runbooks').selectAll('runbooks')
  const project = filters.project
  if (project !== undefined) {
    q = q.where((eb) =>
      project === null
        ? eb('public', '=', 1)
        : eb.or([eb('owner', '=', project), eb('public', '=', 1)]),
    )
  }
  return withDetails(db, await paginate(q, 'runbooks', page).execute())
}

/** Id and sort-column value of the marker runbook, for keyset paging. */
export function runbookMarker(
  db: Db,
  uuid: string,
  sortColumn: string,
): Promise<{ id: number; value: unknown } | undefined> {
  return uuidMarker(db, 'runbooks', uuid, sortColumn)
}

function stepRow(runbookId: number, s: RunbookStep) {
  return {
    runbook_id: runbookId,
    interface: s.interface,
    step: s.step,
    args: JSON.stringify(s.args ?? {}),
    order: s.order,
  }
}

/** Inserts a runbook and its steps in one transaction (no traits); returns the new id. */
export async function insertRunbook(
  db: Db,
  row: NewRunbook,
  steps: readonly RunbookStep[],
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('runbooks')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow()
    if (steps.length > 0)
      await trx
        .insertInto('runbook_steps')
        .values(steps.map((s) => stepRow(id, s)))
        .execute()
    return id
  })
}

function stepKey(s: RunbookStep): string {
  return JSON.stringify([s.interface, s.step, sortedJson(s.args), s.order])
}

async function replaceSteps(trx: Db, id: number, steps: readonly RunbookStep[]): Promise<void> {
  const current = await trx
    .selectFrom('runbook_steps')
    .selectAll()
    .where('runbook_id', '=', id)
    .execute()
  const plan = planStepUpdate(current, steps, (row) => stepKey(toStep(row)), stepKey)
  if (plan.remove.length > 0)
    await trx.deleteFrom('runbook_steps').where('id', 'in', plan.remove).execute()
  if (plan.add.length > 0)
    await trx
      .insertInto('runbook_steps')
      .values(plan.add.map((s) => stepRow(id, s)))
      .execute()
}

/**
 * Updates columns and, when given, the steps, only while the runbook still has `revision`
 * (compare-and-set); false when it was changed or deleted meanwhile.
 */
export async function updateRunbook(
  db: Db,
  id: number,
  changes: { columns: RunbookColumns; steps?: readonly RunbookStep[] | undefined },
  opts: { revision: number; updatedAt: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await updateRevisioned(trx, 'runbooks', id, changes.columns, opts))) return false
    if (changes.steps) await replaceSteps(trx, id, changes.steps)
    return true
  })
}

async function bumpRevision(trx: Db, id: number): Promise<void> {
  await trx
    .updateTable('runbooks')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .execute()
}

/** Replaces all traits of a runbook (duplicates collapse). */
export async function setRunbookTraits(
  db: Db,
  id: number,
  traits: readonly string[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('runbook_traits').where('runbook_id', '=', id).execute()
    const unique = [...new Set(traits)]
    if (unique.length > 0)
      await trx
        .insertInto('runbook_traits')
        .values(unique.map((trait) => ({ runbook_id: id, trait })))
        .execute()
    await bumpRevision(trx, id)
  })
}

/** Adds one trait; a trait the runbook already has is left alone. */
export async function addRunbookTrait(db: Db, id: number, trait: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('runbook_traits')
      .values({ runbook_id: id, trait })
      .onConflict((oc) => oc.columns(['runbook_id', 'trait']).doNothing())
      .executeTakeFirst()
    if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) await bumpRevision(trx, id)
  })
}

/** Removes one trait (no error when absent), or all of them when `trait` is undefined. */
export async function removeRunbookTraits(db: Db, id: number, trait?: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let q = trx.deleteFrom('runbook_traits').where('runbook_id', '=', id)
    if (trait !== undefined) q = q.where('trait', '=', trait)
    const r = await q.executeTakeFirst()
    if (Number(r.numDeletedRows) > 0) await bumpRevision(trx, id)
  })
}

/** Deletes a runbook with its steps and traits. */
export async function deleteRunbook(db: Db, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('runbook_steps').where('runbook_id', '=', id).execute()
    await trx.deleteFrom('runbook_traits').where('runbook_id', '=', id).execute()
    await trx.deleteFrom('runbooks').where('id', '=', id).execute()
  })
}
