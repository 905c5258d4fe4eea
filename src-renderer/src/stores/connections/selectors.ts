import { catalogKey, type ConnectionsState } from './state'

export const selectProfiles = (s: ConnectionsState) => s.profiles
export const selectProfilesLoaded = (s: ConnectionsState) => s.loaded
export const selectSaving = (s: ConnectionsState) => s.saving
export const selectTest = (id: string) => (s: ConnectionsState) => s.tests[id]
export const selectSchemas = (id: string) => (s: ConnectionsState) => s.schemas[id]
export const selectTables = (id: string, schema: string) => (s: ConnectionsState) =>
  s.tables[catalogKey(id, schema)]
export const selectColumns = (id: string, schema: string, table: string) => (s: ConnectionsState) =>
  s.columns[catalogKey(id, schema, table)]
