import { useEffect, useState } from 'react'
import type { ImportPreview } from '@api/models'
import { useStores } from '../../stores/hooks'
import { optionsOf, type ReadChoice } from './import-choices'

/** Previews an uploaded file again whenever a reading choice changes; stale answers are dropped. */
export function useImportPreview(upload: string | null, choice: ReadChoice) {
  const { api } = useStores()
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!upload) return
    let stale = false
    api
      .call('datasets.previewImport', { source: { upload }, options: optionsOf(choice), rows: 10 })
      .then((answer) => {
        if (stale) return
        setError(null)
        setPreview(answer)
      })
      .catch((failure: unknown) => {
        if (stale) return
        setError(failure instanceof Error ? failure.message : String(failure))
      })
    return () => {
      stale = true
    }
  }, [api, upload, choice])

  return { preview: upload ? preview : null, error: upload ? error : null }
}
