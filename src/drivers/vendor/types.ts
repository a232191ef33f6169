/** @module The vendor passthru contract (Ironic `drivers/base.py` `VendorInterface`). */
import type { DriverInterface, Task } from '../types.js'

/** HTTP methods a passthru method may accept. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One passthru call: the method name, the HTTP verb used and the request body. */
export interface VendorCall {
  readonly method: string
  readonly httpMethod: HttpMethod
  readonly args: Readonly<Record<string, unknown>>
}

/** Metadata of a passthru method, as `GET .../vendor_passthru/methods` shows it. */
export interface VendorRouteInfo {
  readonly httpMethods: readonly HttpMethod[]
  /** Run in the background (202) rather than answer with the result (200). */
  readonly async: boolean
  readonly description: string
  /** Return the result as an attachment instead of in the body. */
  readonly attach: boolean
}

/** A node passthru method (`/v1/nodes/{node}/vendor_passthru/{method}`). */
export interface VendorRoute extends VendorRouteInfo {
  /** Lock the node for validation and the call; Ironic's default is yes. */
  readonly requireExclusiveLock: boolean
  run(task: Task, call: VendorCall): Promise<unknown>
}

/** A driver passthru method (`/v1/drivers/{driver}/vendor_passthru/{method}`); no node. */
export interface DriverVendorRoute extends VendorRouteInfo {
  run(call: VendorCall): Promise<unknown>
}

/** Vendor-specific extensions reached through the passthru endpoints. */
export interface VendorInterface extends DriverInterface<'vendor'> {
  readonly routes: Readonly<Record<string, VendorRoute>>
  readonly driverRoutes: Readonly<Record<string, DriverVendorRoute>>
  /** Validate the node, and the call when one is given. */
  validate(task: Task, call?: VendorCall): Promise<void>
  /** Validate a driver passthru call. */
  driverValidate?(call: VendorCall): Promise<void>
}

/** Declare a node passthru method with Ironic's defaults (async, exclusive lock, no attach). */
export function defineVendorRoute(
  spec: Pick<VendorRoute, 'httpMethods' | 'run'> & Partial<VendorRoute>,
): VendorRoute {
  return Object.freeze({
    async: true,
    description: '',
    attach: false,
    requireExclusiveLock: true,
    ...spec,
  })
}

/** The `vendor_passthru/methods` answer for a set of routes, in Ironic's snake_case shape. */
export function describeRoutes(
  routes: Readonly<Record<string, VendorRouteInfo & { requireExclusiveLock?: boolean }>>,
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(routes).map(([name, r]) => [
      name,
      {
        http_methods: [...r.httpMethods],
        async: r.async,
        description: r.description,
        attach: r.attach,
        ...(r.requireExclusiveLock === undefined
          ? {}
          : { require_exclusive_lock: r.requireExclusiveLock }),
      },
    ]),
  )
}
