/** @module Errors of driver loading and interface resolution, worded as Ironic's `common/exception.py`. */
import { IronicError, InvalidParameterValueError } from '../common/errors.js'

/** Python's `repr` of a list of strings, as Ironic's messages print them: `['a', 'b']`. */
export function pyList(names: readonly string[]): string {
  return `[${names.map((n) => `'${n}'`).join(', ')}]`
}

/** Ironic's entry point namespace for a kind, kept in messages so operators can grep them. */
export function entrypointOf(kind: string): string {
  return `ironic.hardware.interfaces.${kind}`
}

/** The entry point namespace of hardware types. */
export const HARDWARE_TYPES_ENTRYPOINT = 'ironic.hardware.types'

/** 404: the hardware type is unknown or not enabled (Ironic `DriverNotFound`). */
export class DriverNotFoundError extends IronicError {
  constructor(driverName: string) {
    super(`Could not find the following driver(s) or hardware type(s): ${driverName}.`, {
      code: 'DRIVER_NOT_FOUND',
      status: 404,
      details: { driver_name: driverName },
    })
  }
}

/** 404: enabled names that no implementation has (Ironic `DriverNotFoundInEntrypoint`). */
export class DriverNotFoundInEntrypointError extends IronicError {
  constructor(names: readonly string[], entrypoint: string) {
    super(
      `Could not find the following items in the '${entrypoint}' entrypoint: ${names.join(', ')}.`,
      {
        code: 'DRIVER_NOT_FOUND_IN_ENTRYPOINT',
        status: 404,
        details: { names: [...names], entrypoint },
      },
    )
  }
}

/** 400: the implementation is not enabled (Ironic `InterfaceNotFoundInEntrypoint`). */
export class InterfaceNotFoundInEntrypointError extends IronicError {
  constructor(iface: string, kind: string, valid: readonly string[]) {
    const entrypoint = entrypointOf(kind)
    super(
      `Could not find the following interface in the '${entrypoint}' entrypoint: ${iface}. ` +
        `Valid interfaces are ${pyList(valid)}.`,
      {
        code: 'INTERFACE_NOT_FOUND_IN_ENTRYPOINT',
        status: 400,
        details: { iface, entrypoint, valid: [...valid] },
      },
    )
  }
}

/**
 * 400: the hardware type does not support the implementation (Ironic `IncompatibleInterface`).
 * Ironic prints the Python object and class name; we print the API names.
 */
export class IncompatibleInterfaceError extends IronicError {
  constructor(kind: string, impl: string, hardwareType: string) {
    super(
      `${kind} interface implementation '${impl}' is not supported by hardware type ${hardwareType}.`,
      {
        code: 'INCOMPATIBLE_INTERFACE',
        status: 400,
        details: { interface_type: kind, interface_impl: impl, hardware_type: hardwareType },
      },
    )
  }
}

/** 400: no default can be computed for a kind (Ironic `NoValidDefaultForInterface`). */
export class NoValidDefaultForInterfaceError extends IronicError {
  constructor(kind: string, driver: string, node?: string) {
    const nodeInfo = node === undefined ? '' : ` node ${node} with`
    super(
      `For${nodeInfo} hardware type '${driver}', no default value found for ${kind} interface ` +
        'could be determined. Please ensure the interfaces are enabled.',
      {
        code: 'NO_VALID_DEFAULT_FOR_INTERFACE',
        status: 400,
        details: { interface_type: kind, driver, ...(node === undefined ? {} : { node }) },
      },
    )
  }
}

/** 400: the interface cannot do this (Ironic `UnsupportedDriverExtension`). */
export class UnsupportedDriverExtensionError extends IronicError {
  constructor(driver: string, extension: string) {
    super(`Driver ${driver} does not support ${extension} (disabled or not implemented).`, {
      code: 'UNSUPPORTED_DRIVER_EXTENSION',
      status: 400,
      details: { driver, extension },
    })
  }
}

/** 400: a required parameter is missing (Ironic `MissingParameterValue`, a kind of invalid value). */
export class MissingParameterValueError extends InvalidParameterValueError {}

/** 500: an enabled implementation cannot be loaded (Ironic `DriverLoadError`). */
export class DriverLoadError extends IronicError {
  constructor(driver: string, reason: string) {
    super(`Driver, hardware type or interface ${driver} could not be loaded. Reason: ${reason}.`, {
      code: 'DRIVER_LOAD_ERROR',
      status: 500,
      details: { driver, reason },
    })
  }
}

/** 500: `enabled_hardware_types` is empty (Ironic `NoDriversLoaded`). */
export class NoDriversLoadedError extends IronicError {
  constructor(conductor: string) {
    super(`Conductor ${conductor} cannot be started because no hardware types were loaded.`, {
      code: 'NO_DRIVERS_LOADED',
      status: 500,
      details: { conductor },
    })
  }
}

/**
 * 500: the driver configuration would not let Ironic's conductor start. Lists every problem
 * found, each one being one of the errors above.
 */
export class DriverConfigError extends IronicError {
  readonly problems: readonly IronicError[]
  constructor(problems: readonly IronicError[]) {
    super(
      'The driver configuration is invalid, the conductor cannot start: ' +
        problems.map((p) => p.message).join(' '),
      {
        code: 'DRIVER_CONFIG_INVALID',
        status: 500,
        details: { problems: problems.map((p) => ({ code: p.code, message: p.message })) },
      },
    )
    this.problems = problems
  }
}

/** Throw Ironic's `UnsupportedDriverExtension` for `extension` on the node's hardware type. */
export function unsupported(driver: string, extension: string): never {
  throw new UnsupportedDriverExtensionError(driver, extension)
}
