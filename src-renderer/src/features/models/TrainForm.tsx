import { useEffect, useId, useMemo, useState, type FormEvent } from 'react'
import { useRememberedForm } from '../../lib/remembered-form'
import { selectDatasets, selectSelectedId } from '../../stores/datasets/selectors'
import { useDatasets, useStores, usePick } from '../../stores/hooks'
import {
  changedParams,
  defaultParams,
  FIELD_OPTIONS,
  isCalibrated,
  isRuleModel,
  MODEL_TYPE_OPTIONS,
} from './model-params'
import { TaskProgress } from '../../components/TaskProgress'
import { TrainDataChoices } from './TrainDataChoices'
import { readTrainForm, splitDefaults, TRAIN_DEFAULTS } from './train-form-values'
import { TrainParams } from './TrainParams'
import { Button } from '../../components/Button'
import { LabeledSelect } from '../../components/Select'
import { LabeledText } from '../../components/LabeledText'

/** The "Train a model" form: everything models.startTraining takes, with the engine's defaults. */
export function TrainForm() {
  const { models, datasets: datasetsStore } = useStores()
  const datasets = useDatasets(selectDatasets)
  const {
    ruleSets,
    exclusionSets,
    busy,
    trainingTaskId: taskId,
  } = usePick('models', ['ruleSets', 'exclusionSets', 'busy', 'trainingTaskId'])
  const formId = useId()

  const [form, update] = useRememberedForm('train', TRAIN_DEFAULTS)
  const { name, ruleSetId, exclusionIds } = form
  const { kind, field, calibration, trainOn, testOn } = readTrainForm(form)
  const selectedId = useDatasets(selectSelectedId)
  const [paramValues, setParamValues] = useState<Record<string, string>>({})
  const { trainDataset: loadedDetail, trainedModelId: trainedId } = usePick('models', [
    'trainDataset',
    'trainedModelId',
  ])
  const [splitting, setSplitting] = useState(false)

  const chosenDataset = datasets.find((d) => d.id === selectedId)?.id ?? datasets[0]?.id ?? ''
  const detail = loadedDetail?.id === chosenDataset ? loadedDetail : null
  const specs = useMemo(() => defaultParams(kind), [kind])
  const { params, errors } = changedParams(specs, paramValues)
  const rules = isRuleModel(kind)
  const matchingRuleSets = ruleSets.filter((s) => s.kind === kind)
  const chosenRuleSet = ruleSetId || matchingRuleSets[0]?.id || ''
  const unsplit = detail !== null && detail.splitCounts.train === 0 && trainOn !== 'all'

  useEffect(() => {
    if (!datasetsStore.getState().loaded) void datasetsStore.getState().refresh()
  }, [datasetsStore])

  useEffect(() => {
    if (!chosenDataset) return
    let stopped = false
    void models
      .getState()
      .loadTrainDataset(chosenDataset)
      .then((d) => {
        // A newly chosen dataset re-derives what to train and test on; a returning form keeps it.
        if (d && !stopped && form.derivedFor !== d.id) {
          update({ ...splitDefaults(d.splitCounts), derivedFor: d.id })
        }
      })
    return () => {
      stopped = true
    }
  }, [models, chosenDataset, form.derivedFor, update])

  const split = async () => {
    if (!chosenDataset) return
    setSplitting(true)
    const ok = await datasetsStore
      .getState()
      .split(chosenDataset, { seed: 42, ratios: { train: 0.8, dev: 0.1, test: 0.1 } })
    setSplitting(false)
    if (!ok) return
    const d = await models.getState().loadTrainDataset(chosenDataset)
    if (d) update({ ...splitDefaults(d.splitCounts), derivedFor: d.id })
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!chosenDataset || Object.keys(errors).length > 0) return
    if (rules && !chosenRuleSet) return
    models.getState().setTrainedModel(null)
    const trainSplits: ('train' | 'dev' | 'none')[] =
      trainOn === 'train' ? ['train'] : trainOn === 'train+dev' ? ['train', 'dev'] : ['none']
    const everything = trainOn === 'all'
    await models.getState().startTraining({
      ...(name.trim() ? { name: name.trim() } : {}),
      datasetId: chosenDataset,
      kind,
      field,
      params: isCalibrated(kind) && calibration !== 'auto' ? { ...params, calibration } : params,
      trainSplits:
        everything && detail && detail.splitCounts.train > 0
          ? ['train', 'dev', 'test', 'none']
          : trainSplits,
      testSplit: everything || testOn === 'none' ? null : testOn,
      exclusionSetIds: exclusionIds,
      ...(rules ? { ruleSetId: chosenRuleSet } : {}),
    })
  }

  const counts = detail?.splitCounts
  return (
    <section className="panel md-train" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>Train a model</h2>
      <form className="md-form" onSubmit={(e) => void submit(e)}>
        <div className="md-form-grid">
          <LabeledSelect
            label="Dataset"
            value={chosenDataset}
            onChange={(id) => void datasetsStore.getState().select(id)}
            {...(datasets.length === 0 ? { placeholder: 'No dataset yet' } : {})}
            choices={datasets.map((d) => ({
              value: d.id,
              label: `${d.name} (${d.labeledCount} labeled)`,
            }))}
          />
          <LabeledSelect
            label="Model type"
            value={kind}
            onChange={(value) => {
              update({ kind: value, ruleSetId: '' })
              setParamValues({})
            }}
            choices={MODEL_TYPE_OPTIONS}
          />
          {rules ? (
            <LabeledSelect
              label="Rule set"
              value={chosenRuleSet}
              onChange={(ruleSetId) => update({ ruleSetId })}
              {...(matchingRuleSets.length === 0
                ? { placeholder: `No ${kind} rule set yet: write one on the Rules screen` }
                : {})}
              choices={matchingRuleSets.map((s) => ({
                value: s.id,
                label: `${s.name} (${s.ruleCount} rules)`,
              }))}
            />
          ) : (
            <LabeledSelect
              label="Field"
              value={field}
              onChange={(value) => update({ field: value })}
              choices={FIELD_OPTIONS}
            />
          )}
          <LabeledText
            label="Name (optional)"
            value={name}
            placeholder={`${kind === 'auto' ? 'Automatic' : kind} on ${datasets.find((d) => d.id === chosenDataset)?.name ?? 'dataset'}`}
            maxLength={120}
            onChange={(name) => update({ name })}
          />
        </div>

        <TrainParams
          kind={kind}
          specs={specs}
          values={paramValues}
          errors={errors}
          onValue={(name, value) => setParamValues({ ...paramValues, [name]: value })}
          calibration={calibration}
          onCalibration={(value) => update({ calibration: value })}
        />

        <TrainDataChoices
          formId={formId}
          counts={counts}
          trainOn={trainOn}
          onTrainOn={(value) => update({ trainOn: value })}
          testOn={testOn}
          onTestOn={(value) => update({ testOn: value })}
          exclusionSets={exclusionSets}
          exclusionIds={exclusionIds}
          onExclusionIds={(ids) => update({ exclusionIds: ids })}
        />

        {unsplit ? (
          <p className="md-warning" role="note">
            This dataset has no train/test split yet.{' '}
            <Button small disabled={splitting} onClick={() => void split()}>
              Split it 80/10/10
            </Button>{' '}
            or train on all documents without an evaluation.
          </p>
        ) : null}

        <div className="button-row">
          <Button
            type="submit"
            variant="primary"
            disabled={busy || !chosenDataset || (rules && !chosenRuleSet) || unsplit}
          >
            Train model
          </Button>
        </div>
      </form>
      {taskId ? (
        <TaskProgress
          key={taskId}
          taskId={taskId}
          label="Training"
          onSuccess={(stats) => {
            if (typeof stats.modelId === 'string') models.getState().setTrainedModel(stats.modelId)
            void models.getState().refresh()
          }}
        >
          {trainedId ? (
            <Button
              variant="primary"
              small
              onClick={() => void models.getState().openVersion(trainedId)}
            >
              Open report
            </Button>
          ) : null}
        </TaskProgress>
      ) : null}
    </section>
  )
}
