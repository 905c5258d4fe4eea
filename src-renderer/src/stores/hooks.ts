import { useContext } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { StoreApi } from 'zustand/vanilla'
import { StoresContext } from './context'
import type { Stores } from './index'

export function useStores(): Stores {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('useStores needs <StoresContext.Provider> (see main.tsx).')
  return stores
}

/** The zustand slices by name (everything in Stores but the api client). */
export type SliceName = Exclude<keyof Stores, 'api'>
type SliceStates = { [N in SliceName]: ReturnType<Stores[N]['getState']> }
export type SliceState<N extends SliceName> = SliceStates[N]
type Slices = { [N in SliceName]: StoreApi<SliceStates[N]> }

const useSlice = <N extends SliceName>(name: N): Slices[N] => {
  const slices: Slices = useStores()
  return slices[name]
}

/** A hook that reads one slice through a selector. */
const sliceHook =
  <N extends SliceName>(name: N) =>
  <T>(selector: (s: SliceState<N>) => T): T =>
    useStore(useSlice(name), selector)

/** Selectors must return stable values (a field, a number); derive arrays in components with useMemo. */
export const useUi = sliceHook('ui')
export const useTasks = sliceHook('tasks')
export const useSystem = sliceHook('system')
export const useConnections = sliceHook('connections')
export const usePredict = sliceHook('predict')
export const useDatasets = sliceHook('datasets')
export const useAnnotate = sliceHook('annotate')
export const useModels = sliceHook('models')
export const useRules = sliceHook('rules')
export const useSuggest = sliceHook('suggest')
export const useApi = () => useStores().api

/**
 * Several fields of one slice in one subscription, compared shallowly: for a component that shows
 * many of them (it re-renders when any of those fields changes, as with one hook per field).
 */
export function usePick<N extends SliceName, K extends keyof SliceState<N>>(
  name: N,
  keys: readonly K[],
): Pick<SliceState<N>, K> {
  return useStore(
    useSlice(name),
    useShallow((s: SliceState<N>) => {
      const picked = {} as Pick<SliceState<N>, K>
      for (const key of keys) picked[key] = s[key]
      return picked
    }),
  )
}
