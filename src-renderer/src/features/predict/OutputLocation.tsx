import { useEffect, useState } from 'react'
import { ShowInFolder } from '../../components/FilePicker'
import { useStores, useSystem } from '../../stores/hooks'
import { selectSystemInfo } from '../../stores/system/selectors'

type FileSink = { kind: 'csv' | 'sqlite'; path?: string }

function fileSinkOf(config: unknown): FileSink | null {
  if (typeof config !== 'object' || config === null || !('sink' in config)) return null
  const sink = config.sink as { kind?: unknown; path?: unknown }
  if (sink.kind !== 'csv' && sink.kind !== 'sqlite') return null
  return typeof sink.path === 'string' && sink.path
    ? { kind: sink.kind, path: sink.path }
    : { kind: sink.kind }
}

/** Where a CSV or SQLite output is written, with "Show in folder" in the desktop app. */
export function OutputLocation({ taskId }: { taskId: string }) {
  const { api, system } = useStores()
  const info = useSystem(selectSystemInfo)
  const [sink, setSink] = useState<FileSink | null>(null)

  useEffect(() => {
    let live = true
    api
      .call('tasks.show', { id: taskId })
      .then((detail) => live && setSink(fileSinkOf(detail.config)))
      .catch(() => live && setSink(null))
    if (!system.getState().info) void system.getState().loadInfo()
    return () => {
      live = false
    }
  }, [api, system, taskId])

  const sep = info?.dataDir.includes('\\') && !info.dataDir.includes('/') ? '\\' : '/'
  const path =
    sink?.path ??
    (sink?.kind === 'sqlite' && info
      ? [info.dataDir, 'outputs', `${taskId}.sqlite`].join(sep)
      : null)
  if (!path) return null
  return (
    <p className="hint">
      Output: <span className="mono">{path}</span> <ShowInFolder path={path} />
    </p>
  )
}
