/**
 * @module Returns a burst's garbage to the operating system once the server goes quiet: V8
 * keeps the heap a burst of requests grew (a 1,000-node detail list, a wave of creates) until
 * it needs the room again, so a server at rest would hold tens of MiB it no longer uses. One
 * full collection after the first quiet interval gives them back (a few ms for Anvil's heap).
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

export interface IdleCollector {
  /** Marks activity: a collection follows the next interval without any. */
  touch(): void
  stop(): void
}

/** V8's `gc()`, exposed at run time (the `--expose-gc` flag is not needed on the command line). */
function fullCollection(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

/** Heap growth since the last collection that is worth a collection (a few ms of CPU). */
const WORTHWHILE_GROWTH = 8 * 2 ** 20

/**
 * Collects after `quietMs` without `touch()` following activity (start-up counts as activity),
 * when the heap grew by more than a few MiB since the last time: a client polling every few
 * seconds does not cause a collection each time. Costs one boolean store per touch and one
 * timer tick per interval.
 */
export function startIdleCollector(quietMs = 2000): IdleCollector {
  const gc = fullCollection()
  let busy = false
  let dirty = true
  let collectedAt = 0
  const timer = setInterval(() => {
    if (busy) busy = false
    else if (dirty) {
      dirty = false
      if (getHeapStatistics().total_heap_size < collectedAt + WORTHWHILE_GROWTH) return
      // the second pass lets V8 release the pages the first one emptied
      gc()
      gc()
      collectedAt = getHeapStatistics().total_heap_size
    }
  }, quietMs)
  timer.unref()
  return {
    touch() {
      busy = true
      dirty = true
    },
    stop: () => clearInterval(timer),
  }
}
