/**
 * @module Every field of the allocation resource (Ironic's `api/controllers/v1/allocation.py`),
 * in the order Ironic puts them; `node_uuid` comes after `links`.
 */
import { MINOR } from '../versions.js'
import { defineFields, field } from './registry.js'

const A = MINOR.ALLOCATION

export const ALLOCATION_FIELDS = defineFields(
  'allocations',
  [
    field('uuid', 'string', { since: A }),
    field('created_at', 'time', { since: A }),
    field('updated_at', 'time', { since: A }),
    field('candidate_nodes', 'json', { since: A, emptyJson: [] }),
    field('extra', 'json', { since: A, patchable: true, emptyJson: {} }),
    field('last_error', 'string', { since: A }),
    field('name', 'string', { since: A, patchable: true }),
    field('owner', 'string', { since: MINOR.ALLOCATION_OWNER }),
    field('resource_class', 'string', { since: A }),
    field('state', 'string', { since: A }),
    field('traits', 'json', { since: A, emptyJson: [] }),
    field('node_uuid', 'computed', { since: A }),
  ],
  [],
)

/** Fields shown after `links`. */
export const ALLOCATION_AFTER_LINKS: readonly string[] = ['node_uuid']

/** Sort keys Ironic refuses by name. */
export const ALLOCATION_UNSORTABLE: readonly string[] = ['extra', 'candidate_nodes', 'traits']

/** Root fields a PATCH may touch. */
export const ALLOCATION_PATCH_ALLOWED: readonly string[] = ['name', 'extra']
