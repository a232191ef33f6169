/**
 * @module Conductor rows as the API reads them: pages of conductors, one by hostname, and the
 * hardware types and interfaces that the active conductors registered.
 */
import type { Kysely } from 'kysely'
import type { ConductorRow, Tables } from '../tables.js'
import { paginate, type PageRequest } from './paging.js'

type Db = Kysely<Tables>

/** A stored conductor row. */
export type ConductorRecord = Omit<ConductorRow, 'id' | 'revision'> & {
  id: number
  revision: number
}

/** One `conductor_hardware_interfaces` row of an active conductor. */
export interface HardwareInterfaceRecord {
  hardware_type: string
  interface_type: string
  interface_name: string
  default: boolean
}

/** Every conductor, online or not (Ironic's `Conductor.list`), one page. */
export async function listConductors(db: Db, page: PageRequest): Promise<ConductorRecord[]> {
  const q = db.selectFrom('conductors').selectAll('conductors')
  return (await paginate(q, 'conductors', page).execute()) as ConductorRecord[]
}

/** A conductor by hostname, online or not. */
export async function findConductor(
  db: Db,
  hostname: string,
): Promise<ConductorRecord | undefined> {
  const row = await db
    .selectFrom('conductors')
    .selectAll()
    .where('hostname', '=', hostname)
    .executeTakeFirst()
  return row as ConductorRecord | undefined
}

/**
 * Hardware type → hostnames of the conductors serving it that are online and heartbeated at
 * or after `since` (Ironic's `get_active_hardware_type_dict`). Both sorted by name.
 */
export async function activeHardwareTypes(db: Db, since: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('conductor_hardware_interfaces as i')
    .innerJoin('conductors as c', 'c.id', 'i.conductor_id')
    .select(['i.hardware_type as hardware_type', 'c.hostname as hostname'])
    .distinct()
    .where('c.online', '=', 1)
    .where('c.updated_at', '>=', since)
    .orderBy('i.hardware_type')
    .orderBy('c.hostname')
    .execute()
  const out = new Map<string, string[]>()
  for (const r of rows) {
    const hosts = out.get(r.hardware_type)
    if (hosts) hosts.push(r.hostname)
    else out.set(r.hardware_type, [r.hostname])
  }
  return out
}

/**
 * The interface rows the active conductors registered for these hardware types, in
 * registration order (Ironic's `list_hardware_type_interfaces`).
 */
export async function activeHardwareInterfaces(
  db: Db,
  hardwareTypes: readonly string[],
  since: string,
): Promise<HardwareInterfaceRecord[]> {
  if (hardwareTypes.length === 0) return []
  const rows = await db
    .selectFrom('conductor_hardware_interfaces as i')
    .innerJoin('conductors as c', 'c.id', 'i.conductor_id')
    .select(['i.hardware_type', 'i.interface_type', 'i.interface_name', 'i.default'])
    .where('i.hardware_type', 'in', hardwareTypes)
    .where('c.online', '=', 1)
    .where('c.updated_at', '>=', since)
    .orderBy('c.id')
    .orderBy('i.id')
    .execute()
  return rows.map((r) => ({
    hardware_type: r.hardware_type,
    interface_type: r.interface_type,
    interface_name: r.interface_name,
    default: Boolean(r.default),
  }))
}
