import { useEffect, useId } from 'react'
import { useStores, usePick } from '../../stores/hooks'
import { LONG_SELF_TEST, QUICK_SELF_TEST } from '../../stores/system/actions'
import { Button } from '../../components/Button'

const HOSTS = {
  electron: 'Desktop window (IPC)',
  bridge: 'Browser bridge (HTTP)',
  cli: 'Command line',
  memory: 'In-memory (tests)',
} as const

export function DiagnosticsSection() {
  const headingId = useId()
  const {
    info,
    loadingInfo: loading,
    startingSelfTest: starting,
  } = usePick('system', ['info', 'loadingInfo', 'startingSelfTest'])
  const { system, ui } = useStores()

  useEffect(() => {
    void system.getState().loadInfo()
  }, [system])

  const start = async (options: typeof QUICK_SELF_TEST) => {
    const id = await system.getState().startSelfTest(options)
    if (id) ui.getState().setTasksOpen(true)
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>Diagnostics</h2>
        <Button
          className="button-quiet"
          onClick={() => void system.getState().loadInfo()}
          disabled={loading}
        >
          Reload info
        </Button>
      </div>
      {info ? (
        <dl className="facts">
          <dt>App version</dt>
          <dd>{info.appVersion}</dd>
          <dt>Data directory</dt>
          <dd className="mono">{info.dataDir}</dd>
          <dt>Database file</dt>
          <dd className="mono">{info.databaseFile}</dd>
          <dt>Schema version</dt>
          <dd>{info.schemaVersion}</dd>
          <dt>Worker threads</dt>
          <dd>{info.workerThreads}</dd>
          <dt>Node.js</dt>
          <dd>{info.nodeVersion}</dd>
          <dt>Platform</dt>
          <dd>{info.platform}</dd>
          <dt>Connected through</dt>
          <dd>{HOSTS[info.host]}</dd>
        </dl>
      ) : (
        <p className="hint">{loading ? 'Loading…' : 'No information: reload to try again.'}</p>
      )}

      <h3>Worker self-test</h3>
      <p className="hint">
        Runs a small computation in the worker pool, step by step, to prove that background tasks
        start, report progress and can be aborted. The long run takes about a minute.
      </p>
      <div className="button-row">
        <Button variant="primary" disabled={starting} onClick={() => void start(QUICK_SELF_TEST)}>
          Run worker self-test
        </Button>
        <Button disabled={starting} onClick={() => void start(LONG_SELF_TEST)}>
          Run long self-test
        </Button>
      </div>
    </section>
  )
}
