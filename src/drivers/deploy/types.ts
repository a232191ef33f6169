/** @module The deploy interface contract (Ironic `drivers/base.py` `DeployInterface`). */
import type { StepOutcome } from '../steps.js'
import type { DriverInterface, ExclusiveTask, Task } from '../types.js'

/** What an agent's heartbeat carries (`POST /v1/heartbeat/{node}`). */
export interface HeartbeatInfo {
  readonly callback_url: string
  readonly agent_version: string
  readonly agent_verify_ca?: string
  readonly agent_status?: string
  readonly agent_status_message?: string
}

/**
 * Writes an instance onto a node and removes it. Every implementation offers a `deploy` step in
 * the deploy flow (priority 100) that runs {@link DeployInterface.deploy}.
 */
export interface DeployInterface extends DriverInterface<'deploy'> {
  /** Set up what the deployment needs; idempotent. Runs before the deploy steps. */
  prepare(task: ExclusiveTask): Promise<void>
  /** The core of deployment; `wait` when it continues asynchronously. */
  deploy(task: ExclusiveTask): Promise<StepOutcome>
  /** Undo a deployment. */
  tearDown(task: ExclusiveTask): Promise<void>
  /** Remove what `prepare` cached; idempotent and safe without the lock. */
  cleanUp(task: Task): Promise<void>
  /** Take over the node from a conductor that left. */
  takeOver(task: ExclusiveTask): Promise<void>
  /** Boot what cleaning needs (the agent); `wait` if that is asynchronous. */
  prepareCleaning?(task: ExclusiveTask): Promise<StepOutcome>
  tearDownCleaning?(task: ExclusiveTask): Promise<void>
  prepareService?(task: ExclusiveTask): Promise<StepOutcome>
  tearDownService?(task: ExclusiveTask): Promise<void>
  /** Record an agent heartbeat; absent means the interface does not use an agent. */
  heartbeat?(task: ExclusiveTask, info: HeartbeatInfo): Promise<void>
  /** Switch the node to another deploy interface before validation (`autodetect`). */
  switchInterface?(task: ExclusiveTask): Promise<void>
  restoreInterface?(task: ExclusiveTask): Promise<void>
  /** Can this interface deploy this node's instance; absent means yes. */
  supportsDeploy?(task: Task): boolean
}
