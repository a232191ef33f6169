/**
 * @module The `[conductor]` options provisioning reads, from the process's configuration.
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

/** The provisioning options of this conductor (`[conductor]`; Ironic's defaults otherwise). */
export function provisionSettings(ctx: ConductorContext): ProvisionSettings {
  const c = ctx.config?.conductor
  return c ? { ...DEFAULTS, automated_clean: c.automated_clean } : DEFAULTS
}
