/**
 * @module Creating, updating (JSON PATCH) and deleting volume connectors and targets, with
 * Ironic's checks in Ironic's order (the `post`, `patch` and `delete` of its volume
 * controllers). Updates and deletes go to the conductor of the node, which takes the node's
 * lock and refuses them unless the node is powered off; creation is written here, as Ironic's
 * API does.
 */
import type { FastifyRequest } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import { ClientSideError, InvalidParameterValueError } from '../../../common/errors.js'
import { isUuidLike, newUuid } from '../../../common/uuid.js'
import { checkVolumeUnique, volumeNotFound } from '../../../conductor/methods/volume.js'
import { uniqueViolation } from '../../../db/errors.js'
import { findNode } from '../../../db/repos/nodes.js'
import { checkIfMatch, etagOf } from '../../http.js'
import { applyPatch, checkPatch, type PatchOp } from '../../json-patch.js'
import type { Query } from '../../query.js'
import { columnValue } from '../../serialize.js'
import { pyStr } from '../../../common/python-repr.js'
import { callNode } from '../node-misc/node-call.js'
import { nodeNotFound } from '../nodes/lookup.js'
import { operationNotPermitted, queryArgs, uuidArg } from '../ports/args.js'
import { resolveNodeChange } from '../ports/patch-node.js'
import type { VolumeKind, VolumeRecord } from './kinds.js'
import { validateVolume } from './schema.js'

/** A request naming one connector or target in its path. */
export type VolumeRequest = FastifyRequest<{ Params: { volume: string } }>

/** `check_volume_policy_and_retrieve`: the connector or target of the path, or 404. */
export async function getVolume(
  kind: VolumeKind,
  req: FastifyRequest,
  uuid: string,
): Promise<VolumeRecord> {
  const row = await kind.find(req.server.deps.database.db, { uuid })
  if (!row) throw volumeNotFound(kind.name, uuid)
  return row
}

/** A stored value of a column as written: JSON columns as text, `{}` for null. */
function toColumn(kind: VolumeKind, name: string, value: unknown): unknown {
  return kind.jsonColumns.includes(name) ? JSON.stringify(value ?? {}) : value
}

/**
 * POST /v1/volume/{connectors,targets}: validates and stores a new connector or target. Under a
 * node (`parentNode`) Ironic refuses it once the body is checked: 403.
 */
export async function createVolume(
  kind: VolumeKind,
  req: FastifyRequest,
  parentNode?: string,
): Promise<VolumeRecord> {
  const { database, clock } = req.server.deps
  queryArgs(req.query as Query, [])
  const values = validateVolume(kind.bodyName, kind.schema, req.body === undefined ? {} : req.body)
  const nodeUuid = values.node_uuid as string
  const node = await findNode(database.db, { uuid: nodeUuid })
  if (!node) {
    throw new ClientSideError(`Invalid input for field/attribute node_uuid. Value: '${nodeUuid}'. `)
  }
  if (parentNode !== undefined) throw operationNotPermitted()
  const uuid = (values.uuid as string | null | undefined) || newUuid()
  const row: Record<string, unknown> = { uuid, node_id: node.id }
  for (const name of kind.columns) row[name] = toColumn(kind, name, values[name])
  row.created_at = isoTimestamp(clock.now())
  await checkVolumeUnique(database.db, kind.name, row)
  let id: number
  try {
    id = await kind.insert(database.db, row)
  } catch (err) {
    if (uniqueViolation(err) === 'uuid') throw kind.duplicateUuid(uuid)
    // a race lost at the database's unique key: report it as the check above would have
    if (uniqueViolation(err) !== undefined) await checkVolumeUnique(database.db, kind.name, row)
    throw err
  }
  return (await kind.find(database.db, { id }))!
}

/** The connector or target as a patch sees it: the schema's fields, JSON parsed. */
function patchableDoc(kind: VolumeKind, row: VolumeRecord): Record<string, unknown> {
  const doc: Record<string, unknown> = { uuid: row.uuid, node_uuid: row.node_uuid }
  for (const name of kind.columns) {
    doc[name] = columnValue(kind.fields.byName.get(name)!, row[name])
  }
  return doc
}

/** InvalidUUID for a `/node_uuid` value that is no UUID (Ironic checks before looking). */
function checkNodeUuidValues(ops: readonly PatchOp[]): void {
  for (const op of ops) {
    if (op.path !== '/node_uuid' || op.op === 'remove') continue
    if (!isUuidLike(op.value)) {
      throw new InvalidParameterValueError(
        `Expected a UUID for node_uuid, but received ${pyStr(op.value)}.`,
      )
    }
  }
}

/** `patch_update_changed_fields`: the columns whose value the patch changed. */
function changedColumns(
  kind: VolumeKind,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {}
  for (const name of kind.columns) {
    const value = after[name] ?? null
    if (JSON.stringify(value) !== JSON.stringify(before[name] ?? null)) {
      changes[name] = toColumn(kind, name, value)
    }
  }
  return changes
}

/**
 * PATCH /v1/volume/{connectors,targets}/{uuid}: applies the patch, then the node's conductor
 * checks its power state and writes the changes (compare-and-set on the ETag read here).
 */
export async function patchVolume(
  kind: VolumeKind,
  req: VolumeRequest,
  parentNode?: string,
): Promise<VolumeRecord> {
  queryArgs(req.query as Query, [])
  uuidArg(kind.uuidArg, req.params.volume)
  const ops = checkPatch(req.body, kind.patchAllowed, req.minor)
  const row = await getVolume(kind, req, req.params.volume)
  if (parentNode !== undefined) throw operationNotPermitted()
  checkIfMatch(req, etagOf(row))
  checkNodeUuidValues(ops)
  const current = patchableDoc(kind, row)
  const node = await resolveNodeChange(req, row, ops)
  const patched = applyPatch(current, ops)
  patched.node_uuid = node.uuid
  const schemaFields = Object.keys(kind.schema.properties ?? {})
  const doc = Object.fromEntries(Object.entries(patched).filter(([k]) => schemaFields.includes(k)))
  const valid = validateVolume('patch', kind.schema, doc)
  const changes = changedColumns(kind, current, valid)
  if (node.id !== row.node_id) changes.node_id = node.id
  await callNode(req, node, `update_volume_${kind.name}`, {
    uuid: row.uuid,
    revision: row.revision,
    changes,
  })
  const updated = await kind.find(req.server.deps.database.db, { id: row.id })
  if (!updated) throw volumeNotFound(kind.name, row.uuid)
  return updated
}

/** DELETE /v1/volume/{connectors,targets}/{uuid}: through the node's conductor. */
export async function deleteVolume(
  kind: VolumeKind,
  req: VolumeRequest,
  parentNode?: string,
): Promise<void> {
  queryArgs(req.query as Query, [])
  uuidArg(kind.uuidArg, req.params.volume)
  const row = await getVolume(kind, req, req.params.volume)
  if (parentNode !== undefined) throw operationNotPermitted()
  checkIfMatch(req, etagOf(row))
  const db = req.server.deps.database.db
  const node = row.node_id === null ? undefined : await findNode(db, { id: row.node_id })
  if (!node) throw nodeNotFound(String(row.node_id))
  await callNode(req, node, `destroy_volume_${kind.name}`, { uuid: row.uuid })
}
