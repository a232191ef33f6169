/**
 * @module Every field of the deploy template resource (Ironic's
 * `api/controllers/v1/deploy_template.py`), in the order Ironic puts them.
 */
import { MINOR } from '../versions.js'
import { defineFields, field } from './registry.js'

export const DEPLOY_TEMPLATE_FIELDS = defineFields(
  'deploy_templates',
  [
    field('uuid', 'string', { since: MINOR.DEPLOY_TEMPLATES }),
    field('created_at', 'time', { since: MINOR.DEPLOY_TEMPLATES }),
    field('updated_at', 'time', { since: MINOR.DEPLOY_TEMPLATES }),
    field('name', 'string', { since: MINOR.DEPLOY_TEMPLATES, patchable: true }),
    field('extra', 'json', { since: MINOR.DEPLOY_TEMPLATES, patchable: true, emptyJson: {} }),
    field('steps', 'computed', { since: MINOR.DEPLOY_TEMPLATES, patchable: true }),
  ],
  ['uuid', 'name'],
)

/** Fields shown after `links`. */
export const DEPLOY_TEMPLATE_AFTER_LINKS: readonly string[] = ['steps']

/** Sort keys Ironic refuses by name. */
export const DEPLOY_TEMPLATE_UNSORTABLE: readonly string[] = ['extra', 'steps']

/** Root fields a PATCH may touch (`description` is accepted and ignored, as in Ironic). */
export const DEPLOY_TEMPLATE_PATCH_ALLOWED: readonly string[] = [
  'extra',
  'name',
  'steps',
  'description',
]
