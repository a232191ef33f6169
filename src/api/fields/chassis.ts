/**
 * @module Every field of the chassis resource (Ironic's api/controllers/v1/chassis.py), in the
 * order Ironic puts them in a chassis.
 */
import { defineFields, field } from './registry.js'

/** The chassis fields; a plain list shows uuid and description. */
export const CHASSIS_FIELDS = defineFields(
  'chassis',
  [
    field('uuid', 'string', { patchable: true }),
    field('created_at', 'time'),
    field('updated_at', 'time'),
    field('description', 'string', { patchable: true }),
    field('extra', 'json', { patchable: true, emptyJson: {} }),
  ],
  ['uuid', 'description'],
)

/** Sort keys Ironic refuses by name. */
export const CHASSIS_UNSORTABLE: readonly string[] = ['extra']
