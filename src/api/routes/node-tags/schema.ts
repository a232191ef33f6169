/**
 * @module Request schemas of the node tags API: a tag is a non-empty string of at most 255
 * characters, without commas (the `?tags=a,b` filter splits on them) and without surrounding
 * whitespace (the filter trims it).
 */
import type { Schema } from '../../../common/json-schema.js'

/** One tag (a path segment, or an item of the PUT body). */
export const TAG_SCHEMA: Schema = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^[^,\\s](?:[^,]*[^,\\s])?$',
}

/** The body of PUT /v1/nodes/{node}/tags. */
export const TAGS_BODY_SCHEMA: Schema = {
  type: 'object',
  properties: { tags: { type: 'array', items: TAG_SCHEMA } },
  required: ['tags'],
  additionalProperties: false,
}
