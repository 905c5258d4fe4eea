import { toApiError } from '../../api/client'
import { latest } from '../../lib/requests'
import type { GetState, SetState, SliceDeps } from '../types'
import { patternLines } from './selectors'
import { emptyExclusionDraft, type ExclusionDraft, type RulesState } from './state'

/** Exclusion sets: named regexes that drop documents or strip text before a model sees them. */
export interface ExclusionActions {
  openExclusion(id: string | null): void
  updateExclusionDraft(patch: Partial<ExclusionDraft>): void
  saveExclusion(): Promise<boolean>
  removeExclusion(id: string): Promise<boolean>
  testExclusion(): Promise<void>
}

interface Shared {
  /** Reloads the rule sets and the exclusion sets. */
  loadSets: () => Promise<void>
  /** Runs a mutating call with the slice's busy flag; null when it failed (reported). */
  mutate: <T>(run: () => Promise<T>) => Promise<T | null>
}

export function createExclusionActions(
  set: SetState<RulesState & ExclusionActions>,
  get: GetState<RulesState & ExclusionActions>,
  { api, report }: SliceDeps,
  { loadSets, mutate }: Shared,
): ExclusionActions {
  const testRequest = latest()
  const exclusionParams = () => {
    const d = get().exclusionDraft
    return {
      name: d.name.trim(),
      mode: d.mode,
      patterns: patternLines(d.patternsText),
      caseSensitive: d.caseSensitive,
    }
  }

  return {
    openExclusion(id) {
      const found = id ? get().exclusionSets.find((s) => s.id === id) : undefined
      set({
        exclusionId: found?.id ?? null,
        exclusionDraft: found
          ? {
              name: found.name,
              mode: found.mode,
              patternsText: found.patterns.join('\n'),
              caseSensitive: found.caseSensitive,
            }
          : emptyExclusionDraft(),
        exclusionError: null,
        exclusionTest: null,
      })
    },

    updateExclusionDraft(patch) {
      set({ exclusionDraft: { ...get().exclusionDraft, ...patch }, exclusionError: null })
    },

    async saveExclusion() {
      const params = exclusionParams()
      if (!params.name || params.patterns.length === 0) {
        set({ exclusionError: 'Give the set a name and at least one pattern (one per line).' })
        return false
      }
      set({ busy: true })
      try {
        const id = get().exclusionId
        const saved = await api.call('preprocessing.saveSet', { ...params, ...(id ? { id } : {}) })
        set({ exclusionId: saved.id, exclusionError: null })
        await loadSets()
        report.info('Exclusion set saved', `"${saved.name}" is at version ${saved.version}.`)
        return true
      } catch (error) {
        set({ exclusionError: toApiError(error).message })
        return false
      } finally {
        set({ busy: false })
      }
    },

    async removeExclusion(id) {
      const deleted = await mutate(() => api.call('preprocessing.deleteSet', { id }))
      if (!deleted) return false
      if (get().exclusionId === id) get().openExclusion(null)
      await loadSets()
      return true
    },

    async testExclusion() {
      const datasetId = get().datasetId
      const params = exclusionParams()
      const isLatest = testRequest()
      if (!datasetId) {
        set({ exclusionError: 'Choose a dataset to test the set on.' })
        return
      }
      if (params.patterns.length === 0) {
        set({ exclusionError: 'Enter at least one pattern (one per line).' })
        return
      }
      set({ exclusionTesting: true, exclusionError: null })
      try {
        const result = await api.call('preprocessing.testSet', {
          datasetId,
          draft: { ...params, name: params.name || 'draft' },
          examples: 20,
        })
        if (isLatest()) set({ exclusionTest: result })
      } catch (error) {
        if (isLatest()) set({ exclusionError: toApiError(error).message, exclusionTest: null })
      } finally {
        if (isLatest()) set({ exclusionTesting: false })
      }
    },
  }
}
