import { useEffect, useId, useMemo, useState, type FormEvent } from 'react'
import type { ModelField, TrainKindName } from '../../../../src-main/api/contract/models'
import type { DatasetDetail } from '../../../../src-main/api/models'
import { selectDatasets } from '../../stores/datasets/selectors'
import { useApi, useDatasets, useModels, useStores } from '../../stores/hooks'
import {
  selectExclusionSetOptions,
  selectModelsBusy,
  selectRuleSetOptions,
  selectTrainingTaskId,
} from '../../stores/models/selectors'
import {
  changedParams,
  defaultParams,
  FIELD_OPTIONS,
  isCalibrated,
  isRuleModel,
  MODEL_TYPE_OPTIONS,
  type Calibration,
} from './model-params'
import { TaskProgress } from './TaskProgress'
import { TrainDataChoices, type TestOn, type TrainOn } from './TrainDataChoices'
import { TrainParams } from './TrainParams'

/** The "Train a model" form: everything models.startTraining takes, with the engine's defaults. */
export function TrainForm() {
  const api = useApi()
  const { models, datasets: datasetsStore, ui } = useStores()
  const datasets = useDatasets(selectDatasets)
  const ruleSets = useModels(selectRuleSetOptions)
  const exclusionSets = useModels(selectExclusionSetOptions)
  const busy = useModels(selectModelsBusy)
  const taskId = useModels(selectTrainingTaskId)
  const formId = useId()

  const [name, setName] = useState('')
  const [datasetId, setDatasetId] = useState('')
  const [kind, setKind] = useState<TrainKindName>('auto')
  const [field, setField] = useState<ModelField>('content')
  const [ruleSetId, setRuleSetId] = useState('')
  const [paramValues, setParamValues] = useState<Record<string, string>>({})
  const [calibration, setCalibration] = useState<Calibration>('auto')
  const [trainOn, setTrainOn] = useState<TrainOn>('train')
  const [testOn, setTestOn] = useState<TestOn>('test')
  const [exclusionIds, setExclusionIds] = useState<string[]>([])
  const [loadedDetail, setDetail] = useState<DatasetDetail | null>(null)
  const [splitting, setSplitting] = useState(false)
  const [trainedId, setTrainedId] = useState<string | null>(null)

  const chosenDataset = datasetId || datasets[0]?.id || ''
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
    api
      .call('datasets.get', { id: chosenDataset })
      .then((d) => {
        if (stopped) return
        setDetail(d)
        // An unsplit dataset cannot give train/test splits: train on everything instead.
        if (d.splitCounts.train === 0) setTrainOn('all')
      })
      .catch((error: unknown) => {
        if (!stopped) ui.getState().showError(error)
      })
    return () => {
      stopped = true
    }
  }, [api, ui, chosenDataset])

  const split = async () => {
    if (!chosenDataset) return
    setSplitting(true)
    const ok = await datasetsStore
      .getState()
      .split(chosenDataset, { seed: 42, ratios: { train: 0.8, dev: 0.1, test: 0.1 } })
    setSplitting(false)
    if (!ok) return
    const d = await api.call('datasets.get', { id: chosenDataset }).catch(() => null)
    if (d) {
      setDetail(d)
      setTrainOn('train')
    }
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!chosenDataset || Object.keys(errors).length > 0) return
    if (rules && !chosenRuleSet) return
    setTrainedId(null)
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
          <label className="field">
            <span>Dataset</span>
            <select
              className="input"
              value={chosenDataset}
              onChange={(e) => setDatasetId(e.target.value)}
            >
              {datasets.length === 0 ? <option value="">No dataset yet</option> : null}
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.labeledCount} labeled)
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Model type</span>
            <select
              className="input"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as TrainKindName)
                setParamValues({})
                setRuleSetId('')
              }}
            >
              {MODEL_TYPE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          {rules ? (
            <label className="field">
              <span>Rule set</span>
              <select
                className="input"
                value={chosenRuleSet}
                onChange={(e) => setRuleSetId(e.target.value)}
              >
                {matchingRuleSets.length === 0 ? (
                  <option value="">No {kind} rule set yet: write one on the Rules screen</option>
                ) : null}
                {matchingRuleSets.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.ruleCount} rules)
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label className="field">
              <span>Field</span>
              <select
                className="input"
                value={field}
                onChange={(e) => setField(e.target.value as ModelField)}
              >
                {FIELD_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span>Name (optional)</span>
            <input
              className="input"
              value={name}
              placeholder={`${kind === 'auto' ? 'Automatic' : kind} on ${datasets.find((d) => d.id === chosenDataset)?.name ?? 'dataset'}`}
              maxLength={120}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
        </div>

        <TrainParams
          kind={kind}
          specs={specs}
          values={paramValues}
          errors={errors}
          onValue={(name, value) => setParamValues({ ...paramValues, [name]: value })}
          calibration={calibration}
          onCalibration={setCalibration}
        />

        <TrainDataChoices
          formId={formId}
          counts={counts}
          trainOn={trainOn}
          onTrainOn={setTrainOn}
          testOn={testOn}
          onTestOn={setTestOn}
          exclusionSets={exclusionSets}
          exclusionIds={exclusionIds}
          onExclusionIds={setExclusionIds}
        />

        {unsplit ? (
          <p className="md-warning" role="note">
            This dataset has no train/test split yet.{' '}
            <button
              type="button"
              className="button button-small"
              disabled={splitting}
              onClick={() => void split()}
            >
              Split it 80/10/10
            </button>{' '}
            or train on all documents without an evaluation.
          </p>
        ) : null}

        <div className="button-row">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || !chosenDataset || (rules && !chosenRuleSet) || unsplit}
          >
            Train model
          </button>
        </div>
      </form>
      {taskId ? (
        <TaskProgress
          key={taskId}
          taskId={taskId}
          label="Training"
          onSuccess={(stats) => {
            if (typeof stats.modelId === 'string') setTrainedId(stats.modelId)
            void models.getState().refresh()
          }}
        >
          {trainedId ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => void models.getState().openVersion(trainedId)}
            >
              Open report
            </button>
          ) : null}
        </TaskProgress>
      ) : null}
    </section>
  )
}
