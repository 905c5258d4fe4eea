import { useEffect, useState } from 'react'
import { useWorkspaceOverview } from '../../lib/use-workspace-overview'
import { useApi, useStores } from '../../stores/hooks'

interface Step {
  title: string
  text: string
  action: string
  screen: string
}

function steps(hasDemo: boolean, hasDemoSource: boolean): Step[] {
  return [
    {
      title: 'Label',
      text: hasDemo
        ? 'Open the demo posts and label a few with the number keys.'
        : 'Import a file or create a dataset, then label documents with the number keys.',
      action: hasDemo ? 'Label the demo posts' : 'Open Annotate',
      screen: 'annotate',
    },
    {
      title: 'Train',
      text: 'Train a model on the labels; its report shows where it goes wrong.',
      action: 'Train a model',
      screen: 'models',
    },
    {
      title: 'Predict',
      text: hasDemoSource
        ? 'Label new posts with the model: the demo source file is one click away.'
        : 'Label new posts from a file or a database table with the model.',
      action: 'Predict new posts',
      screen: 'predict',
    },
  ]
}

/** The first-run welcome: three steps linked to the demo, until the user closes it. */
export function Welcome() {
  const api = useApi()
  const { ui, datasets } = useStores()
  const overview = useWorkspaceOverview()
  const [dismissed, setDismissed] = useState<boolean | null>(null)

  useEffect(() => {
    let stopped = false
    api
      .call('workspace.getUiState', {})
      .then((state) => {
        if (!stopped) setDismissed(state.welcomeDismissed === true)
      })
      .catch(() => undefined)
    return () => {
      stopped = true
    }
  }, [api])

  if (!overview?.firstRun || dismissed !== false) return null
  const demoId = overview.demoDatasetId
  const go = (screen: string) => {
    if (demoId) void datasets.getState().select(demoId)
    ui.getState().navigate(screen)
  }
  const close = () => {
    setDismissed(true)
    api
      .call('workspace.setUiState', { patch: { welcomeDismissed: true } })
      .catch((error: unknown) => ui.getState().showError(error))
  }

  return (
    <section className="panel welcome" aria-labelledby="welcome-title">
      <div className="welcome-head">
        <h2 id="welcome-title">Welcome: three steps to your first labelled posts</h2>
        <button type="button" className="button button-small" onClick={close}>
          Close
        </button>
      </div>
      <ol className="welcome-steps">
        {steps(demoId !== null, overview.demoSourcePath !== null).map((step) => (
          <li key={step.title}>
            <strong>{step.title}</strong>
            <span>{step.text}</span>
            <button type="button" className="button" onClick={() => go(step.screen)}>
              {step.action}
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
