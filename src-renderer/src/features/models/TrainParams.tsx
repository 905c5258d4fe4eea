import type { TrainKindName } from '@api/contract/models'
import { CALIBRATION_OPTIONS, isCalibrated, type Calibration, type ParamSpec } from './model-params'
import { Labeled, Select } from '../../components/Select'

interface TrainParamsProps {
  kind: TrainKindName
  specs: readonly ParamSpec[]
  values: Readonly<Record<string, string>>
  errors: Readonly<Record<string, string>>
  onValue: (name: string, value: string) => void
  calibration: Calibration
  onCalibration: (calibration: Calibration) => void
}

/** The train form's parameters: the engine's numeric defaults, and how scores are calibrated. */
export function TrainParams(props: TrainParamsProps) {
  const { kind, specs, values, errors } = props
  const calibrated = isCalibrated(kind)
  if (specs.length === 0 && !calibrated) return null
  return (
    <fieldset className="md-fieldset">
      <legend>Parameters</legend>
      <div className="md-form-grid">
        {specs.map((spec) => (
          <label className="field" key={spec.name}>
            <span>{spec.label}</span>
            <input
              className="input"
              type="number"
              min={spec.min}
              max={spec.max}
              step="any"
              value={values[spec.name] ?? String(spec.value)}
              aria-invalid={errors[spec.name] ? true : undefined}
              onChange={(e) => props.onValue(spec.name, e.target.value)}
            />
            <small className={errors[spec.name] ? 'md-error' : 'hint'}>
              {errors[spec.name] ?? spec.help}
            </small>
          </label>
        ))}
        {calibrated ? (
          <Labeled label="Probability calibration">
            <Select
              value={props.calibration}
              onChange={props.onCalibration}
              choices={CALIBRATION_OPTIONS}
            />
            <small className="hint">
              Fitted on 5-fold cross-validation; multi-label thresholds are tuned there too. It
              never changes a single-label prediction.
            </small>
          </Labeled>
        ) : null}
      </div>
    </fieldset>
  )
}
