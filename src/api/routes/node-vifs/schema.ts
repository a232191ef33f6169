/**
 * @module The body of `POST /v1/nodes/{node}/vifs` as Ironic checks it (`VIF_VALIDATOR`): a JSON
 * object with a string `id` that is a UUID or a logical name; other keys pass through.
 */
import { validateSchema, type Schema } from '../../../common/json-schema.js'
import { uuidOrName } from '../node-misc/args.js'

const VIF_SCHEMA: Schema = {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
  additionalProperties: true,
}

/** The VIF to attach, checked; throws Ironic's 400 "Schema error for vif: ..." and friends. */
export function checkVif(body: unknown): { id: string } & Record<string, unknown> {
  validateSchema('vif', VIF_SCHEMA, body)
  const vif = body as { id: string } & Record<string, unknown>
  uuidOrName('id', vif.id)
  return vif
}
