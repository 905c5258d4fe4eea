import type { ApiClient } from '../../api/client'
import { latest } from '../../lib/requests'
import type { GetState, Reporter, SetState } from '../types'
import type { AnnotateState } from './state'

/** Counts and stats are refreshed this long after the last label change of a burst. */
export const NUMBERS_DEBOUNCE_MS = 150

/** The document counts and the session's stats beside the list: loaded now, or soon after a burst. */
export function createNumbers(
  api: ApiClient,
  get: GetState<AnnotateState>,
  set: SetState<AnnotateState>,
  report: Reporter,
) {
  let timer: ReturnType<typeof setTimeout> | null = null
  const request = latest()

  const load = async () => {
    const { datasetId, sessionId, filter } = get()
    if (!datasetId) return
    const isLatest = request()
    const query = filter.query.trim()
    try {
      const [counts, stats] = await Promise.all([
        api.call('annotation.countDocuments', { datasetId, ...(query ? { query } : {}) }),
        api.call('annotation.stats', { datasetId, sessionId }),
      ])
      if (isLatest() && get().datasetId === datasetId) set({ counts, stats })
    } catch (error) {
      report.error(error)
    }
  }

  return {
    load,
    soon() {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        void load()
      }, NUMBERS_DEBOUNCE_MS)
    },
  }
}
