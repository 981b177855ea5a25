'use client';
// Replicas, CPU and memory, each within the class's bounds (shown, and enforced by the
// validator whose message appears under the field).
import { setReplicas, setResources } from '@colo/canvas';
import { MEMORY_PATTERN } from '@colo/manifest';
import { useState } from 'react';
import { NumberField, Section, TextField } from './fields';
import { type ApplianceEditing, problemAt } from './inspector-context';

function bounds(min: number | string, max: number | string, fallback: number | string): string {
  return `${min}–${max}, default ${fallback}`;
}

/** Only what the validator cannot see yet (text that is no size); its bounds are the validator's words. */
function memoryProblem(text: string): string | undefined {
  if (text === '' || MEMORY_PATTERN.test(text)) return undefined;
  return 'a size like 256Mi or 1Gi';
}

export function SizingSection({ editing }: { editing: ApplianceEditing }) {
  const { appliance, cls, apply, done } = editing;
  const { replicas, resources } = cls;
  const [memoryDraft, setMemoryDraft] = useState<string | null>(null);
  const memoryShown = memoryDraft ?? (appliance.resources?.memory === undefined ? '' : String(appliance.resources.memory));
  const fixedReplicas = replicas.min === replicas.max;

  const setMemory = (text: string) => {
    setMemoryDraft(text);
    const clean = text.trim();
    if (clean !== '' && !MEMORY_PATTERN.test(clean)) return;
    apply('memory', (doc) => setResources(doc, appliance.name, { ...appliance.resources, memory: clean === '' ? undefined : clean }));
  };

  return (
    <Section title="Size">
      <NumberField
        label="Replicas"
        testId="inspector-replicas"
        integer
        value={appliance.replicas}
        placeholder={String(replicas.default)}
        min={replicas.min}
        max={replicas.max}
        hint={fixedReplicas ? `${cls.title} runs exactly ${replicas.min}` : bounds(replicas.min, replicas.max, replicas.default)}
        problem={problemAt(editing, '.replicas')}
        onChange={(n) => apply('replicas', (doc) => setReplicas(doc, appliance.name, n))}
        onDone={done}
      />
      <div className="grid grid-cols-2 gap-3">
        <NumberField
          label="CPU"
          value={appliance.resources?.cpu}
          placeholder={String(resources.cpu.default)}
          min={resources.cpu.min}
          max={resources.cpu.max}
          step={0.05}
          hint={`${resources.cpu.min}–${resources.cpu.max} cores`}
          problem={problemAt(editing, '.resources.cpu')}
          onChange={(cpu) => apply('cpu', (doc) => setResources(doc, appliance.name, { ...appliance.resources, cpu }))}
          onDone={done}
        />
        <TextField
          label="Memory"
          mono
          value={memoryShown}
          placeholder={String(resources.memory.default)}
          hint={`${resources.memory.min}–${resources.memory.max}`}
          problem={memoryProblem(memoryShown.trim()) ?? problemAt(editing, '.resources.memory')}
          onChange={setMemory}
          onDone={() => {
            setMemoryDraft(null);
            done();
          }}
        />
      </div>
    </Section>
  );
}
