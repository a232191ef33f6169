/**
 * @module Every field of the runbook resource (Ironic's `api/controllers/v1/runbook.py`), in the
 * order Ironic puts them: `description` and `traits` exist from 1.112.
 */
import { MINOR } from '../versions.js'
import { defineFields, field } from './registry.js'

const since = MINOR.RUNBOOKS

/** The runbook fields; `uuid` and `name` are what a plain list shows. */
export const RUNBOOK_FIELDS = defineFields(
  'runbooks',
  [
    field('uuid', 'string', { since }),
    field('created_at', 'time', { since }),
    field('updated_at', 'time', { since }),
    field('name', 'string', { since, patchable: true }),
    field('extra', 'json', { since, patchable: true, emptyJson: {} }),
    field('public', 'bool', { since, patchable: true }),
    field('owner', 'string', { since, patchable: true }),
    field('disable_ramdisk', 'bool', { since, patchable: true }),
    field('description', 'string', { since: MINOR.RUNBOOK_TRAITS, patchable: true }),
    field('steps', 'computed', { since, patchable: true }),
    field('traits', 'computed', { since: MINOR.RUNBOOK_TRAITS }),
  ],
  ['uuid', 'name'],
)

/** Fields shown after `links`. */
export const RUNBOOK_AFTER_LINKS: readonly string[] = ['steps', 'traits']

/** Sort keys Ironic refuses by name (`invalid_sort_key_list`). */
export const RUNBOOK_UNSORTABLE: readonly string[] = ['extra', 'steps', 'traits']

/** Root fields a PATCH may touch, in Ironic's order (`description` from 1.112). */
export function runbookPatchAllowed(minor: number): readonly string[] {
  const base = ['disable_ramdisk', 'extra', 'name', 'owner', 'public', 'steps']
  return minor >= MINOR.RUNBOOK_TRAITS ? [...base, 'description'] : base
}
