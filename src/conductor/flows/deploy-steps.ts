/**
 * @module Which steps a deployment runs (Ironic `conductor/steps.py`): the enabled deploy
 * steps of the node's interfaces, overridden or extended by the user's `deploy_steps` and by
 * the deploy templates named in `instance_info.traits`, highest priority first.
 */
import { InvalidParameterValueError } from '../../common/errors.js'
import {
  listDeployTemplatesByNames,
  type DeployTemplateRecord,
} from '../../db/repos/deploy-templates.js'
import { driverSteps, stepId, type StepRecord } from '../steps/driver-steps.js'
import { DEPLOYING_INTERFACE_PRIORITY, sortSteps } from '../steps/priorities.js'
import { validateUserSteps } from '../steps/validate.js'
import type { NodeTask } from '../task.js'
import { internal } from './node-info.js'

/** The traits the instance asked for (`instance_info.traits`), or none. */
export function instanceTraits(task: NodeTask): unknown {
  return task.node.instance_info['traits']
}

/**
 * The templates whose name is one of the instance's traits (`_get_deployment_templates`);
 * `validate_instance_info_traits` has made sure those are node traits.
 */
export async function deploymentTemplates(task: NodeTask): Promise<DeployTemplateRecord[]> {
  const traits = instanceTraits(task)
  if (!Array.isArray(traits) || traits.length === 0) return []
  return listDeployTemplatesByNames(
    task.ctx.db,
    traits.filter((t): t is string => typeof t === 'string'),
  )
}

/** The steps of the matching templates, validated against the node's interfaces. */
export async function templateSteps(task: NodeTask, skipMissing: boolean): Promise<StepRecord[]> {
  const templates = await deploymentTemplates(task)
  const steps: StepRecord[] = templates.flatMap((t) =>
    t.steps.map((s) => ({
      interface: s.interface,
      step: s.step,
      args: s.args,
      priority: s.priority,
    })),
  )
  const errorPrefix =
    "Validation of deploy steps from deploy templates matching this node's instance traits " +
    `failed. Matching deploy templates: ${templates.map((t) => t.name).join(',')}. Errors: `
  return validateUserSteps(task, steps, 'deploy', { errorPrefix, skipMissing })
}

/** The user's `deploy_steps` (given, or kept in `driver_internal_info`), validated. */
export function userDeploySteps(
  task: NodeTask,
  given: readonly StepRecord[] | null,
  skipMissing: boolean,
): StepRecord[] {
  const steps =
    given && given.length > 0
      ? given
      : (internal(task, 'user_deploy_steps') as StepRecord[] | undefined)
  if (!steps || steps.length === 0) return []
  const errorPrefix = 'Validation of deploy steps from "deploy steps" argument failed.'
  return validateUserSteps(task, steps, 'deploy', { errorPrefix, skipMissing })
}

/** `validate_user_deploy_steps_and_templates`. */
export async function validateDeployStepsAndTemplates(
  task: NodeTask,
  given: readonly StepRecord[] | null,
  skipMissing: boolean,
): Promise<void> {
  await templateSteps(task, skipMissing)
  userDeploySteps(task, given, skipMissing)
}

/**
 * Every step of the deployment (`_get_all_deployment_steps`): user steps win over template
 * steps, both win over (or with priority 0 disable) the driver's steps of the same id.
 */
export async function allDeploymentSteps(
  task: NodeTask,
  skipMissing: boolean,
): Promise<StepRecord[]> {
  const user = userDeploySteps(task, null, skipMissing)
  const fromTemplates = await templateSteps(task, skipMissing)
  const userIds = new Set(user.map(stepId))
  user.push(...fromTemplates.filter((s) => !userIds.has(stepId(s))))
  const overridden = new Set(user.map(stepId))
  const steps = driverSteps(task, 'deploy', { enabled: true }).filter(
    (s) => !overridden.has(stepId(s)),
  )
  steps.push(...user.filter((s) => Number(s.priority) > 0))
  return sortSteps(steps, DEPLOYING_INTERFACE_PRIORITY)
}

/** `validate_instance_info_traits`: instance traits must be a list of node traits. */
export async function validateInstanceTraits(task: NodeTask): Promise<void> {
  const traits = instanceTraits(task)
  if (
    traits === undefined ||
    traits === null ||
    (Array.isArray(traits) && traits.length === 0) ||
    traits === ''
  )
    return
  if (!Array.isArray(traits) || !traits.every((t) => typeof t === 'string')) {
    throw new InvalidParameterValueError(
      `Error parsing traits from Node ${task.node.uuid} instance_info field. A list of strings is expected.`,
    )
  }
  const rows = await task.ctx.db
    .selectFrom('node_traits')
    .select('trait')
    .where('node_id', '=', task.record.id)
    .execute()
  const have = new Set(rows.map((r) => r.trait))
  const missing = [...new Set(traits as string[])].filter((t) => !have.has(t))
  if (missing.length > 0) {
    throw new InvalidParameterValueError(
      `Cannot specify instance traits that are not also set on the node. Node ${task.node.uuid} is missing traits ${missing.join(', ')}`,
    )
  }
}
