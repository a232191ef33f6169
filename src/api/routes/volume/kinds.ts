/**
 * @module The two volume resources as tables: what differs between volume connectors and volume
 * targets (fields, schema, PATCH fields, storage, messages), so that one implementation of list,
 * show, create, update and delete serves both.
 */
import type { Kysely } from 'kysely'
import { maskDictPassword } from '../../../common/mask.js'
import { ConflictError } from '../../../common/errors.js'
import type { VolumeKindName } from '../../../conductor/methods/volume.js'
import type { PageRequest } from '../../../db/repos/paging.js'
import type { VolumeFilters } from '../../../db/repos/volume-common.js'
import {
  findVolumeConnector,
  insertVolumeConnector,
  listVolumeConnectors,
  volumeConnectorMarker,
} from '../../../db/repos/volume-connectors.js'
import {
  findVolumeTarget,
  insertVolumeTarget,
  listVolumeTargets,
  volumeTargetMarker,
} from '../../../db/repos/volume-targets.js'
import type { Tables } from '../../../db/tables.js'
import {
  VOLUME_CONNECTOR_FIELDS,
  VOLUME_CONNECTOR_UNSORTABLE,
} from '../../fields/volume-connectors.js'
import { VOLUME_TARGET_FIELDS, VOLUME_TARGET_UNSORTABLE } from '../../fields/volume-targets.js'
import type { ResourceFields } from '../../fields/registry.js'
import type { Schema } from '../../../common/json-schema.js'
import type { ApiObject } from '../../serialize.js'
import {
  CONNECTOR_PATCH_ALLOWED,
  CONNECTOR_SCHEMA,
  TARGET_PATCH_ALLOWED,
  TARGET_SCHEMA,
} from './schema.js'

type Db = Kysely<Tables>

/** A stored volume connector or target, with the UUID of its node. */
export type VolumeRecord = Record<string, unknown> & {
  id: number
  uuid: string
  revision: number
  created_at: string
  node_id: number | null
  node_uuid: string | null
}

/** Everything that differs between the two volume resources. */
export interface VolumeKind {
  readonly name: VolumeKindName
  /** `volume/connectors`: the collection under /v1 */
  readonly path: string
  /** key of the list in a collection answer */
  readonly key: 'connectors' | 'targets'
  readonly fields: ResourceFields
  readonly unsortable: readonly string[]
  /** name of the path argument in Ironic's messages ("Expected UUID for connector_uuid: x") */
  readonly uuidArg: string
  /** name of the create body in schema errors ("Schema error for connector: ...") */
  readonly bodyName: string
  readonly schema: Schema
  readonly patchAllowed: readonly string[]
  /** columns other than node_id and uuid a create or PATCH writes */
  readonly columns: readonly string[]
  /** JSON columns among them, stored as text ({} for null, as Ironic's JsonEncodedDict) */
  readonly jsonColumns: readonly string[]
  find(db: Db, by: { id: number } | { uuid: string }): Promise<VolumeRecord | undefined>
  list(db: Db, filters: VolumeFilters, page: PageRequest): Promise<VolumeRecord[]>
  marker(db: Db, uuid: string, column: string): Promise<{ id: number; value: unknown } | undefined>
  insert(db: Db, values: Record<string, unknown>): Promise<number>
  /** VolumeConnectorAlreadyExists / VolumeTargetAlreadyExists (409) */
  duplicateUuid(uuid: string): ConflictError
  /** output-only changes of the API object (secrets masked) */
  sanitize?(obj: ApiObject): void
}

/** A typed row as the generic record the shared handlers read. */
function asRecord<R extends object>(row: R): VolumeRecord
function asRecord<R extends object>(row: R | undefined): VolumeRecord | undefined
function asRecord<R extends object>(row: R | undefined): VolumeRecord | undefined {
  return row as unknown as VolumeRecord | undefined
}

/** Volume connectors: /v1/volume/connectors. */
export const CONNECTORS: VolumeKind = {
  name: 'connector',
  path: 'volume/connectors',
  key: 'connectors',
  fields: VOLUME_CONNECTOR_FIELDS,
  unsortable: VOLUME_CONNECTOR_UNSORTABLE,
  uuidArg: 'connector_uuid',
  bodyName: 'connector',
  schema: CONNECTOR_SCHEMA,
  patchAllowed: CONNECTOR_PATCH_ALLOWED,
  columns: ['type', 'connector_id', 'extra'],
  jsonColumns: ['extra'],
  find: async (db, by) => asRecord(await findVolumeConnector(db, by)),
  list: async (db, f, page) => (await listVolumeConnectors(db, f, page)).map((r) => asRecord(r)),
  marker: volumeConnectorMarker,
  insert: (db, values) =>
    insertVolumeConnector(db, values as Parameters<typeof insertVolumeConnector>[1]),
  duplicateUuid: (uuid) =>
    new ConflictError(
      `A volume connector with UUID ${uuid} already exists.`,
      'VOLUME_CONNECTOR_ALREADY_EXISTS',
    ),
}

/** Volume targets: /v1/volume/targets. Their properties may hold iSCSI secrets: masked. */
export const TARGETS: VolumeKind = {
  name: 'target',
  path: 'volume/targets',
  key: 'targets',
  fields: VOLUME_TARGET_FIELDS,
  unsortable: VOLUME_TARGET_UNSORTABLE,
  uuidArg: 'target_uuid',
  bodyName: 'target',
  schema: TARGET_SCHEMA,
  patchAllowed: TARGET_PATCH_ALLOWED,
  columns: ['volume_type', 'properties', 'boot_index', 'volume_id', 'extra'],
  jsonColumns: ['extra', 'properties'],
  find: async (db, by) => asRecord(await findVolumeTarget(db, by)),
  list: async (db, f, page) => (await listVolumeTargets(db, f, page)).map((r) => asRecord(r)),
  marker: volumeTargetMarker,
  insert: (db, values) =>
    insertVolumeTarget(db, values as Parameters<typeof insertVolumeTarget>[1]),
  duplicateUuid: (uuid) =>
    new ConflictError(
      `A volume target with UUID ${uuid} already exists.`,
      'VOLUME_TARGET_ALREADY_EXISTS',
    ),
  sanitize: (obj) => {
    const props = obj.properties
    if (props !== null && typeof props === 'object' && Object.keys(props).length > 0) {
      obj.properties = maskDictPassword(props as Record<string, unknown>)
    }
  },
}
