import { useId, useState } from 'react'
import type { ModelVersionDetail } from '@api/contract/models'
import { downloadWorkspaceFile, isDesktop } from '../../api/download'
import { FilePicker, pickSavePath, type PickedFile } from '../../components/FilePicker'
import { useApi, useStores } from '../../stores/hooks'

/** A term-weight version's table: export it as CSV, edit it anywhere, import it as a new version. */
export function TermTablePanel({ version }: { version: ModelVersionDetail }) {
  const api = useApi()
  const { models, ui } = useStores()
  const titleId = useId()
  const [notice, setNotice] = useState('')

  const exportTerms = async () => {
    // The desktop app asks where to save; a browser downloads the copy written under exports/.
    const path = isDesktop() ? await pickSavePath('terms-export', 'terms.csv') : undefined
    if (path === null) return
    try {
      const done = await api.call('models.exportTerms', {
        id: version.id,
        ...(path ? { path } : {}),
      })
      if (!isDesktop() && done.relativePath) await downloadWorkspaceFile(done.relativePath)
      setNotice(`${done.rows} rows written to ${done.path}. Edit weights, then import the file.`)
    } catch (error) {
      ui.getState().showError(error)
    }
  }

  const importTerms = async (picked: PickedFile) => {
    try {
      const source =
        picked.kind === 'path' ? { path: picked.path } : { content: await picked.file.text() }
      const created = await api.call('models.importTerms', { id: version.id, ...source })
      await models.getState().refresh()
      await models.getState().openVersion(created.id)
    } catch (error) {
      ui.getState().showError(error)
    }
  }

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>Term table</h3>
      <p className="hint">
        Rows of label, term, weight; (bias) rows hold each label&apos;s bias and (idf) rows how much
        a term adds to a text&apos;s length. An imported table becomes a new version that differs
        from this one in exactly the rows you changed.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void exportTerms()}>
          Export term table
        </button>
        <FilePicker
          purpose="terms-file"
          label="Import edited table…"
          onPick={(picked) => void importTerms(picked)}
        />
      </div>
      {notice ? (
        <p className="hint" role="status">
          {notice}
        </p>
      ) : null}
    </section>
  )
}
