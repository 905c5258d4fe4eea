import { useId, useMemo, useState } from 'react'
import type { ModelVersionSummary } from '@api/contract/models'
import { downloadWorkspaceFile, isDesktop } from '../../api/download'
import { pickSavePath, ShowInFolder } from '../../components/FilePicker'
import { formatPercent, formatTimestamp } from '../../lib/format'
import { useStores, usePick } from '../../stores/hooks'
import { Dialog } from '../../components/Dialog'
import { DeleteButton } from '../../components/DeleteButton'
import { BaselineBadge } from './BaselineBadge'
import { modelTypeLabel } from './model-params'
import { baselineWarning } from './report'
import { ACTIONS_COLUMN, numeric, TableHead } from '../../components/TableHead'
import { Button } from '../../components/Button'
import { LabeledText } from '../../components/LabeledText'
import { versionLabel, versionNumbers, versionTitle } from '../../lib/model-labels'

/** A file name safe on every OS, from a version's name. */
const modelFileName = (name: string) =>
  name
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'model'

type Pending = { kind: 'rename'; version: ModelVersionSummary } | null

/** Every saved version, newest first, with rename, delete and export. */
export function VersionList() {
  const { models, ui } = useStores()
  const { versions, loaded, busy } = usePick('models', ['versions', 'loaded', 'busy'])
  const titleId = useId()
  const [pending, setPending] = useState<Pending>(null)
  const [newName, setNewName] = useState('')
  const [notice, setNotice] = useState('')
  const [written, setWritten] = useState<string | null>(null)
  const numbers = useMemo(() => versionNumbers(versions), [versions])
  const labelOf = (v: ModelVersionSummary) => versionLabel(v, numbers)

  const exportFile = async (version: ModelVersionSummary) => {
    // The desktop app asks where to save; a browser downloads the copy written under exports/.
    const path = isDesktop()
      ? await pickSavePath('model-export', `${modelFileName(version.name)}.audmodel`)
      : undefined
    if (path === null) return
    const exported = await models.getState().exportFile(version.id, path)
    if (!exported) return
    if (isDesktop() || !exported.relativePath) {
      setNotice(`Model file written to ${exported.path}`)
      setWritten(exported.path)
      return
    }
    try {
      await downloadWorkspaceFile(exported.relativePath)
      setNotice(`Downloaded the model file of "${labelOf(version)}".`)
    } catch (error) {
      ui.getState().showError(error)
    }
  }

  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel-header">
        <h2 id={titleId}>Versions</h2>
      </div>
      {!loaded ? (
        <p className="hint">Loading…</p>
      ) : versions.length === 0 ? (
        <p className="hint">
          No model yet: train one above, or build one from a rule set on Rules.
        </p>
      ) : (
        <div className="md-table-wrap">
          <table className="md-table" aria-labelledby={titleId}>
            <TableHead
              columns={[
                'Name',
                'Type',
                'Dataset',
                numeric(
                  'Exact-match accuracy',
                  'Share of documents whose whole label set is right (for single-label models, plain accuracy)',
                ),
                numeric('Macro-F1'),
                'Created',
                ACTIONS_COLUMN,
              ]}
            />
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row">
                    <button
                      type="button"
                      className="md-link"
                      title={versionTitle(v)}
                      onClick={() => void models.getState().openVersion(v.id)}
                    >
                      {labelOf(v)}
                    </button>
                  </th>
                  <td>
                    {modelTypeLabel(v.kind)}
                    {v.origin === 'imported' ? ' (imported)' : ''}
                  </td>
                  <td>{v.datasetName ?? '—'}</td>
                  <td className="md-num">{formatPercent(v.accuracy)}</td>
                  <td className="md-num">
                    {formatPercent(v.macroF1)}
                    {baselineWarning(v) ? <BaselineBadge warning={baselineWarning(v)!} /> : null}
                  </td>
                  <td>{formatTimestamp(v.createdAt)}</td>
                  <td className="md-actions">
                    <Button
                      small
                      aria-label={`Rename ${labelOf(v)}`}
                      onClick={() => {
                        setNewName(v.name)
                        setPending({ kind: 'rename', version: v })
                      }}
                    >
                      Rename
                    </Button>
                    <Button
                      small
                      aria-label={`Export model file of ${labelOf(v)}`}
                      disabled={busy}
                      onClick={() => void exportFile(v)}
                    >
                      Export
                    </Button>
                    <DeleteButton
                      small
                      label="Delete"
                      ariaLabel={`Delete ${labelOf(v)}`}
                      name={labelOf(v)}
                      noun="version"
                      busy={busy}
                      onDelete={() => models.getState().remove(v.id)}
                    >
                      <p>Its model file and evaluations are deleted. This cannot be undone.</p>
                    </DeleteButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint" role="status">
        {notice} {written ? <ShowInFolder path={written} /> : null}
      </p>
      {pending?.kind === 'rename' ? (
        <Dialog
          title={`Rename "${labelOf(pending.version)}"`}
          onClose={() => setPending(null)}
          footer={
            <>
              <Button onClick={() => setPending(null)}>Cancel</Button>
              <Button
                type="submit"
                form={`${titleId}-rename`}
                variant="primary"
                disabled={busy || !newName.trim()}
              >
                Rename
              </Button>
            </>
          }
        >
          <form
            id={`${titleId}-rename`}
            onSubmit={(e) => {
              e.preventDefault()
              void models
                .getState()
                .rename(pending.version.id, newName.trim())
                .then((ok) => ok && setPending(null))
            }}
          >
            <LabeledText
              label="New name"
              value={newName}
              maxLength={120}
              autoFocus
              onChange={setNewName}
            />
          </form>
        </Dialog>
      ) : null}
    </section>
  )
}
