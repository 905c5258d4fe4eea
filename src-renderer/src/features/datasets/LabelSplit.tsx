import { useState } from 'react'
import type { DatasetDetail } from '@api/dto'
import { LABEL_SEPARATORS } from '@api/contract/datasets'
import { selectDatasetsBusy, selectLastLabelChange } from '../../stores/datasets/selectors'
import { useDatasets, useStores } from '../../stores/hooks'
import { Button } from '../../components/Button'
import { UndoBar } from '../../components/UndoBar'
import { LabeledSelect, choicesOf } from '../../components/Select'

type Separator = Exclude<(typeof LABEL_SEPARATORS)[number], 'json'>
const SEPARATORS = LABEL_SEPARATORS.filter((s): s is Separator => s !== 'json')

const separatorIn = (name: string): Separator =>
  SEPARATORS.find((s) => name.includes(s)) ?? SEPARATORS[2]!

/**
 * "Split label": a label that holds several (`male;parent`, imported with the wrong separator)
 * becomes its parts on every document, in one step; the last split or merge can be undone here.
 */
export function LabelSplit({ dataset }: { dataset: DatasetDetail }) {
  const { datasets } = useStores()
  const busy = useDatasets(selectDatasetsBusy)
  const lastChange = useDatasets(selectLastLabelChange)
  const splittable = dataset.labels.filter((l) => SEPARATORS.some((s) => l.name.includes(s)))
  const [labelId, setLabelId] = useState('')
  const [separator, setSeparator] = useState<Separator | ''>('')
  const label = splittable.find((l) => String(l.id) === labelId)
  const used = separator || (label ? separatorIn(label.name) : ';')

  return (
    <>
      {splittable.length > 0 ? (
        <div className="inline-form">
          <LabeledSelect
            label="Split"
            inline
            aria-label="Label to split"
            value={labelId}
            onChange={(value) => {
              setLabelId(value)
              setSeparator('')
            }}
            placeholder="Choose…"
            choices={splittable.map((l) => ({ value: String(l.id), label: l.name }))}
          />
          <LabeledSelect
            label="at"
            inline
            aria-label="Split at"
            value={used}
            onChange={setSeparator}
            choices={choicesOf(SEPARATORS)}
          />
          <Button
            disabled={busy || !label}
            onClick={() => {
              if (!label) return
              setLabelId('')
              void datasets.getState().splitLabel(dataset.id, label, used)
            }}
          >
            Split label
          </Button>
        </div>
      ) : null}
      {lastChange && lastChange.datasetId === dataset.id ? (
        <UndoBar
          message={lastChange.description}
          disabled={busy}
          onUndo={() => void datasets.getState().undoLabelChange()}
        />
      ) : null}
    </>
  )
}
