/**
 * @module Volume connectors and targets changed under their node's lock (Ironic's
 * `update_volume_connector`, `destroy_volume_connector`, `update_volume_target` and
 * `destroy_volume_target`): the node must be powered off, and the uniqueness rules of Ironic's
 * database (a connector's type and connector ID, a target's boot index on its node) hold.
 */
import type { Kysely } from 'kysely'
import { isoTimestamp } from '../../common/clock.js'
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../common/errors.js'
import { InvalidStateRequestedError } from '../../common/state-machine.js'
import { PowerState } from '../../common/states.js'
import { uniqueViolation } from '../../db/errors.js'
import type { Tables } from '../../db/tables.js'
import {
  deleteVolumeConnector,
  findVolumeConnector,
  updateVolumeConnector,
  volumeConnectorTaken,
} from '../../db/repos/volume-connectors.js'
import {
  bootIndexTaken,
  deleteVolumeTarget,
  findVolumeTarget,
  updateVolumeTarget,
} from '../../db/repos/volume-targets.js'
import type { RpcMethod } from '../rpc/types.js'
import { withTask, type NodeTask } from '../task.js'

/** The two volume resources. */
export type VolumeKindName = 'connector' | 'target'

type Db = Kysely<Tables>
type Row = Record<string, unknown> & { id: number; revision: number }

/** What the update and delete of one kind need from the database. */
interface VolumeStore {
  find(db: Db, uuid: string): Promise<Row | undefined>
  update(
    db: Db,
    id: number,
    changes: Record<string, unknown>,
    opts: { revision: number; updatedAt: string },
  ): Promise<boolean>
  remove(db: Db, id: number): Promise<boolean>
}

const STORES: Record<VolumeKindName, VolumeStore> = {
  connector: {
    find: async (db, uuid) => (await findVolumeConnector(db, { uuid })) as Row | undefined,
    update: updateVolumeConnector,
    remove: deleteVolumeConnector,
  },
  target: {
    find: async (db, uuid) => (await findVolumeTarget(db, { uuid })) as Row | undefined,
    update: updateVolumeTarget,
    remove: deleteVolumeTarget,
  },
}

/** "Volume connector" or "Volume target", as Ironic's messages start. */
export function volumeTitle(kind: VolumeKindName): string {
  return kind === 'connector' ? 'Volume connector' : 'Volume target'
}

/** VolumeConnectorNotFound / VolumeTargetNotFound (404). */
export function volumeNotFound(kind: VolumeKindName, ident: string): NotFoundError {
  return new NotFoundError(`${volumeTitle(kind)} ${ident} could not be found.`)
}

/**
 * 409 when the row about to be written breaks a uniqueness rule of Ironic's database:
 * `VolumeConnectorTypeAndIdAlreadyExists` or `VolumeTargetBootIndexAlreadyExists`.
 */
export async function checkVolumeUnique(
  db: Db,
  kind: VolumeKindName,
  row: Record<string, unknown>,
  exceptId?: number,
): Promise<void> {
  if (kind === 'connector') {
    const key = { type: String(row.type), connector_id: String(row.connector_id) }
    if (await volumeConnectorTaken(db, key, exceptId)) {
      throw new ConflictError(
        `A volume connector with type ${key.type} and connector ID ${key.connector_id} ` +
          'already exists.',
        'VOLUME_CONNECTOR_TYPE_AND_ID_ALREADY_EXISTS',
      )
    }
    return
  }
  const key = { node_id: row.node_id as number | null, boot_index: Number(row.boot_index) }
  if (await bootIndexTaken(db, key, exceptId)) {
    throw new ConflictError(
      `A volume target with boot index '${key.boot_index}' for the same node already exists.`,
      'VOLUME_TARGET_BOOT_INDEX_ALREADY_EXISTS',
    )
  }
}

/** Ironic refuses to change a node's volumes unless it is powered off. */
function checkPoweredOff(task: NodeTask, action: string): void {
  const node = task.record
  if (node.power_state !== PowerState.Off) {
    throw new InvalidStateRequestedError(action, { uuid: node.uuid, state: node.power_state })
  }
}

function action(kind: VolumeKindName, verb: 'update' | 'deletion'): string {
  return `volume ${kind} ${verb}`
}

async function currentRow(task: NodeTask, kind: VolumeKindName, uuid: string): Promise<Row> {
  const row = await STORES[kind].find(task.ctx.db, uuid)
  if (!row) throw volumeNotFound(kind, uuid)
  return row
}

/** `{uuid, revision, changes}`: column values, written only while the row has `revision`. */
async function updateVolume(task: NodeTask, kind: VolumeKindName, p: Record<string, unknown>) {
  checkPoweredOff(task, action(kind, 'update'))
  const { db, clock } = task.ctx
  const row = await currentRow(task, kind, String(p.uuid))
  const changes = (p.changes ?? {}) as Record<string, unknown>
  if (Object.keys(changes).length === 0) return
  await checkVolumeUnique(db, kind, { ...row, ...changes }, row.id)
  const opts = { revision: Number(p.revision), updatedAt: isoTimestamp(clock.now()) }
  const updated = await STORES[kind].update(db, row.id, changes, opts).catch(async (err: unknown) => {
    // a race lost at the database's unique key: report it as the check above would have
    if (uniqueViolation(err) !== undefined) await checkVolumeUnique(db, kind, { ...row, ...changes }, row.id)
    throw err
  })
  if (!updated) {
    throw new PreconditionFailedError(`The volume ${kind} was changed by another request; retry.`)
  }
}

async function destroyVolume(task: NodeTask, kind: VolumeKindName, p: Record<string, unknown>) {
  checkPoweredOff(task, action(kind, 'deletion'))
  const row = await currentRow(task, kind, String(p.uuid))
  if (!(await STORES[kind].remove(task.ctx.db, row.id))) throw volumeNotFound(kind, String(p.uuid))
}

function method(
  kind: VolumeKindName,
  verb: 'update' | 'deletion',
  fn: (task: NodeTask, kind: VolumeKindName, p: Record<string, unknown>) => Promise<void>,
): RpcMethod {
  return async (svc, p) => {
    await withTask(svc.ctx, { uuid: String(p.node_id) }, { purpose: action(kind, verb) }, (task) =>
      fn(task, kind, p),
    )
    return null
  }
}

/**
 * RPC methods of volume connectors and targets. Each takes `node_id` (the UUID of the node the
 * volume belongs to, after the change) and the volume's `uuid`; updates also take `revision`
 * (the ETag read by the API) and `changes` (column values).
 */
export const VOLUME_METHODS: Readonly<Record<string, RpcMethod>> = {
  update_volume_connector: method('connector', 'update', updateVolume),
  destroy_volume_connector: method('connector', 'deletion', destroyVolume),
  update_volume_target: method('target', 'update', updateVolume),
  destroy_volume_target: method('target', 'deletion', destroyVolume),
}
