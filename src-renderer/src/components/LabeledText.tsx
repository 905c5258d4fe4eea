import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { Labeled } from './Select'

type Native<E> = Omit<E, 'value' | 'onChange' | 'className' | 'children'>

interface TextProps {
  value: string
  onChange: (value: string) => void
}

/** A text input in the app's style that hands back the text, not the event (narrow for numbers). */
export function TextInput(props: TextProps & Native<InputHTMLAttributes<HTMLInputElement>>) {
  const { value, onChange, ...native } = props
  return (
    <input
      {...native}
      className={native.type === 'number' ? 'input input-number' : 'input'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  )
}

interface LabeledTextProps extends TextProps, Native<InputHTMLAttributes<HTMLInputElement>> {
  label: string
  inline?: boolean
}

/** A text input with its visible label wrapped around it (the compact `field` style). */
export function LabeledText({ label, inline = false, ...input }: LabeledTextProps) {
  return (
    <Labeled label={label} inline={inline}>
      <TextInput {...input} />
    </Labeled>
  )
}

interface LabeledTextAreaProps
  extends TextProps, Native<TextareaHTMLAttributes<HTMLTextAreaElement>> {
  label: string
  mono?: boolean
}

/** A multi-line text box with its visible label wrapped around it. */
export function LabeledTextArea({
  label,
  value,
  onChange,
  mono = false,
  ...native
}: LabeledTextAreaProps) {
  return (
    <Labeled label={label}>
      <textarea
        {...native}
        className={mono ? 'input textarea mono' : 'input textarea'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Labeled>
  )
}
