import { useEffect, useState } from 'react'
import type { WorkspaceOverview } from '@api/dto'
import { useApi } from '../stores/hooks'

/** The workspace's first-run facts (demo dataset, demo source), asked once per mount. */
export function useWorkspaceOverview(): WorkspaceOverview | null {
  const api = useApi()
  const [overview, setOverview] = useState<WorkspaceOverview | null>(null)
  useEffect(() => {
    let stopped = false
    api
      .call('workspace.getOverview', {})
      .then((o) => {
        if (!stopped) setOverview(o)
      })
      // Without it the app only misses its first-run hints.
      .catch(() => undefined)
    return () => {
      stopped = true
    }
  }, [api])
  return overview
}
