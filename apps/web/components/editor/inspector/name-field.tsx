'use client';
// Renaming: applied on Enter or leaving the field (the box's id is its name, so renaming on every
// keystroke would reshuffle the canvas), refused in place when the name is not allowed.
import { renameAppliance } from '@colo/canvas';
import { useEffect, useState } from 'react';
import { FieldFrame, inputClass } from './fields';
import type { ApplianceEditing } from './inspector-context';

export function NameField({ editing }: { editing: ApplianceEditing }) {
  const { appliance, store } = editing;
  const [draft, setDraft] = useState(appliance.name);
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    setDraft(appliance.name);
    setProblem(undefined);
  }, [appliance.name]);

  const commit = () => {
    const to = draft.trim();
    if (to === appliance.name) return setProblem(undefined);
    const result = store.run((doc) => renameAppliance(doc, appliance.name, to), {
      select: { nodes: [to], edges: [] },
    });
    setProblem(result.ok ? undefined : result.reason);
  };

  return (
    <FieldFrame label="Name" hint="Other appliances reach it by its wires, not this name." problem={problem}>
      {(id, aria) => (
        <input
          id={id}
          {...aria}
          data-testid="inspector-name"
          value={draft}
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(appliance.name);
          }}
          className={`${inputClass(Boolean(problem))} font-mono`}
        />
      )}
    </FieldFrame>
  );
}
