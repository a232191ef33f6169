/**
 * @module A driver (hardware type) as the API shows it, built from what the active conductors
 * registered: hosts, links, and per interface kind the enabled and default implementations.
 */
import type { FastifyRequest } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import type { HardwareInterfaceRecord } from '../../../db/repos/conductors.js'
import { visibleInterfaceKinds } from '../../fields/drivers.js'
import { links } from '../../http.js'
import { MINOR } from '../../versions.js'

/** Ironic's `[conductor]heartbeat_timeout` default, until the API settings carry it. */

/**
 * The oldest heartbeat that still counts a conductor as alive: now − `[conductor]
 * heartbeat_timeout`, as an ISO timestamp comparable with `conductors.updated_at`.
 */
export function heartbeatCutoff(req: FastifyRequest): string {
  const { deps } = req.server
  const timeout = deps.settings.heartbeatTimeoutSeconds
  return isoTimestamp(new Date(deps.clock.now().getTime() - timeout * 1000))
}

export interface DriverViewOptions {
  minor: number
  base: string
  /** Add `default_<kind>_interface` / `enabled_<kind>_interfaces` (from 1.30). */
  detail: boolean
  /** The interface rows of this hardware type (used with `detail`). */
  interfaces: readonly HardwareInterfaceRecord[]
}

/** The API object of one hardware type, in the key order Ironic builds it. */
export function driverView(
  name: string,
  hosts: readonly string[],
  opts: DriverViewOptions,
): Record<string, unknown> {
  const { minor, base } = opts
  const out: Record<string, unknown> = {
    name,
    hosts: [...hosts],
    links: links(base, `drivers/${name}`),
  }
  if (minor >= MINOR.LINKS_NODESTATES_DRIVERPROPERTIES) {
    out.properties = links(base, `drivers/${name}/properties`)
  }
  if (minor < MINOR.DYNAMIC_DRIVERS) return out
  out.type = 'dynamic'
  if (!opts.detail) return out
  for (const kind of visibleInterfaceKinds(minor)) {
    const rows = opts.interfaces.filter((r) => r.interface_type === kind)
    const enabled: string[] = []
    let def: string | null = null
    for (const r of rows) {
      if (!enabled.includes(r.interface_name)) enabled.push(r.interface_name)
      if (r.default) def = r.interface_name
    }
    out[`default_${kind}_interface`] = def
    out[`enabled_${kind}_interfaces`] = enabled
  }
  return out
}
