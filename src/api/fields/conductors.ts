/** @module The fields of a conductor object (`/v1/conductors`, from 1.49). */
import { defineFields, field } from './registry.js'
import { MINOR } from '../versions.js'

const since = MINOR.CONDUCTORS

/** Every field of a conductor, in the order Ironic builds the object. */
export const CONDUCTOR_FIELDS = defineFields(
  'conductor',
  [
    field('created_at', 'time', { since }),
    field('updated_at', 'time', { since }),
    field('hostname', 'string', { since }),
    field('conductor_group', 'string', { since }),
    field('drivers', 'json', { since, emptyJson: [] }),
    field('alive', 'computed', { since }),
  ],
  ['hostname', 'conductor_group', 'alive'],
)

/**
 * `sort_key` values and the column each sorts on: the columns of Ironic's conductors table
 * (`version` is one, constant across rows, so it sorts like `id`).
 */
export const CONDUCTOR_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'id',
  hostname: 'hostname',
  conductor_group: 'conductor_group',
  online: 'online',
  created_at: 'created_at',
  updated_at: 'updated_at',
  version: 'id',
}

/** Sort keys Ironic refuses before asking the database (its `invalid_sort_key_list`). */
export const CONDUCTOR_UNSORTABLE: readonly string[] = ['alive', 'drivers']
