/**
 * @module PATCH of a deploy template, as Ironic does it: allowed root fields, the patch applied
 * to the stored template, each step pruned to the step schema and checked, then the whole
 * template checked; only changed fields are written.
 */
import type { FastifyRequest } from 'fastify'
import type { DeployTemplateRecord, TemplateStep } from '../../../db/repos/deploy-templates.js'
import { DEPLOY_TEMPLATE_PATCH_ALLOWED } from '../../fields/deploy-templates.js'
import { applyPatch, checkPatch } from '../../json-patch.js'
import { pruneToSchema } from '../../step-templates.js'
import { deployStepSchema } from '../node-provision/schema.js'
import { checkSchema, templateSchema, validateTemplate } from './schema.js'

type IdentReq = FastifyRequest<{ Params: { ident: string } }>

/** What a PATCH changes: columns and, when they changed, the steps. */
export interface TemplateChanges {
  columns: { name?: string; extra?: string | null }
  steps?: TemplateStep[]
}

function asDict(t: DeployTemplateRecord): Record<string, unknown> {
  return {
    id: t.id,
    uuid: t.uuid,
    name: t.name,
    steps: t.steps.map((s) => ({ ...s })),
    extra: t.extra ? (JSON.parse(t.extra) as unknown) : {},
    created_at: t.created_at,
    updated_at: t.updated_at,
  }
}

function changesOf(
  t: DeployTemplateRecord,
  patched: Record<string, unknown>,
): TemplateChanges | undefined {
  const before = asDict(t)
  const changes: TemplateChanges = { columns: {} }
  let changed = false
  if (patched.name !== before.name) {
    changes.columns.name = patched.name as string
    changed = true
  }
  if (JSON.stringify(patched.extra ?? null) !== JSON.stringify(before.extra)) {
    changes.columns.extra =
      patched.extra === null || patched.extra === undefined ? null : JSON.stringify(patched.extra)
    changed = true
  }
  if (JSON.stringify(patched.steps) !== JSON.stringify(before.steps)) {
    changes.steps = (patched.steps as Record<string, unknown>[]).map((s) => ({
      interface: String(s.interface),
      step: String(s.step),
      args: (s.args ?? {}) as Record<string, unknown>,
      priority: Number(s.priority),
    }))
    changed = true
  }
  return changed ? changes : undefined
}

/** Check and apply a PATCH; `changes` is undefined when nothing changes. */
export async function patchTemplate(
  req: IdentReq,
  load: (req: IdentReq) => Promise<DeployTemplateRecord>,
): Promise<{ template: DeployTemplateRecord; changes: TemplateChanges | undefined }> {
  const ops = checkPatch(req.body, DEPLOY_TEMPLATE_PATCH_ALLOWED, req.minor)
  const template = await load(req)
  const doc = applyPatch(asDict(template), ops)
  const stepSchema = deployStepSchema(req.minor)
  if (Array.isArray(doc.steps)) {
    doc.steps = doc.steps.map((step: unknown) => {
      if (step === null || typeof step !== 'object' || Array.isArray(step)) return step
      const pruned = pruneToSchema(step as Record<string, unknown>, stepSchema)
      checkSchema('patch', stepSchema, pruned)
      return pruned
    })
  }
  const schema = templateSchema(req.minor)
  const patched = validateTemplate('patch', pruneToSchema(doc, schema), req.minor)
  return { template, changes: changesOf(template, patched) }
}
