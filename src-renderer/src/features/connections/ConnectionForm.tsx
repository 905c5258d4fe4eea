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
import { Field } from '../../components/Field'
import { Button } from '../../components/Button'

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
        <Field label="Name" error={errors.name}>
          {(p) => (
            <input
              {...p}
              className="input"
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Host" error={errors.host}>
          {(p) => (
            <input
              {...p}
              className="input"
              value={values.host}
              onChange={(e) => set('host', e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <Field label="Port" error={errors.port}>
          {(p) => (
            <input
              {...p}
              className="input"
              inputMode="numeric"
              value={values.port}
              onChange={(e) => set('port', e.target.value)}
            />
          )}
        </Field>
        <Field label="User" error={errors.user}>
          {(p) => (
            <input
              {...p}
              className="input"
              value={values.user}
              onChange={(e) => set('user', e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <fieldset className="segmented pc-field-wide">
          <legend>Password</legend>
          {PASSWORD_MODES.map((mode) => (
            <label key={mode.value} className="segmented-option">
              <input
                type="radio"
                name="password-mode"
                value={mode.value}
                checked={values.passwordMode === mode.value}
                onChange={() => set('passwordMode', mode.value)}
              />
              {mode.label}
            </label>
          ))}
        </fieldset>
        {values.passwordMode === 'stored' ? (
          <Field
            label="Password"
            error={errors.password}
            {...(profile?.passwordSource === 'stored'
              ? { hint: 'Leave empty to keep the stored password.' }
              : {})}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                className="input"
                value={values.password}
                onChange={(e) => set('password', e.target.value)}
                autoComplete="new-password"
              />
            )}
          </Field>
        ) : null}
        {values.passwordMode === 'env' ? (
          <Field
            label="Password variable"
            error={errors.passwordEnv}
            hint="Only the variable's name is saved; the app reads it when it connects."
          >
            {(p) => (
              <input
                {...p}
                className="input mono"
                value={values.passwordEnv}
                onChange={(e) => set('passwordEnv', e.target.value)}
                placeholder="MARIADB_PASSWORD"
                spellCheck={false}
              />
            )}
          </Field>
        ) : null}
        <Field label="Default schema" error={errors.defaultSchema} hint="Optional.">
          {(p) => (
            <input
              {...p}
              className="input"
              value={values.defaultSchema}
              onChange={(e) => set('defaultSchema', e.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
        <Field label="Connect timeout (ms)" error={errors.connectTimeoutMs}>
          {(p) => (
            <input
              {...p}
              className="input"
              inputMode="numeric"
              value={values.connectTimeoutMs}
              onChange={(e) => set('connectTimeoutMs', e.target.value)}
            />
          )}
        </Field>
        <Field label="Query timeout (ms)" error={errors.queryTimeoutMs} hint="0 means no limit.">
          {(p) => (
            <input
              {...p}
              className="input"
              inputMode="numeric"
              value={values.queryTimeoutMs}
              onChange={(e) => set('queryTimeoutMs', e.target.value)}
            />
          )}
        </Field>
        <Field label="TLS" error={errors.tlsMode}>
          {(p) => (
            <select
              {...p}
              className="input"
              value={values.tlsMode}
              onChange={(e) => set('tlsMode', e.target.value as TlsMode)}
            >
              {TLS_MODES.map((mode) => (
                <option key={mode.value} value={mode.value}>
                  {mode.label}
                </option>
              ))}
            </select>
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
          <Field
            label="Certificate fingerprint (SHA-256)"
            className="pc-field-wide"
            error={errors.tlsFingerprint}
            hint="Only the certificate with this fingerprint is accepted; a failed Test shows it."
          >
            {(p) => (
              <input
                {...p}
                className="input mono"
                value={values.tlsFingerprint}
                onChange={(e) => set('tlsFingerprint', e.target.value)}
                spellCheck={false}
              />
            )}
          </Field>
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
