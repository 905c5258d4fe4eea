import { useId, type FormEvent } from 'react'
import type { ConnectionProfile, TlsMode } from '@api/dto'
import { useConnections, useStores } from '../../stores/hooks'
import { selectSaving } from '../../stores/connections/selectors'
import {
  connectionParams,
  emptyConnectionForm,
  formFromProfile,
  type ConnectionFormValues,
  type PasswordMode,
} from './connection-form'
import { Field, PathField, TextField } from '../../components/Field'
import { useFormValues } from '../../lib/use-form-values'
import { Button } from '../../components/Button'
import { Select } from '../../components/Select'
import { RadioGroup } from '../../components/RadioGroup'

interface ConnectionFormProps {
  /** The profile being edited; null to add one. */
  profile: ConnectionProfile | null
  onDone: (profile: ConnectionProfile | null) => void
}

const PASSWORD_MODES: { value: PasswordMode; label: string }[] = [
  { value: 'stored', label: 'Stored (encrypted)' },
  { value: 'env', label: 'From an environment variable' },
  { value: 'none', label: 'No password' },
]

const TLS_MODES: { value: TlsMode; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'verify', label: "Verify the server's certificate" },
  { value: 'pinned', label: 'Trust one certificate (pinned)' },
]

export function ConnectionForm({ profile, onDone }: ConnectionFormProps) {
  const headingId = useId()
  const { connections } = useStores()
  const saving = useConnections(selectSaving)
  const { values, set, bind, setErrors } = useFormValues<ConnectionFormValues>(() =>
    profile ? formFromProfile(profile) : emptyConnectionForm(),
  )

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const checked = connectionParams(values, profile)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    const saved = await connections.getState().save(checked.params)
    if (saved) onDone(saved)
  }

  const title = profile ? `Edit ${profile.name}` : 'New connection'
  const keepStored = profile?.passwordSource === 'stored'
  const tls = bind('tlsMode')
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <form className="pc-form-grid" onSubmit={(e) => void submit(e)} noValidate>
        <TextField label="Name" {...bind('name')} autoComplete="off" />
        <TextField label="Host" {...bind('host')} autoComplete="off" spellCheck={false} />
        <TextField label="Port" inputMode="numeric" {...bind('port')} />
        <TextField label="User" {...bind('user')} autoComplete="off" spellCheck={false} />
        <RadioGroup
          legend="Password"
          name="password-mode"
          value={values.passwordMode}
          onChange={(value) => set('passwordMode', value)}
          choices={PASSWORD_MODES}
          className="pc-field-wide"
        />
        {values.passwordMode === 'stored' ? (
          <TextField
            label="Password"
            {...(keepStored ? { hint: 'Leave empty to keep the stored password.' } : {})}
            type="password"
            {...bind('password')}
            autoComplete="new-password"
          />
        ) : null}
        {values.passwordMode === 'env' ? (
          <TextField
            label="Password variable"
            hint="Only the variable's name is saved; the app reads it when it connects."
            mono
            {...bind('passwordEnv')}
            placeholder="MARIADB_PASSWORD"
            spellCheck={false}
          />
        ) : null}
        <TextField
          label="Default schema"
          hint="Optional."
          {...bind('defaultSchema')}
          spellCheck={false}
        />
        <TextField label="Connect timeout (ms)" inputMode="numeric" {...bind('connectTimeoutMs')} />
        <TextField
          label="Query timeout (ms)"
          hint="0 means no limit."
          inputMode="numeric"
          {...bind('queryTimeoutMs')}
        />
        <Field label="TLS" error={tls.error}>
          {(p) => <Select {...p} value={tls.value} onChange={tls.onChange} choices={TLS_MODES} />}
        </Field>
        {values.tlsMode === 'verify' ? (
          <PathField
            label="CA file"
            hint="Optional: the full path of a PEM file with your own CA's certificate."
            {...bind('tlsCaFile')}
            placeholder="/etc/ssl/certs/my-ca.pem"
            browse="certificate"
          />
        ) : null}
        {values.tlsMode === 'pinned' ? (
          <TextField
            label="Certificate fingerprint (SHA-256)"
            className="pc-field-wide"
            hint="Only the certificate with this fingerprint is accepted; a failed Test shows it."
            mono
            {...bind('tlsFingerprint')}
            spellCheck={false}
          />
        ) : null}
        <div className="button-row pc-field-wide">
          <Button type="submit" variant="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save connection'}
          </Button>
          <Button onClick={() => onDone(null)}>Cancel</Button>
        </div>
      </form>
    </section>
  )
}
