import { useWorkspaceOverview } from '../../lib/use-workspace-overview'
import type { SourceDraft } from './task-form'

/** "Use the demo posts": the demo source file, copied into the workspace, as a ready choice. */
export function DemoSourceButton(props: {
  draft: SourceDraft
  onChange: (draft: SourceDraft) => void
}) {
  const { draft, onChange } = props
  const path = useWorkspaceOverview()?.demoSourcePath
  if (!path || draft.path === path) return null
  return (
    <p className="hint pc-demo-source">
      No file at hand?{' '}
      <button
        type="button"
        className="button button-small"
        onClick={() => onChange({ ...draft, kind: 'file', format: 'csv', path })}
      >
        Use the demo posts
      </button>{' '}
      (2,000 short posts in the workspace’s demo folder).
    </p>
  )
}
