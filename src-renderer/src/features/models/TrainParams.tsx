import type { ModelType } from '@api/contract/models'
import { CALIBRATION_OPTIONS, isCalibrated, type Calibration, type ParamSpec } from './model-params'

interface TrainParamsProps {
  kind: ModelType
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
          <label className="field">
            <span>Probability calibration</span>
            <select
              className="input"
              value={props.calibration}
              onChange={(e) => props.onCalibration(e.target.value as Calibration)}
            >
              {CALIBRATION_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <small className="hint">
              Fitted on 5-fold cross-validation; multi-label thresholds are tuned there too. It
              never changes a single-label prediction.
            </small>
          </label>
        ) : null}
      </div>
    </fieldset>
  )
}
