'use client';
// The VDC name input of the create and rename dialogs: one rule, shown as the hint, lowercased as typed.
import { DNS_LABEL } from '@colo/manifest';
import { Field, Input } from '../ui/input';

export const NAME_RULE = 'Lowercase letters, digits and dashes; starts with a letter; at most 32 characters.';

export function nameProblem(name: string): string | null {
  if (name === '') return null;
  return DNS_LABEL.test(name) ? null : NAME_RULE;
}

export function VdcNameField(props: {
  label: string;
  value: string;
  problem: string | null;
  onChange: (name: string) => void;
  placeholder?: string;
  testId: string;
}) {
  return (
    <Field label={props.label} hint={NAME_RULE} error={props.problem}>
      {({ id, describedBy, invalid }) => (
        <Input
          id={id}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder={props.placeholder}
          value={props.value}
          invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => props.onChange(e.target.value.toLowerCase())}
          data-testid={props.testId}
        />
      )}
    </Field>
  );
}
