import { useState, type FormEvent } from 'react'
import { templateName } from '@api/contract/predict-templates'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { TextField } from '../../components/Field'
import { useStores } from '../../stores/hooks'

/** "Run again" and "Save as template" on a task page. */
export function TaskReuse({ taskId, title }: { taskId: string; title: string }) {
  const { predict } = useStores()
  const [naming, setNaming] = useState(false)
  return (
    <>
      <Button onClick={() => void predict.getState().runAgain(taskId)}>Run again</Button>
      <Button onClick={() => setNaming(true)}>Save as template</Button>
      {naming ? (
        <SaveTemplateDialog
          initialName={title}
          onSave={(name) => predict.getState().saveTaskAsTemplate(taskId, name)}
          onClose={() => setNaming(false)}
        />
      ) : null}
    </>
  )
}

interface SaveTemplateDialogProps {
  initialName: string
  /** Resolves to true once saved (the dialog closes then). */
  onSave: (name: string) => Promise<boolean>
  onClose: () => void
}

function SaveTemplateDialog({ initialName, onSave, onClose }: SaveTemplateDialogProps) {
  const [name, setName] = useState(initialName.slice(0, 80))
  const [saving, setSaving] = useState(false)
  const checked = templateName.safeParse(name)
  const [touched, setTouched] = useState(false)
  const error = touched && !checked.success ? checked.error.issues[0]?.message : undefined

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!checked.success) return
    setSaving(true)
    const saved = await onSave(checked.data)
    setSaving(false)
    if (saved) onClose()
  }

  return (
    <Dialog title="Save as template" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label="Template name"
          hint="A template of the same name is replaced. New tasks start from it under “Start from…”."
          error={error}
          value={name}
          onChange={setName}
          onBlur={() => setTouched(true)}
        />
        <div className="button-row">
          <Button type="submit" variant="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save template'}
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  )
}
