import { useContext } from 'react'
import { useStore } from 'zustand'
import { StoresContext } from './context'
import type { Stores } from './index'
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
export const useApi = () => useStores().api
