import { useContext } from 'react'
import { useStore } from 'zustand'
import type { AnnotateStore } from './annotate/store'
import { StoresContext } from './context'
import type { DatasetsStore } from './datasets/store'
import type { ConnectionsStore } from './connections/store'
import type { Stores } from './index'
import type { ModelsStore } from './models/store'
import type { PredictStore } from './predict/store'
import type { RulesStore } from './rules/store'
import type { SuggestStore } from './suggest/store'
import type { SystemStore } from './system/store'
import type { TasksStore } from './tasks/store'
import type { UiStore } from './ui/store'

export function useStores(): Stores {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('useStores needs <StoresContext.Provider> (see main.tsx).')
  return stores
}

/** Selectors must return stable values (a field, a number); derive arrays in components with useMemo. */
export const useUi = <T>(selector: (s: UiStore) => T): T => useStore(useStores().ui, selector)
export const useTasks = <T>(selector: (s: TasksStore) => T): T =>
  useStore(useStores().tasks, selector)
export const useSystem = <T>(selector: (s: SystemStore) => T): T =>
  useStore(useStores().system, selector)
export const useConnections = <T>(selector: (s: ConnectionsStore) => T): T =>
  useStore(useStores().connections, selector)
export const usePredict = <T>(selector: (s: PredictStore) => T): T =>
  useStore(useStores().predict, selector)
export const useDatasets = <T>(selector: (s: DatasetsStore) => T): T =>
  useStore(useStores().datasets, selector)
export const useAnnotate = <T>(selector: (s: AnnotateStore) => T): T =>
  useStore(useStores().annotate, selector)
export const useModels = <T>(selector: (s: ModelsStore) => T): T =>
  useStore(useStores().models, selector)
export const useRules = <T>(selector: (s: RulesStore) => T): T =>
  useStore(useStores().rules, selector)
export const useSuggest = <T>(selector: (s: SuggestStore) => T): T =>
  useStore(useStores().suggest, selector)
export const useApi = () => useStores().api
