/**
 * @module VIFs recorded on the node's own ports and port groups, without a networking service:
 * Ironic's `VIFPortIDMixin` and the port choice of `get_free_port_like_object`
 * (`drivers/modules/network/common.py`), with no physical network constraint from a VIF.
 */
import type { JsonObject } from '../types.js'
import {
  NoFreePhysicalPortsError,
  PortgroupPhysnetInconsistentError,
  VifAlreadyAttachedError,
  VifNotAttachedError,
} from './errors.js'
import type {
  ExclusivePortsTask,
  NetworkPort,
  NetworkPortgroup,
  NodePortStore,
  PortLike,
  VifInfo,
} from './types.js'

/** Where a port-like object records its tenant VIF (`NetType.TENANT.vif_key`). */
export const TENANT_VIF_KEY = 'tenant_vif_port_id'

/** The `<net>_vif_port_id` keys in Ironic's `NetType` order: tenant last. */
const VIF_KEYS = ['cleaning', 'provisioning', 'rescuing', 'inspection', 'servicing', 'tenant'].map(
  (net) => `${net}_vif_port_id`,
)

type PortLikeObject = NetworkPort | NetworkPortgroup

/** The tenant VIF recorded on a port or port group, if any. */
export function tenantVifOf(p: PortLike): unknown {
  return p.internal_info[TENANT_VIF_KEY] ?? null
}

/** Every attached VIF: ports first, then port groups (Ironic's `vif_list`). */
export async function listVifs(store: NodePortStore): Promise<{ id: string }[]> {
  const all: PortLikeObject[] = [...(await store.ports()), ...(await store.portgroups())]
  return all.flatMap((p) => {
    const vif = tenantVifOf(p)
    return vif ? [{ id: String(vif) }] : []
  })
}

/** The VIF of the network the port is on now: cleaning, provisioning... before tenant. */
export function currentVifOf(p: PortLike): string | null {
  const key = VIF_KEYS.find((k) => Object.hasOwn(p.internal_info, k))
  if (key === undefined) return null
  const vif = p.internal_info[key]
  return vif === null || vif === undefined ? null : String(vif)
}

/** 409 when `vifId` is on `p`; otherwise whether another VIF is (`_vif_attached`). */
function hasOtherVif(p: PortLikeObject, vifId: string): boolean {
  const attached = tenantVifOf(p)
  if (attached === vifId) throw new VifAlreadyAttachedError(vifId, p.type, p.uuid)
  return attached !== null
}

const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * `neutron.validate_port_info` for a network interface other than `neutron`: an InfiniBand port
 * is fine, and only Smart NIC ports may (and must) name a switch `port_id` and `hostname`.
 */
function hasValidPortInfo(p: NetworkPort): boolean {
  if (isObject(p.extra) && p.extra['client-id']) return true
  const llc = isObject(p.local_link_connection) ? p.local_link_connection : {}
  const smartNicLink = typeof llc.port_id === 'string' && typeof llc.hostname === 'string'
  return p.is_smartnic === smartNicLink
}

/** The VIF's choice of port: `port_uuid` wins over `portgroup_uuid`, as in Ironic. */
function requestedTargets(vif: VifInfo): { portUuid: unknown; portgroupUuid: unknown } {
  if ('port_uuid' in vif) return { portUuid: vif.port_uuid, portgroupUuid: null }
  if ('portgroup_uuid' in vif) return { portUuid: null, portgroupUuid: vif.portgroup_uuid }
  return { portUuid: null, portgroupUuid: null }
}

/** Ironic's `_get_free_portgroups_and_ports`, with every physical network allowed. */
function freePortLikes(
  ports: readonly NetworkPort[],
  portgroups: readonly NetworkPortgroup[],
  vif: VifInfo,
): PortLikeObject[] {
  const { portUuid, portgroupUuid } = requestedTargets(vif)
  const free: PortLikeObject[] = []
  const byPortgroup = new Map<number | null, NetworkPort[]>()
  const unusable = new Set<number | null>()
  for (const p of ports) {
    if ((portUuid && portUuid !== p.uuid) || !hasValidPortInfo(p)) continue
    if (hasOtherVif(p, vif.id)) {
      unusable.add(p.portgroup_id)
      continue
    }
    if (p.portgroup_id === null && !portgroupUuid) free.push(p)
    else byPortgroup.set(p.portgroup_id, [...(byPortgroup.get(p.portgroup_id) ?? []), p])
  }
  if (portUuid) return free
  for (const pg of portgroups) {
    if ((portgroupUuid && portgroupUuid !== pg.uuid) || hasOtherVif(pg, vif.id)) continue
    const members = byPortgroup.get(pg.id) ?? []
    if (unusable.has(pg.id)) {
      if (!portgroupUuid) free.push(...members)
    } else if (members.length > 0) free.push(pg)
  }
  return free
}

/** The one physical network of a port group's ports; 500 when they disagree. */
function checkPortgroupPhysnet(pg: NetworkPortgroup, ports: readonly NetworkPort[]): void {
  const members = ports.filter((p) => p.portgroup_id === pg.id)
  const physnets = new Set(members.map((p) => p.physical_network))
  if (physnets.size > 1) {
    throw new PortgroupPhysnetInconsistentError(
      pg.uuid,
      [...physnets].map((n) => n ?? 'None'),
    )
  }
}

/**
 * The best free port-like object: port groups before ports, PXE-enabled ports before others,
 * the first one in database order among equals (Python's stable `sorted(reverse=True)`).
 */
function pickPortLike(candidates: readonly PortLikeObject[], ports: readonly NetworkPort[]) {
  const rank = (p: PortLikeObject): number => {
    if (p.type === 'Portgroup') {
      checkPortgroupPhysnet(p, ports)
      return 2
    }
    return p.pxe_enabled ? 1 : 0
  }
  const ranks = candidates.map(rank)
  return candidates[ranks.indexOf(Math.max(...ranks))]
}

/**
 * Attaches a VIF to a free port or port group of the node: 409 when it is already attached,
 * 400 when nothing is free (Ironic's `get_free_port_like_object` and `_save_vif_to_port_like_obj`).
 */
export async function attachVif(task: ExclusivePortsTask, vif: VifInfo): Promise<void> {
  const ports = await task.ports.ports()
  const candidates = freePortLikes(ports, await task.ports.portgroups(), vif)
  const target = pickPortLike(candidates, ports)
  if (target === undefined) throw new NoFreePhysicalPortsError(vif.id)
  await task.ports.save(target, {
    internal_info: { ...target.internal_info, [TENANT_VIF_KEY]: vif.id },
    extra: target.extra,
  })
}

function without(obj: JsonObject, key: string): JsonObject {
  const out: Record<string, unknown> = { ...obj }
  delete out[key]
  return out
}

/**
 * Detaches a VIF: finds it on a port group or port (port groups first), then drops it from
 * `internal_info` and a legacy `extra.vif_port_id`; 400 when the node does not have it.
 */
export async function detachVif(task: ExclusivePortsTask, vifId: string): Promise<void> {
  const all: PortLikeObject[] = [...(await task.ports.portgroups()), ...(await task.ports.ports())]
  const target = all.find((p) => tenantVifOf(p) === vifId)
  if (target === undefined) throw new VifNotAttachedError(vifId, task.node.uuid)
  await task.ports.save(target, {
    internal_info: without(target.internal_info, TENANT_VIF_KEY),
    extra: without(target.extra, 'vif_port_id'),
  })
}
