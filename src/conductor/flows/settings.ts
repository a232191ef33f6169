/**
 * @module The `[conductor]` options provisioning reads. The conductor context carries no
 * configuration yet, so these are read from `ctx.config` when a process provides one, with
 * Ironic's defaults otherwise.
 */
import type { ConductorContext } from '../context.js'

/** Provisioning options, by Ironic's names. */
export interface ProvisionSettings {
  /** `[conductor]automated_clean` (a node's own `automated_clean` wins). */
  readonly automated_clean: boolean
  /** `[conductor]allow_provisioning_in_maintenance`. */
  readonly allow_provisioning_in_maintenance: boolean
  /** `[conductor]max_conductor_wait_step_seconds`. */
  readonly max_conductor_wait_step_seconds: number
}

const DEFAULTS: ProvisionSettings = {
  automated_clean: true,
  allow_provisioning_in_maintenance: true,
  max_conductor_wait_step_seconds: 30,
}

/** The provisioning options of this conductor. */
export function provisionSettings(ctx: ConductorContext): ProvisionSettings {
  const section = (ctx as { readonly config?: { readonly conductor?: Partial<ProvisionSettings> } })
    .config?.conductor
  return { ...DEFAULTS, ...pick(section) }
}

function pick(section: Partial<ProvisionSettings> | undefined): Partial<ProvisionSettings> {
  if (!section) return {}
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(DEFAULTS) as (keyof ProvisionSettings)[]) {
    if (section[key] !== undefined) out[key] = section[key]
  }
  return out as Partial<ProvisionSettings>
}
