/**
 * @module Deploy template rows and their steps: lookups, pages, create, update (steps are
 * matched, kept, removed or added, as Ironic's `_update_deploy_template_steps`) and delete.
 */
import type { Kysely, Selectable } from 'kysely'
import type { DeployTemplateRow, DeployTemplateStepRow, Tables } from '../tables.js'
import { paginate, type PageRequest } from './paging.js'
import { decodeArgs, planStepUpdate, sortedJson } from './step-rows.js'

type Db = Kysely<Tables>

/** A template step as the API and the conductor use it (args decoded). */
export interface TemplateStep {
  readonly interface: string
  readonly step: string
  readonly args: Record<string, unknown>
  readonly priority: number
}

/** A stored deploy template with its steps in storage order. */
export interface DeployTemplateRecord extends Omit<DeployTemplateRow, 'id' | 'revision'> {
  id: number
  revision: number
  steps: TemplateStep[]
}

/** The columns a new template needs. */
export type NewDeployTemplate = Pick<DeployTemplateRow, 'uuid' | 'name' | 'extra' | 'created_at'>

function toStep(
  row: Pick<DeployTemplateStepRow, 'interface' | 'step' | 'args' | 'priority'>,
): TemplateStep {
  return {
    interface: row.interface,
    step: row.step,
    args: decodeArgs(row.args),
    priority: row.priority,
  }
}

type TemplateRow = Selectable<DeployTemplateRow>

async function withSteps(db: Db, rows: readonly TemplateRow[]): Promise<DeployTemplateRecord[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const steps = await db
    .selectFrom('deploy_template_steps')
    .selectAll()
    .where('deploy_template_id', 'in', ids)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    ...r,
    steps: steps.filter((s) => s.deploy_template_id === r.id).map(toStep),
  }))
}

/** The template with this UUID or name. */
export async function findDeployTemplate(
  db: Db,
  by: { uuid: string } | { name: string } | { id: number },
): Promise<DeployTemplateRecord | undefined> {
  let q = db.selectFrom('deploy_templates').selectAll()
  if ('uuid' in by) q = q.where('uuid', '=', by.uuid)
  else if ('name' in by) q = q.where('name', '=', by.name)
  else q = q.where('id', '=', by.id)
  const row = await q.executeTakeFirst()
  return row ? (await withSteps(db, [row]))[0] : undefined
}

/** A page of templates. */
export async function listDeployTemplates(
  db: Db,
  page: PageRequest,
): Promise<DeployTemplateRecord[]> {
  const rows = await paginate(
    db.selectFrom('deploy_templates').selectAll('deploy_templates'),
    'deploy_templates',
    page,
  ).execute()
  return withSteps(db, rows)
}

/** Templates whose names are among `names` (Ironic's `list_by_names`), in id order. */
export async function listDeployTemplatesByNames(
  db: Db,
  names: readonly string[],
): Promise<DeployTemplateRecord[]> {
  if (names.length === 0) return []
  const rows = await db
    .selectFrom('deploy_templates')
    .selectAll()
    .where('name', 'in', [...names])
    .orderBy('id')
    .execute()
  return withSteps(db, rows)
}

/** The marker row of a page: its id and sort-column value. */
export async function deployTemplateMarker(
  db: Db,
  uuid: string,
  sortKey: string,
): Promise<{ id: number; value: unknown } | undefined> {
  const row = await findDeployTemplate(db, { uuid })
  return row
    ? { id: row.id, value: (row as unknown as Record<string, unknown>)[sortKey] }
    : undefined
}

function stepRow(templateId: number, s: TemplateStep) {
  return {
    deploy_template_id: templateId,
    interface: s.interface,
    step: s.step,
    args: JSON.stringify(s.args ?? {}),
    priority: s.priority,
  }
}

/** Insert a template and its steps in one transaction; returns the new id. */
export async function insertDeployTemplate(
  db: Db,
  row: NewDeployTemplate,
  steps: readonly TemplateStep[],
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('deploy_templates')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow()
    if (steps.length > 0)
      await trx
        .insertInto('deploy_template_steps')
        .values(steps.map((s) => stepRow(id, s)))
        .execute()
    return id
  })
}

function stepKey(s: TemplateStep): string {
  return JSON.stringify([s.interface, s.step, sortedJson(s.args), s.priority])
}

async function replaceSteps(trx: Db, id: number, steps: readonly TemplateStep[]): Promise<void> {
  const current = await trx
    .selectFrom('deploy_template_steps')
    .selectAll()
    .where('deploy_template_id', '=', id)
    .execute()
  const plan = planStepUpdate(current, steps, (row) => stepKey(toStep(row)), stepKey)
  if (plan.remove.length > 0)
    await trx.deleteFrom('deploy_template_steps').where('id', 'in', plan.remove).execute()
  if (plan.add.length > 0)
    await trx
      .insertInto('deploy_template_steps')
      .values(plan.add.map((s) => stepRow(id, s)))
      .execute()
}

/** Update name/extra and, when given, the steps; bumps the revision. */
export async function updateDeployTemplate(
  db: Db,
  id: number,
  values: { name?: string; extra?: string | null; updated_at: string },
  steps?: readonly TemplateStep[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('deploy_templates')
      .set(values)
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', id)
      .execute()
    if (steps) await replaceSteps(trx, id, steps)
  })
}

/** Delete a template (its steps go with it). */
export async function deleteDeployTemplate(db: Db, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('deploy_template_steps').where('deploy_template_id', '=', id).execute()
    await trx.deleteFrom('deploy_templates').where('id', '=', id).execute()
  })
}
