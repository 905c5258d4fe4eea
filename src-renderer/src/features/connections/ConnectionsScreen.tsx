import { useEffect, useId, useState } from 'react'
import type { ConnectionProfile } from '@api/dto'
import { Screen } from '../../components/Screen'
import { formatTimestamp } from '../../lib/format'
import { useConnections, useStores } from '../../stores/hooks'
import {
  selectProfiles,
  selectProfilesLoaded,
  selectTest,
} from '../../stores/connections/selectors'
import { CatalogBrowser } from './CatalogBrowser'
import { CertificateTrust } from './CertificateTrust'
import { ConnectionForm } from './ConnectionForm'
import { Button } from '../../components/Button'

const TLS_LABELS = { off: 'no TLS', verify: 'TLS verified', pinned: 'TLS pinned' } as const

type Panel = { kind: 'none' } | { kind: 'form'; id: string | null } | { kind: 'browse'; id: string }

export function ConnectionsScreen() {
  const listId = useId()
  const { connections } = useStores()
  const profiles = useConnections(selectProfiles)
  const loaded = useConnections(selectProfilesLoaded)
  const [panel, setPanel] = useState<Panel>({ kind: 'none' })

  useEffect(() => {
    void connections.getState().refresh()
  }, [connections])

  const editing =
    panel.kind === 'form' && panel.id ? (profiles.find((p) => p.id === panel.id) ?? null) : null
  const browsing = panel.kind === 'browse' ? profiles.find((p) => p.id === panel.id) : undefined

  return (
    <Screen
      title="Connections"
      lead="MariaDB and MySQL servers to read posts from and write labels to."
      actions={
        <Button variant="primary" onClick={() => setPanel({ kind: 'form', id: null })}>
          New connection
        </Button>
      }
    >
      <section className="panel" aria-labelledby={listId}>
        <h2 id={listId}>Saved connections</h2>
        {profiles.length === 0 ? (
          <p className="hint">
            {loaded
              ? 'No connections yet. Add one to predict from a MariaDB table or write results to one.'
              : 'Loading…'}
          </p>
        ) : (
          <ul className="pc-profile-list" aria-labelledby={listId}>
            {profiles.map((p) => (
              <ProfileItem
                key={p.id}
                profile={p}
                onEdit={() => setPanel({ kind: 'form', id: p.id })}
                onBrowse={() => setPanel({ kind: 'browse', id: p.id })}
                onRemoved={() => setPanel({ kind: 'none' })}
              />
            ))}
          </ul>
        )}
      </section>
      {panel.kind === 'form' ? (
        <ConnectionForm
          key={panel.id ?? 'new'}
          profile={editing}
          onDone={(saved) => setPanel(saved ? { kind: 'browse', id: saved.id } : { kind: 'none' })}
        />
      ) : null}
      {browsing ? <CatalogBrowser key={browsing.id} profile={browsing} /> : null}
    </Screen>
  )
}

function ProfileItem(props: {
  profile: ConnectionProfile
  onEdit: () => void
  onBrowse: () => void
  onRemoved: () => void
}) {
  const { profile, onEdit, onBrowse, onRemoved } = props
  const nameId = useId()
  const { connections } = useStores()
  const test = useConnections(selectTest(profile.id))
  const [confirming, setConfirming] = useState(false)
  const refused = test?.status === 'error' ? test.certificate : undefined
  const password =
    profile.passwordSource === 'env'
      ? `password from $${profile.passwordEnv ?? ''}`
      : profile.passwordSource === 'stored'
        ? 'stored password'
        : 'no password'

  return (
    <li className="pc-profile" aria-labelledby={nameId}>
      <div className="pc-profile-head">
        <span className="pc-profile-name" id={nameId}>
          {profile.name}
        </span>
        <span className="mono hint">
          {profile.user}@{profile.host}:{profile.port}
          {profile.defaultSchema ? `/${profile.defaultSchema}` : ''}
        </span>
      </div>
      <p className="hint">
        {password} · {TLS_LABELS[profile.tlsMode]} · connect timeout {profile.connectTimeoutMs} ms
        {profile.queryTimeoutMs > 0 ? ` · query timeout ${profile.queryTimeoutMs} ms` : ''} · saved{' '}
        {formatTimestamp(profile.updatedAt)}
      </p>
      <div className="button-row">
        <Button
          small
          aria-label={`Test ${profile.name}`}
          disabled={test?.status === 'testing'}
          onClick={() => void connections.getState().test(profile.id)}
        >
          {test?.status === 'testing' ? 'Testing…' : 'Test'}
        </Button>
        <Button small aria-label={`Browse ${profile.name}`} onClick={onBrowse}>
          Browse
        </Button>
        <Button small aria-label={`Edit ${profile.name}`} onClick={onEdit}>
          Edit
        </Button>
        <Button
          small
          variant="danger"
          aria-label={`Remove ${profile.name}`}
          onClick={() => setConfirming(true)}
        >
          Remove
        </Button>
      </div>
      <div role="status" className="pc-profile-test">
        {test?.status === 'ok' ? (
          <p className="pc-ok-text">
            Connected: {test.result.serverVersion} · {test.result.latencyMs} ms
            {test.result.localInfile ? '' : ' · LOAD DATA LOCAL is off (writes will be slower)'}
          </p>
        ) : null}
        {test?.status === 'error' ? (
          <p className="pc-inline-error">
            Failed ({test.code}): {test.message}
          </p>
        ) : null}
      </div>
      {refused ? (
        <CertificateTrust
          profile={profile}
          certificate={refused}
          onTrust={() =>
            void connections.getState().trustCertificate(profile.id, refused.fingerprint256)
          }
        />
      ) : null}
      {confirming ? (
        <div className="pc-confirm" role="group" aria-label={`Confirm removing ${profile.name}`}>
          <p>
            Remove <strong>{profile.name}</strong> and its stored password? Tasks that use it can no
            longer resume.
          </p>
          <div className="button-row">
            <Button
              small
              variant="danger"
              onClick={() => {
                void connections
                  .getState()
                  .remove(profile.id)
                  .then((removed) => {
                    if (removed) onRemoved()
                  })
              }}
            >
              Yes, remove
            </Button>
            <Button small onClick={() => setConfirming(false)} autoFocus>
              Keep it
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  )
}
