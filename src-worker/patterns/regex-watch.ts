/**
 * What a thread is testing, in Int32 cells of a SharedArrayBuffer, for a caller that may have to
 * stop it: a regex cannot be interrupted inside one test, so a thread stuck in one is terminated
 * from outside and these cells name the pattern (see runWatched in src-main/core/pool).
 */
const KIND = 0
const GROUP = 1
const ITEM = 2
/** Tests started: a thread stuck inside one test stops counting. */
const TICKS = 3
/** 1 when the thread itself found the pattern in ITEM over its budget and failed. */
const OVER = 4
const CELLS = 5

/** model: GROUP is the model's index and ITEM its pattern's; exclusion: GROUP is the set's index. */
export type RegexWatchKind = 'model' | 'exclusion'
const KINDS: readonly RegexWatchKind[] = ['model', 'exclusion']

export interface RegexWatchState {
  kind: RegexWatchKind
  group: number
  item: number
  /** The thread failed on its own because this pattern went over the budget. */
  overBudget: boolean
}

export function createRegexWatch(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(CELLS * 4)
  new Int32Array(buffer).set([-1, -1, -1, 0, 0])
  return buffer
}

/** Marks the start of one regex test (or one replace) of `item` in `group`. */
export function watchTest(
  cells: Int32Array | undefined,
  kind: RegexWatchKind,
  group: number,
  item: number,
): void {
  if (!cells) return
  Atomics.store(cells, KIND, KINDS.indexOf(kind))
  Atomics.store(cells, GROUP, group)
  Atomics.store(cells, ITEM, item)
  Atomics.add(cells, TICKS, 1)
}

/** No regex is running: other work may take as long as it needs. */
export function watchIdle(cells: Int32Array | undefined): void {
  if (cells) Atomics.store(cells, KIND, -1)
}

/** The thread is about to fail because `item` of `group` went over the budget. */
export function watchOverBudget(
  cells: Int32Array | undefined,
  kind: RegexWatchKind,
  group: number,
  item: number,
): void {
  if (!cells) return
  watchTest(cells, kind, group, item)
  Atomics.store(cells, OVER, 1)
}

/** The pattern running (or over budget) now, or null when the thread runs no regex. */
export function readRegexWatch(cells: Int32Array): RegexWatchState | null {
  const kind = KINDS[Atomics.load(cells, KIND)]
  if (!kind) return null
  return {
    kind,
    group: Atomics.load(cells, GROUP),
    item: Atomics.load(cells, ITEM),
    overBudget: Atomics.load(cells, OVER) === 1,
  }
}

/** Tests started so far: unchanged between two looks while a regex runs means one test is still running. */
export function regexWatchTicks(cells: Int32Array): number {
  return Atomics.load(cells, TICKS)
}
