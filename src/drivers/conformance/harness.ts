/** @module Shared pieces of the conformance cases: the subject under test and assertions. */
import { expect } from 'vitest'
import { IronicError } from '../../common/errors.js'
import { UnsupportedDriverExtensionError } from '../errors.js'
import type { Task } from '../types.js'
import type { InterfaceByKind, InterfaceKind } from '../types.js'

/** One implementation to run a kind's cases against. */
export interface Subject<K extends InterfaceKind> {
  /** The registered API name. */
  readonly name: string
  /** A fresh instance. */
  readonly create: () => InterfaceByKind[K]
}

/**
 * Whether the interface works for the node: `true` when `validate` passes, `false` when it
 * throws `UnsupportedDriverExtensionError` (the `no-*` interfaces). Anything else fails.
 */
export async function supportOf(
  iface: { validate(task: Task): Promise<void> },
  task: Task,
): Promise<boolean> {
  try {
    await iface.validate(task)
    return true
  } catch (e) {
    expect(e).toBeInstanceOf(UnsupportedDriverExtensionError)
    return false
  }
}

/** Assert the promise rejects with `UnsupportedDriverExtensionError` naming the node's driver. */
export async function expectUnsupported(promise: Promise<unknown>, driver: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UnsupportedDriverExtensionError)
  expect((error as Error).message).toContain(`Driver ${driver} does not support`)
}

/** Assert the promise rejects with an {@link IronicError} of `type` (default: any). */
export async function expectIronicError(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => IronicError = IronicError,
): Promise<IronicError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(type)
  return error as IronicError
}
