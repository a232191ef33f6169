/**
 * @module `validate_driver_interfaces`: every interface of a node checks what it needs
 * (Ironic's `manager.validate_driver_interfaces`), under a shared lock.
 */
import { InvalidParameterValueError } from '../../common/errors.js'
import { UnsupportedDriverExtensionError } from '../../drivers/errors.js'
import type { InterfaceKind } from '../../drivers/types.js'
import type { ConductorContext } from '../context.js'
import type { RpcMethod } from '../rpc/types.js'
import { withTask, type NodeTask } from '../task.js'

/**
 * The interfaces validated, in Ironic's order: the core ones, then the optional ones
 * (`BareDriver.non_vendor_interfaces`); vendor is never validated here.
 */
export const VALIDATED_INTERFACES: readonly InterfaceKind[] = [
  'boot',
  'deploy',
  'management',
  'network',
  'power',
  'bios',
  'console',
  'firmware',
  'inspect',
  'raid',
  'rescue',
  'storage',
]

/** One interface's verdict as the API shows it. */
export interface ValidationResult {
  result: boolean
  reason?: string
}

/** Invalid input and unsupported features are plain failures; anything else is unexpected. */
function reasonOf(ctx: ConductorContext, err: unknown): string {
  if (err instanceof InvalidParameterValueError || err instanceof UnsupportedDriverExtensionError) {
    return err.message
  }
  const text = err instanceof Error ? err.message : String(err)
  return (
    'Unexpected exception, traceback saved into log by ironic conductor service ' +
    `that is running on ${ctx.hostname}: ${text}`
  )
}

async function validateOne(task: NodeTask, kind: InterfaceKind): Promise<ValidationResult> {
  try {
    await task.driver[kind].validate(task)
    return { result: true }
  } catch (err) {
    if (!(
      err instanceof InvalidParameterValueError || err instanceof UnsupportedDriverExtensionError
    )) {
      task.ctx.log.error(
        { err, node: task.record.uuid, iface: kind },
        'unexpected validation error',
      )
    }
    return { result: false, reason: reasonOf(task.ctx, err) }
  }
}

/** Validates each interface of the node; the kinds default to {@link VALIDATED_INTERFACES}. */
export async function validateInterfaces(
  task: NodeTask,
  kinds: readonly InterfaceKind[] = VALIDATED_INTERFACES,
): Promise<Record<string, ValidationResult>> {
  void task.driver // a node whose driver cannot be built fails as a whole, as in Ironic
  const out: Record<string, ValidationResult> = {}
  for (const kind of kinds) out[kind] = await validateOne(task, kind)
  return out
}

/** RPC methods of validation. */
export const VALIDATE_METHODS: Readonly<Record<string, RpcMethod>> = {
  /** `{node_id, interfaces?}` → `{<kind>: {result, reason?}}`. */
  validate_driver_interfaces: (svc, p) => {
    const kinds = Array.isArray(p.interfaces)
      ? VALIDATED_INTERFACES.filter((k) => (p.interfaces as unknown[]).includes(k))
      : VALIDATED_INTERFACES
    return withTask(
      svc.ctx,
      { uuid: String(p.node_id) },
      { purpose: 'driver interface validation', shared: true },
      (task) => validateInterfaces(task, kinds),
    )
  },
}
