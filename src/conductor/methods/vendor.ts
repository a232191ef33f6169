/**
 * @module Vendor passthru: listing and calling the vendor methods of a node or of a hardware
 * type (Ironic's `vendor_passthru`, `driver_vendor_passthru` and their `get_*_methods`).
 */
import { InvalidParameterValueError } from '../../common/errors.js'
import { DriverLoadError } from '../../drivers/errors.js'
import { INTERFACES } from '../../drivers/registry.js'
import {
  describeRoutes,
  type HttpMethod,
  type VendorCall,
  type VendorInterface,
  type VendorRouteInfo,
} from '../../drivers/vendor/types.js'
import type { ConductorContext } from '../context.js'
import type { RpcMethod } from '../rpc/types.js'
import { withTask } from '../task.js'

/** What a passthru call answers: the result (sync), or null when it runs in the background. */
export interface PassthruResult {
  return: unknown
  async: boolean
  attach: boolean
}

/** The route's metadata sorted by method name, as Ironic lists members. */
function describeSorted(routes: Readonly<Record<string, VendorRouteInfo>>) {
  const described = describeRoutes(routes)
  return Object.fromEntries(
    Object.keys(described)
      .sort()
      .map((k) => [k, described[k]]),
  )
}

/** The route of `method`, checked against the HTTP method (Ironic's messages). */
function routeFor<R extends VendorRouteInfo>(
  routes: Readonly<Record<string, R>>,
  method: string,
  httpMethod: string,
): R {
  const route = Object.hasOwn(routes, method) ? routes[method] : undefined
  if (!route) throw new InvalidParameterValueError(`No handler for method ${method}`)
  if (!route.httpMethods.includes(httpMethod as HttpMethod)) {
    throw new InvalidParameterValueError(`The method ${method} does not support HTTP ${httpMethod}`)
  }
  return route
}

function callOf(p: Record<string, unknown>): VendorCall {
  const info = p.info
  return {
    method: String(p.method),
    httpMethod: String(p.http_method).toUpperCase() as HttpMethod,
    args:
      info !== null && typeof info === 'object' && !Array.isArray(info)
        ? (info as Record<string, unknown>)
        : {},
  }
}

/** Runs background work outside any lock, tracked for shutdown; failures are logged. */
function background(ctx: ConductorContext, what: string, work: () => Promise<unknown>): void {
  const p = work()
    .then(() => undefined)
    .catch((err: unknown) => ctx.log.error({ err }, `background ${what} failed`))
  ctx.inFlight.add(p)
  void p.finally(() => ctx.inFlight.delete(p))
}

/** Node passthru: route lookup under a shared lock, then the call under the lock it asks for. */
async function nodePassthru(
  ctx: ConductorContext,
  p: Record<string, unknown>,
): Promise<PassthruResult> {
  const call = callOf(p)
  const ref = { uuid: String(p.node_id) }
  const route = await withTask(
    ctx,
    ref,
    { purpose: 'calling vendor passthru', shared: true },
    async (task) => routeFor(task.driver.vendor.routes, call.method, call.httpMethod),
  )
  const lock = { purpose: 'calling vendor passthru', shared: !route.requireExclusiveLock }
  return withTask(ctx, ref, lock, async (task) => {
    await task.driver.vendor.validate(task, call)
    const result = { async: route.async, attach: route.attach }
    if (!route.async) return { return: (await route.run(task, call)) ?? null, ...result }
    if (route.requireExclusiveLock) task.handOff((t) => route.run(t, call).then(() => undefined))
    else background(ctx, `vendor passthru ${call.method}`, () => route.run(task, call))
    return { return: null, ...result }
  })
}

/** The default vendor interface of an enabled hardware type. */
function driverVendor(ctx: ConductorContext, driver: string): VendorInterface {
  const name = ctx.drivers.defaultInterface(driver, 'vendor')
  const entry = INTERFACES.vendor[name]
  if (!entry?.implemented) {
    throw new DriverLoadError(name, `the vendor interface "${name}" is not implemented yet`)
  }
  return entry.create({})
}

async function driverPassthru(
  ctx: ConductorContext,
  p: Record<string, unknown>,
): Promise<PassthruResult> {
  const call = callOf(p)
  const vendor = driverVendor(ctx, String(p.driver_name))
  const route = routeFor(vendor.driverRoutes, call.method, call.httpMethod)
  if (vendor.driverValidate) await vendor.driverValidate(call)
  const result = { async: route.async, attach: route.attach }
  if (!route.async) return { return: (await route.run(call)) ?? null, ...result }
  background(ctx, `driver vendor passthru ${call.method}`, () => route.run(call))
  return { return: null, ...result }
}

/** RPC methods of vendor passthru. */
export const VENDOR_METHODS: Readonly<Record<string, RpcMethod>> = {
  /** `{node_id, method, http_method, info}` → {@link PassthruResult} */
  vendor_passthru: (svc, p) => nodePassthru(svc.ctx, p),
  /** `{driver_name, method, http_method, info}` → {@link PassthruResult} */
  driver_vendor_passthru: (svc, p) => driverPassthru(svc.ctx, p),
  /** `{node_id}` → `{<method>: {http_methods, async, description, attach, require_...}}` */
  get_node_vendor_passthru_methods: (svc, p) =>
    withTask(
      svc.ctx,
      { uuid: String(p.node_id) },
      { purpose: 'listing vendor passthru methods', shared: true },
      async (task) => describeSorted(task.driver.vendor.routes),
    ),
  /** `{driver_name}` → `{<method>: {http_methods, async, description, attach}}` */
  get_driver_vendor_passthru_methods: async (svc, p) =>
    describeSorted(driverVendor(svc.ctx, String(p.driver_name)).driverRoutes),
}
