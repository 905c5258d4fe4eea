import type { ImportPreview } from '@api/dto'
import {
  DATASET_FORMATS,
  ENCODING_NAMES,
  LABEL_SEPARATORS,
  TEXT_ENCODINGS,
} from '@api/contract/datasets'
import { FORMAT_NAMES } from './export-path'
import { isTable, type ReadChoice } from './import-choices'
import { LabeledSelect, choicesOf } from '../../components/Select'

const SEPARATOR_NAMES: Record<string, string> = {
  '|': '| (bar)',
  '#': '# (hash)',
  ';': '; (semicolon)',
  ',': ', (comma)',
  '、': '、 (enumeration comma)',
  json: 'JSON array',
}

/** Format, encoding, header row, sheet and label separator: what the core detected, changeable. */
export function ImportReadOptions({
  preview,
  choice,
  onChange,
}: {
  preview: ImportPreview | null
  choice: ReadChoice
  onChange: (next: Partial<ReadChoice>) => void
}) {
  const table = isTable(preview?.format)
  const detected = preview
    ? `${ENCODING_NAMES[preview.encoding]}${preview.encodingDetected ? ' (detected)' : ''}`
    : '…'
  const separator = preview?.labelSeparator ?? null
  return (
    <>
      <dl className="facts">
        <dt>Detected format</dt>
        <dd>{preview ? FORMAT_NAMES[preview.format] : '…'}</dd>
        <dt>Encoding</dt>
        <dd>{detected}</dd>
        {table ? (
          <>
            <dt>Label separator</dt>
            <dd>{separator ? SEPARATOR_NAMES[separator] : 'none found'}</dd>
          </>
        ) : null}
      </dl>
      <div className="inline-form">
        <LabeledSelect
          label="Format"
          inline
          value={choice.format}
          onChange={(value) => onChange({ format: value })}
          choices={[
            { value: 'auto', label: 'Detect automatically' },
            ...choicesOf(DATASET_FORMATS, FORMAT_NAMES),
          ]}
        />
        {preview?.format !== 'xlsx' ? (
          <LabeledSelect
            label="Text encoding"
            inline
            value={choice.encoding}
            onChange={(value) => onChange({ encoding: value })}
            choices={[
              { value: 'auto', label: 'Detect automatically' },
              ...choicesOf(TEXT_ENCODINGS, ENCODING_NAMES),
            ]}
          />
        ) : null}
        {preview && preview.sheets.length > 1 ? (
          <LabeledSelect
            label="Sheet"
            inline
            value={choice.sheet ?? preview.sheet ?? ''}
            onChange={(value) => onChange({ sheet: value, columns: {} })}
            choices={choicesOf(preview.sheets)}
          />
        ) : null}
        {table ? (
          <>
            <label className="inline-field">
              <span>Labels separated by</span>
              <select
                className="input"
                value={choice.labelSeparator}
                onChange={(e) =>
                  onChange({ labelSeparator: e.target.value as ReadChoice['labelSeparator'] })
                }
              >
                <option value="auto">Detect from the data</option>
                {LABEL_SEPARATORS.map((s) => (
                  <option key={s} value={s}>
                    {SEPARATOR_NAMES[s]}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field checkbox-field">
              <input
                type="checkbox"
                checked={choice.header}
                onChange={(e) => onChange({ header: e.target.checked, columns: {} })}
              />
              <span>First row is a header</span>
            </label>
          </>
        ) : null}
      </div>
    </>
  )
}
