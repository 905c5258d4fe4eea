import { useEffect, useState } from 'react'
import { useApi, useConnections, useStores } from '../../stores/hooks'
import { selectColumns } from '../../stores/connections/selectors'
import type { SourceColumn } from './column-suggestions'
import type { SourceDraft } from './task-form'

/** A CSV/TSV path worth reading a header from. */
const isDelimitedPath = (path: string) => /\.(csv|tsv|txt)$/i.test(path.trim())

/** Waits this long after the last keystroke in the path before reading the header. */
const PATH_SETTLE_MS = 300

/**
 * The source's columns once they can be known: a MariaDB table's (with types and indexes) or a
 * CSV file's header; null otherwise (JSON lines, SQLite, nothing chosen yet, an unreadable file).
 */
export function useSourceColumns(draft: SourceDraft): SourceColumn[] | null {
  const api = useApi()
  const { connections } = useStores()
  const fromServer = draft.kind === 'mariadb' && draft.connectionId && draft.schema && draft.table
  const server = useConnections(selectColumns(draft.connectionId, draft.schema, draft.table))
  const [header, setHeader] = useState<{ path: string; columns: SourceColumn[] } | null>(null)
  const path = draft.kind === 'file' && draft.format === 'csv' ? draft.path.trim() : ''

  useEffect(() => {
    if (fromServer)
      void connections.getState().loadColumns(draft.connectionId, draft.schema, draft.table)
  }, [connections, fromServer, draft.connectionId, draft.schema, draft.table])

  useEffect(() => {
    if (!isDelimitedPath(path)) return
    let stopped = false
    const timer = setTimeout(() => {
      api
        .call('datasets.previewImport', { source: { path }, rows: 1 })
        .then((preview) => {
          if (!stopped) setHeader({ path, columns: preview.columns.map((name) => ({ name })) })
        })
        // A path still being typed or a file that cannot be read: the fields stay free text.
        .catch(() => undefined)
    }, PATH_SETTLE_MS)
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [api, path])

  if (fromServer) return server?.status === 'ready' ? server.value : null
  return header && header.path === path ? header.columns : null
}
