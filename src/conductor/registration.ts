/**
 * @module A conductor's row in `conductors`: registration with the hardware types it serves,
 * heartbeats, and going offline.
 */
import type { Kysely } from 'kysely'
import { isoTimestamp, type Clock } from '../common/clock.js'
import type { Tables } from '../db/tables.js'

export interface ConductorInfo {
  hostname: string
  conductorGroup: string
  hardwareTypes: readonly string[]
  /** (hardware type, interface kind, name, is default) rows for conductor_hardware_interfaces */
  interfaces: ReadonlyArray<{ hardwareType: string; kind: string; name: string; isDefault: boolean }>
  rpcUrl: string | null
}

export interface OnlineConductor {
  hostname: string
  conductor_group: string
  drivers: string[]
  rpc_url: string | null
  updated_at: string
}

/** Registers (or re-registers) a conductor and marks it online. */
export async function registerConductor(db: Kysely<Tables>, info: ConductorInfo, clock: Clock): Promise<void> {
  const now = isoTimestamp(clock.now())
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('conductors')
      .select('id')
      .where('hostname', '=', info.hostname)
      .executeTakeFirst()
    const values = {
      drivers: JSON.stringify(info.hardwareTypes),
      online: 1,
      conductor_group: info.conductorGroup,
      rpc_url: info.rpcUrl,
      updated_at: now,
    }
    let id: number
    if (existing) {
      id = existing.id
      await trx
        .updateTable('conductors')
        .set(values)
        .set((eb) => ({ revision: eb('revision', '+', 1) }))
        .where('id', '=', id)
        .execute()
      await trx.deleteFrom('conductor_hardware_interfaces').where('conductor_id', '=', id).execute()
    } else {
      const row = await trx
        .insertInto('conductors')
        .values({ ...values, hostname: info.hostname, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
    }
    if (info.interfaces.length > 0) {
      await trx
        .insertInto('conductor_hardware_interfaces')
        .values(
          info.interfaces.map((i) => ({
            conductor_id: id,
            hardware_type: i.hardwareType,
            interface_type: i.kind,
            interface_name: i.name,
            default: i.isDefault ? 1 : 0,
          })),
        )
        .execute()
    }
  })
}

export async function heartbeatConductor(db: Kysely<Tables>, hostname: string, clock: Clock): Promise<void> {
  await db
    .updateTable('conductors')
    .set({ updated_at: isoTimestamp(clock.now()), online: 1 })
    .where('hostname', '=', hostname)
    .execute()
}

export async function unregisterConductor(db: Kysely<Tables>, hostname: string): Promise<void> {
  await db.updateTable('conductors').set({ online: 0 }).where('hostname', '=', hostname).execute()
}

/** Conductors that are online and heartbeated within `timeoutSeconds`. */
export async function onlineConductors(
  db: Kysely<Tables>,
  timeoutSeconds: number,
  clock: Clock,
): Promise<OnlineConductor[]> {
  const since = isoTimestamp(new Date(clock.now().getTime() - timeoutSeconds * 1000))
  const rows = await db
    .selectFrom('conductors')
    .select(['hostname', 'conductor_group', 'drivers', 'rpc_url', 'updated_at', 'created_at'])
    .where('online', '=', 1)
    .execute()
  return rows
    .filter((r) => (r.updated_at ?? r.created_at) >= since)
    .map((r) => ({
      hostname: r.hostname,
      conductor_group: r.conductor_group,
      drivers: JSON.parse(r.drivers ?? '[]') as string[],
      rpc_url: r.rpc_url,
      updated_at: r.updated_at ?? r.created_at,
    }))
}
