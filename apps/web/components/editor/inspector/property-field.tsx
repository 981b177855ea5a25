'use client';
// One class property, drawn from its declaration: text (with its pattern), whole or decimal
// number (with bounds), true/false, or one of a list. Labelled in the class's words ("PHP
// workers", its help underneath) with the raw key as a hint for the YAML. Unset means "the class
// default", shown as the placeholder; the shared propertyValueProblem says what is wrong.
import { type ClassProperty, type ManifestPropertyValue, propertyValueProblem } from '@colo/manifest';
import { CheckField, FieldFrame, inputClass, NumberField, TextField } from './fields';

export function PropertyField(props: {
  prop: ClassProperty;
  value: ManifestPropertyValue | undefined;
  problem?: string;
  onChange: (value: ManifestPropertyValue | undefined) => void;
  onDone: () => void;
}) {
  const { prop, value, onChange, onDone } = props;
  const label = (
    <span className="flex items-center gap-1.5">
      <span>{prop.label ?? prop.name}</span>
      {prop.label && (
        <span className="font-mono text-[11px] font-normal text-slate-500" title="The key in the manifest (YAML)">
          {prop.name}
        </span>
      )}
      {prop.required && prop.default === undefined && <span className="text-[10px] font-semibold text-rose-600 uppercase">required</span>}
    </span>
  );
  const problem = (value !== undefined ? propertyValueProblem(prop, value) : undefined) ?? props.problem;
  const fallback = prop.default === undefined ? undefined : String(prop.default);

  switch (prop.type) {
    case 'boolean': {
      const effective = typeof value === 'boolean' ? value : prop.default === true;
      return (
        <CheckField
          label={label}
          checked={effective}
          hint={prop.description}
          problem={problem}
          onChange={(checked) => {
            onChange(checked === (prop.default === true) && prop.default !== undefined ? undefined : checked);
            onDone();
          }}
        />
      );
    }
    case 'enum':
      return (
        <FieldFrame label={label} hint={prop.description} problem={problem}>
          {(id, aria) => (
            <select
              id={id}
              {...aria}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => {
                onChange(e.target.value === '' ? undefined : e.target.value);
                onDone();
              }}
              className={inputClass(Boolean(problem))}
            >
              <option value="">{fallback === undefined ? 'choose…' : `default (${fallback})`}</option>
              {(prop.values ?? []).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      );
    case 'integer':
    case 'number': {
      const range = prop.min !== undefined || prop.max !== undefined ? `${prop.min ?? '…'}–${prop.max ?? '…'}` : undefined;
      return (
        <NumberField
          label={label}
          integer={prop.type === 'integer'}
          value={typeof value === 'number' ? value : undefined}
          placeholder={fallback}
          min={prop.min}
          max={prop.max}
          hint={[range, prop.description].filter(Boolean).join(' · ')}
          problem={problem}
          onChange={onChange}
          onDone={onDone}
        />
      );
    }
    case 'string':
      return (
        <TextField
          label={label}
          mono
          value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
          placeholder={fallback}
          hint={prop.description}
          problem={problem}
          onChange={(text) => onChange(text === '' ? undefined : text)}
          onDone={onDone}
        />
      );
  }
}
