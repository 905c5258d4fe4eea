import { useId, useState, type FormEvent } from 'react'
import type { LabelMode } from '@api/dto'
import { selectDatasetsBusy } from '../../stores/datasets/selectors'
import { useDatasets, useStores } from '../../stores/hooks'
import { Dialog } from '../../components/Dialog'
import { parseLabelNames } from './form-values'
import { Button } from '../../components/Button'
import { RadioGroup } from '../../components/RadioGroup'
import { LABEL_MODE_CHOICES } from './form-values'
import { LabeledText, LabeledTextArea } from '../../components/LabeledText'

export function CreateDatasetDialog({ onClose }: { onClose: () => void }) {
  const { datasets } = useStores()
  const busy = useDatasets(selectDatasetsBusy)
  const formId = useId()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [labelMode, setLabelMode] = useState<LabelMode>('multi')
  const [labels, setLabels] = useState('')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const created = await datasets.getState().create({
      name: name.trim(),
      description,
      labelMode,
      labels: parseLabelNames(labels).map((n) => ({ name: n })),
    })
    if (created) onClose()
  }

  return (
    <Dialog
      title="New dataset"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" disabled={busy || !name.trim()}>
            Create dataset
          </Button>
        </>
      }
    >
      <form id={formId} className="form-grid" onSubmit={(e) => void submit(e)}>
        <LabeledText label="Name" value={name} onChange={setName} required autoFocus />
        <LabeledTextArea
          label="Description"
          value={description}
          rows={2}
          onChange={setDescription}
        />
        <RadioGroup
          legend="Labels per document"
          name="label-mode"
          value={labelMode}
          choices={LABEL_MODE_CHOICES}
          onChange={setLabelMode}
        />
        <LabeledText
          label="Labels (comma separated, optional)"
          value={labels}
          placeholder="positive, negative, neutral"
          onChange={setLabels}
        />
      </form>
    </Dialog>
  )
}
