import { WorkerError } from '../../worker-error'

/**
 * What automatic selection asks between candidates and between folds: whether to go on. A caller
 * that aborts makes the next check throw ABORTED, so the search ends without fitting a model.
 */
export interface SearchControl {
  /** Before the candidate numbered `candidate` (0-based, in the order tried) is cross-validated. */
  beforeCandidate(candidate: number): void
  /** Before each fold of a candidate (and of featurising a feature set). */
  beforeFold(): void
}

export const NO_CONTROL: SearchControl = { beforeCandidate() {}, beforeFold() {} }

/** Slots of the Int32Array (on a SharedArrayBuffer) through which a caller steers a search. */
export const CONTROL_SLOTS = {
  /** 1 once the caller aborted. */
  aborted: 0,
  /** 1 when a test gate is in use: each candidate waits until released (tests only). */
  gated: 1,
  /** Candidates released so far: candidate i runs once this is > i. */
  released: 2,
} as const

/** A shared control buffer for one search; the caller keeps it and the worker receives it. */
export function createControlBuffer(gated: boolean): Int32Array {
  const control = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT))
  control[CONTROL_SLOTS.gated] = gated ? 1 : 0
  return control
}

/** Caller side: stops the search at its next check (also a candidate held at a gate). */
export function abortControl(control: Int32Array): void {
  Atomics.store(control, CONTROL_SLOTS.aborted, 1)
  // Changing the slot a held candidate waits on wakes it even if it was about to wait.
  Atomics.store(control, CONTROL_SLOTS.released, 0x7fffffff)
  Atomics.notify(control, CONTROL_SLOTS.released)
}

/** Caller side: lets candidate `candidate` (and every one before it) run. */
export function releaseCandidate(control: Int32Array, candidate: number): void {
  const next = candidate + 1
  if (Atomics.load(control, CONTROL_SLOTS.released) >= next) return
  Atomics.store(control, CONTROL_SLOTS.released, next)
  Atomics.notify(control, CONTROL_SLOTS.released)
}

export const abortedError = () =>
  new WorkerError('ABORTED', 'Model selection was aborted; nothing was saved.')

/**
 * Worker side of a shared control buffer. With a gate, each candidate first announces itself
 * through `announce` and blocks until the caller releases it or aborts.
 */
export function sharedSearchControl(
  control: Int32Array,
  announce: (candidate: number) => void,
): SearchControl {
  const check = () => {
    if (Atomics.load(control, CONTROL_SLOTS.aborted) !== 0) throw abortedError()
  }
  return {
    beforeFold: check,
    beforeCandidate(candidate) {
      check()
      if (Atomics.load(control, CONTROL_SLOTS.gated) === 0) return
      announce(candidate)
      for (;;) {
        const released = Atomics.load(control, CONTROL_SLOTS.released)
        check()
        if (released > candidate) return
        // Woken by a release or an abort; no timeout, so nothing here depends on the clock.
        Atomics.wait(control, CONTROL_SLOTS.released, released)
      }
    },
  }
}
