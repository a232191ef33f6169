/**
 * @module The task manager: a node's exclusive lock (`reservation` = this conductor's hostname,
 * taken with one compare-and-set and retried), shared read-only tasks, hand-off of the lock to
 * background work, and the state transitions a task makes.
 */
import { isoTimestamp } from '../common/clock.js'
import { NodeLockedError, NotFoundError } from '../common/errors.js'
import { nextState, type ProvisionEvent } from '../common/state-machine.js'
import { findNode, type NodeRecord } from '../db/repos/nodes.js'
import type { BiosSettingsStore } from '../drivers/bios/types.js'
import type { DriverInterfaces, ExclusiveTask, NodePatch, NodeView } from '../drivers/types.js'
import { biosSettingsStore } from './bios-store.js'
import type { ConductorContext } from './context.js'
import { patchToColumns, toNodeView } from './node-view.js'

export type NodeRef = { id: number } | { uuid: string }

/** One operation on one node. Exclusive tasks hold the lock; shared ones only read. */
export class NodeTask implements ExclusiveTask {
  readonly ctx: ConductorContext
  readonly purpose: string
  readonly shared: false
  #record: NodeRecord
  #view: NodeView | undefined
  #driver: DriverInterfaces | undefined
  #pending: Record<string, unknown> = {}
  #handedOff: Promise<void> | undefined
  #bios: BiosSettingsStore | undefined

  constructor(ctx: ConductorContext, record: NodeRecord, purpose: string, shared: boolean) {
    this.ctx = ctx
    this.#record = record
    this.purpose = purpose
    this.shared = shared as false
  }

  get record(): NodeRecord {
    return this.#record
  }

  get node(): NodeView {
    this.#view ??= toNodeView(this.#record)
    return this.#view
  }

  get driver(): DriverInterfaces {
    this.#driver ??= this.ctx.drivers.buildDriver(this.node).driver
    return this.#driver
  }

  get biosSettings(): BiosSettingsStore {
    this.#bios ??= biosSettingsStore(this.ctx, this.#record.id)
    return this.#bios
  }

  /** A driver's change: visible at once in `node`, written by the next `save()`. */
  updateNode(patch: NodePatch): void {
    Object.assign(this.#pending, patchToColumns(patch))
    this.#view = { ...this.node, ...patch }
  }

  /** Writes pending driver changes plus `columns`, bumps the revision, reloads the node. */
  async save(columns: Record<string, unknown> = {}): Promise<void> {
    const set = { ...this.#pending, ...columns, updated_at: isoTimestamp(this.ctx.clock.now()) }
    this.#pending = {}
    await this.ctx.db
      .updateTable('nodes')
      .set(set)
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', this.#record.id)
      .execute()
    await this.reload()
  }

  async reload(): Promise<void> {
    const row = await findNode(this.ctx.db, { id: this.#record.id })
    if (!row) throw new NotFoundError(`Node ${this.#record.uuid} could not be found.`)
    this.#record = row
    this.#view = undefined
    this.#driver = undefined
  }

  /**
   * Moves the provision state on `event` (Ironic's `task.process_event`): new state and target,
   * `provision_updated_at`, and optionally `last_error` and other columns, in one save.
   */
  async transition(
    event: ProvisionEvent,
    opts: { target?: string; lastError?: string | null; columns?: Record<string, unknown> } = {},
  ): Promise<void> {
    const change = nextState(this.#record.provision_state ?? 'available', event, opts.target)
    const columns: Record<string, unknown> = {
      ...opts.columns,
      provision_state: change.state,
      target_provision_state: change.target,
      provision_updated_at: isoTimestamp(this.ctx.clock.now()),
    }
    if (opts.lastError !== undefined) columns.last_error = opts.lastError
    await this.save(columns)
  }

  /**
   * Ironic's `spawn_after`: the lock now belongs to `work`, which runs in the background and
   * releases it when it settles. A rejection is logged (the flow itself records failures).
   */
  handOff(work: (task: NodeTask) => Promise<void>): void {
    this.#handedOff = Promise.resolve()
      .then(() => work(this))
      .catch((err: unknown) => {
        this.ctx.log.error({ err, node: this.#record.uuid }, `background ${this.purpose} failed`)
      })
      .finally(() => releaseLock(this.ctx, this.#record.id))
    const tracked = this.#handedOff
    this.ctx.inFlight.add(tracked)
    void tracked.finally(() => this.ctx.inFlight.delete(tracked))
  }

  get handedOff(): boolean {
    return this.#handedOff !== undefined
  }
}

async function loadNode(ctx: ConductorContext, ref: NodeRef): Promise<NodeRecord> {
  const row = await findNode(ctx.db, ref)
  if (!row) throw new NotFoundError(`Node ${'uuid' in ref ? ref.uuid : ref.id} could not be found.`)
  return row
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Takes the node's lock with one compare-and-set, retried; NodeLocked (409) when it cannot. */
export async function acquireLock(ctx: ConductorContext, record: NodeRecord): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const r = await ctx.db
      .updateTable('nodes')
      .set({ reservation: ctx.hostname })
      .where('id', '=', record.id)
      .where('reservation', 'is', null)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) === 1) return
    if (attempt >= ctx.lockRetries) {
      const current = await findNode(ctx.db, { id: record.id })
      if (!current) throw new NotFoundError(`Node ${record.uuid} could not be found.`)
      throw new NodeLockedError(record.uuid, current.reservation ?? 'unknown')
    }
    await sleep(ctx.lockRetryIntervalMs)
  }
}

export async function releaseLock(ctx: ConductorContext, nodeId: number): Promise<void> {
  await ctx.db
    .updateTable('nodes')
    .set({ reservation: null })
    .where('id', '=', nodeId)
    .where('reservation', '=', ctx.hostname)
    .execute()
}

/**
 * Runs `fn` with a task on the node. Exclusive tasks hold the lock until `fn` settles, unless
 * `fn` hands it off to background work.
 * @example await withTask(ctx, { uuid }, { purpose: 'power state change' }, async (task) => ...)
 */
export async function withTask<T>(
  ctx: ConductorContext,
  ref: NodeRef,
  opts: { purpose: string; shared?: boolean },
  fn: (task: NodeTask) => Promise<T>,
): Promise<T> {
  const record = await loadNode(ctx, ref)
  if (opts.shared) return fn(new NodeTask(ctx, record, opts.purpose, true))
  await acquireLock(ctx, record)
  let task: NodeTask
  try {
    task = new NodeTask(ctx, await loadNode(ctx, { id: record.id }), opts.purpose, false)
  } catch (err) {
    await releaseLock(ctx, record.id)
    throw err
  }
  try {
    return await fn(task)
  } finally {
    if (!task.handedOff) await releaseLock(ctx, record.id)
  }
}
