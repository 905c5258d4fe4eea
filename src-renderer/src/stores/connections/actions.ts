import type { MethodParams } from '@api/methods'
import type { ConnectionProfile, UntrustedCertificateDetails } from '@api/dto'
import { toApiError } from '../../api/client'
import { flagged } from '../../lib/requests'
import type { GetState, SetState, SliceDeps } from '../types'
import { catalogKey, type ConnectionsState, type Loadable } from './state'

export type ConnectionDraft = MethodParams<'connections.save'>

export interface ConnectionsActions {
  refresh(): Promise<void>
  /** Creates or updates a profile; resolves to it, or null when the save failed (a toast says why). */
  save(draft: ConnectionDraft): Promise<ConnectionProfile | null>
  remove(id: string): Promise<boolean>
  test(id: string): Promise<void>
  /** Pins the certificate a failed test showed (the user's "trust this certificate"), then tests again. */
  trustCertificate(id: string, fingerprint256: string): Promise<void>
  loadSchemas(id: string, force?: boolean): Promise<void>
  loadTables(id: string, schema: string, force?: boolean): Promise<void>
  loadColumns(id: string, schema: string, table: string, force?: boolean): Promise<void>
}

type Store = ConnectionsState & ConnectionsActions
type CatalogField = 'schemas' | 'tables' | 'columns'

export function createConnectionsActions(
  set: SetState<Store>,
  get: GetState<Store>,
  { api, report }: SliceDeps,
): ConnectionsActions {
  /** Catalog answers are cached per key; a failure is kept inline (not a toast) next to the tree. */
  const loadInto = async <T>(
    field: CatalogField,
    key: string,
    force: boolean,
    fetch: () => Promise<T>,
  ) => {
    const current = get()[field][key]
    if (current && !force && current.status !== 'error') return
    const put = (value: Loadable<T>) =>
      set({ [field]: { ...get()[field], [key]: value } } as Partial<Store>)
    put({ status: 'loading' })
    try {
      put({ status: 'ready', value: await fetch() })
    } catch (error) {
      put({ status: 'error', message: toApiError(error).message })
    }
  }

  /** Forgets cached catalog answers of one profile (after editing it). */
  const forget = (id: string) => {
    const prefix = catalogKey(id, '')
    const keep = <T>(record: Record<string, T>) =>
      Object.fromEntries(Object.entries(record).filter(([k]) => !k.startsWith(prefix) && k !== id))
    const { [id]: _test, ...tests } = get().tests
    set({
      schemas: keep(get().schemas),
      tables: keep(get().tables),
      columns: keep(get().columns),
      tests,
    })
  }

  const loading = flagged((on) => set({ loading: on }), report)
  const saving = flagged((on) => set({ saving: on }), report)

  return {
    async refresh() {
      await loading(async () =>
        set({ profiles: await api.call('connections.list', {}), loaded: true }),
      )
    },
    save: (draft) =>
      saving(async () => {
        const profile = await api.call('connections.save', draft)
        forget(profile.id)
        const others = get().profiles.filter((p) => p.id !== profile.id)
        set({ profiles: [...others, profile].sort((a, b) => a.name.localeCompare(b.name)) })
        report.info('Connection saved', profile.name)
        return profile
      }),
    async remove(id) {
      try {
        await api.call('connections.remove', { id })
        forget(id)
        set({ profiles: get().profiles.filter((p) => p.id !== id) })
        return true
      } catch (error) {
        report.error(error)
        return false
      }
    },
    async test(id) {
      set({ tests: { ...get().tests, [id]: { status: 'testing' } } })
      try {
        const result = await api.call('connections.test', { id })
        set({ tests: { ...get().tests, [id]: { status: 'ok', result } } })
      } catch (error) {
        const e = toApiError(error)
        const certificate = (e.details as Partial<UntrustedCertificateDetails> | undefined)
          ?.certificate
        set({
          tests: {
            ...get().tests,
            [id]: {
              status: 'error',
              code: e.code,
              message: e.message,
              ...(certificate ? { certificate } : {}),
            },
          },
        })
      }
    },
    async trustCertificate(id, fingerprint256) {
      try {
        const profile = await api.call('connections.trustCertificate', { id, fingerprint256 })
        set({ profiles: get().profiles.map((p) => (p.id === id ? profile : p)) })
      } catch (error) {
        report.error(error)
        return
      }
      await get().test(id)
    },
    loadSchemas: (id, force = false) =>
      loadInto('schemas', id, force, () => api.call('connections.listSchemas', { id })),
    loadTables: (id, schema, force = false) =>
      loadInto('tables', catalogKey(id, schema), force, () =>
        api.call('connections.listTables', { id, schema }),
      ),
    loadColumns: (id, schema, table, force = false) =>
      loadInto('columns', catalogKey(id, schema, table), force, () =>
        api.call('connections.listColumns', { id, schema, table }),
      ),
  }
}
