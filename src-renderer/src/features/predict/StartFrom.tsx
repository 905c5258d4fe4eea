import { useEffect } from 'react'
import { DeleteButton } from '../../components/DeleteButton'
import { Labeled, Select } from '../../components/Select'
import { usePredict, useStores } from '../../stores/hooks'
import { selectTemplates } from '../../stores/predict/selectors'

/**
 * "Start from…": a saved template fills the form (which opens anew, with `templateId` picked);
 * the picked template can be deleted here too.
 */
export function StartFrom({ templateId }: { templateId: string | undefined }) {
  const { predict } = useStores()
  const templates = usePredict(selectTemplates)

  useEffect(() => {
    void predict.getState().loadTemplates()
  }, [predict])

  if (templates?.status === 'error')
    return <p className="pc-inline-error">Could not list templates: {templates.message}</p>
  const list = templates?.status === 'ready' ? templates.value : []
  if (list.length === 0)
    return (
      <p className="hint">
        No templates yet: “Save as template” on a task page keeps its settings to start from.
      </p>
    )
  const chosen = list.find((t) => t.id === templateId)
  return (
    <div className="inline-form">
      <Labeled label="Start from…" inline>
        <Select
          value={chosen?.id ?? ''}
          placeholder="Pick a template…"
          choices={list.map((t) => ({ value: t.id, label: t.name }))}
          onChange={(id) => {
            if (id) void predict.getState().startFromTemplate(id)
          }}
        />
      </Labeled>
      {chosen ? (
        <DeleteButton
          name={chosen.name}
          noun="template"
          ariaLabel={`Delete template ${chosen.name}`}
          onDelete={() => predict.getState().deleteTemplate(chosen.id)}
        >
          <p>The form keeps what the template filled in; tasks started from it are not affected.</p>
        </DeleteButton>
      ) : null}
    </div>
  )
}
