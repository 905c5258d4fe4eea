import { useId, useState, type FormEvent } from 'react'
import type { ConnectionProfile, TlsMode } from '@api/models'
import { useConnections, useStores } from '../../stores/hooks'
import { selectSaving } from '../../stores/connections/selectors'
import {
  connectionParams,
  emptyConnectionForm,
  formFromProfile,
  type ConnectionFormValues,
  type FieldErrors,
  type PasswordMode,
} from './connection-form'
import { BrowseButton } from '../../components/FilePicker'
import { Field, TextField } from '../../components/Field'
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
  const [values, setValues] = useState<ConnectionFormValues>(() =>
    profile ? formFromProfile(profile) : emptyConnectionForm(),
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const set = <K extends keyof ConnectionFormValues>(key: K, value: ConnectionFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }))

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
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <form className="pc-form-grid" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label="Name"
          error={errors.name}
          value={values.name}
          onChange={(value) => set('name', value)}
          autoComplete="off"
        />
        <TextField
          label="Host"
          error={errors.host}
          value={values.host}
          onChange={(value) => set('host', value)}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label="Port"
          error={errors.port}
          inputMode="numeric"
          value={values.port}
          onChange={(value) => set('port', value)}
        />
        <TextField
          label="User"
          error={errors.user}
          value={values.user}
          onChange={(value) => set('user', value)}
          autoComplete="off"
          spellCheck={false}
        />
        <RadioGroup
          legend="Password"
          name="password-mode"
          value={values.passwordMode}
          choices={PASSWORD_MODES}
          onChange={(value) => set('passwordMode', value)}
          className="pc-field-wide"
        />
        {values.passwordMode === 'stored' ? (
          <TextField
            label="Password"
            error={errors.password}
            {...(profile?.passwordSource === 'stored'
              ? { hint: 'Leave empty to keep the stored password.' }
              : {})}
            type="password"
            value={values.password}
            onChange={(value) => set('password', value)}
            autoComplete="new-password"
          />
        ) : null}
        {values.passwordMode === 'env' ? (
          <TextField
            label="Password variable"
            error={errors.passwordEnv}
            hint="Only the variable's name is saved; the app reads it when it connects."
            mono
            value={values.passwordEnv}
            onChange={(value) => set('passwordEnv', value)}
            placeholder="MARIADB_PASSWORD"
            spellCheck={false}
          />
        ) : null}
        <TextField
          label="Default schema"
          error={errors.defaultSchema}
          hint="Optional."
          value={values.defaultSchema}
          onChange={(value) => set('defaultSchema', value)}
          spellCheck={false}
        />
        <TextField
          label="Connect timeout (ms)"
          error={errors.connectTimeoutMs}
          inputMode="numeric"
          value={values.connectTimeoutMs}
          onChange={(value) => set('connectTimeoutMs', value)}
        />
        <TextField
          label="Query timeout (ms)"
          error={errors.queryTimeoutMs}
          hint="0 means no limit."
          inputMode="numeric"
          value={values.queryTimeoutMs}
          onChange={(value) => set('queryTimeoutMs', value)}
        />
        <Field label="TLS" error={errors.tlsMode}>
          {(p) => (
            <Select
              {...p}
              value={values.tlsMode}
              onChange={(value) => set('tlsMode', value)}
              choices={TLS_MODES}
            />
          )}
        </Field>
        {values.tlsMode === 'verify' ? (
          <Field
            label="CA file"
            className="pc-field-wide"
            error={errors.tlsCaFile}
            hint="Optional: the full path of a PEM file with your own CA's certificate."
          >
            {(p) => (
              <span className="path-field-row">
                <input
                  {...p}
                  className="input mono"
                  value={values.tlsCaFile}
                  onChange={(e) => set('tlsCaFile', e.target.value)}
                  placeholder="/etc/ssl/certs/my-ca.pem"
                  spellCheck={false}
                />
                <BrowseButton purpose="certificate" onPath={(path) => set('tlsCaFile', path)} />
              </span>
            )}
          </Field>
        ) : null}
        {values.tlsMode === 'pinned' ? (
          <TextField
            label="Certificate fingerprint (SHA-256)"
            className="pc-field-wide"
            error={errors.tlsFingerprint}
            hint="Only the certificate with this fingerprint is accepted; a failed Test shows it."
            mono
            value={values.tlsFingerprint}
            onChange={(value) => set('tlsFingerprint', value)}
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
