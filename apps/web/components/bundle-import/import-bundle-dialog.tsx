'use client';
// Importing a dropped or picked bundle: a dry run first, which gives the manifest's name (the
// default for the new VDC) or every reason the bundle is refused, listed; then the import under
// the name chosen, and the new VDC opens.
import { useEffect, useState } from 'react';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { nameProblem, VdcNameField } from '../vdc-list/vdc-name-field';
import { type AssemblyFile, assemblyFileOf, type ImportVerdict, isArchive, refusalReasons, sendAssembly, sendBundle } from './bundle-file';

function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

type Stage =
  | { kind: 'checking' }
  | { kind: 'refused'; reasons: string[] }
  | { kind: 'ready'; verdict: ImportVerdict; archive: boolean }
  | { kind: 'assembly'; assembly: AssemblyFile }
  | { kind: 'importing' };

export function ImportBundleDialog(props: { file: File | null; onClose: () => void; onImported: (name: string) => void }) {
  const { file } = props;
  const [stage, setStage] = useState<Stage>({ kind: 'checking' });
  const [name, setName] = useState('');
  const [error, setError] = useState<string[] | null>(null);

  useEffect(() => {
    if (!file) return;
    let live = true;
    setStage({ kind: 'checking' });
    setError(null);
    setName('');
    void (async () => {
      try {
        // An assembly's file adds assemblies, not a VDC: it has its own question, no name to choose.
        const assembly = await assemblyFileOf(file);
        if (assembly) {
          if (live) setStage({ kind: 'assembly', assembly });
          return;
        }
        const archive = await isArchive(file);
        const verdict = await sendBundle(file, { dryRun: true });
        if (!live) return;
        setName(verdict.manifest?.name ?? '');
        setStage({ kind: 'ready', verdict, archive });
      } catch (err) {
        if (live) setStage({ kind: 'refused', reasons: refusalReasons(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [file]);

  const problem = nameProblem(name);
  async function submit() {
    if (stage.kind === 'assembly') return importAssembly(stage.assembly);
    if (!file || stage.kind !== 'ready' || !name || problem) return;
    const before = stage;
    setStage({ kind: 'importing' });
    setError(null);
    try {
      const made = await sendBundle(file, { name, dryRun: false });
      props.onImported(made.vdc?.name ?? name);
    } catch (err) {
      setStage(before);
      setError(refusalReasons(err));
    }
  }

  async function importAssembly(assembly: AssemblyFile) {
    const before = stage;
    setStage({ kind: 'importing' });
    setError(null);
    try {
      const made = await sendAssembly(assembly.text);
      window.location.assign(`/catalog/assemblies/${encodeURIComponent(made.assembly.id)}`);
    } catch (err) {
      setStage(before);
      setError(refusalReasons(err));
    }
  }

  const busy = stage.kind === 'checking' || stage.kind === 'importing';
  return (
    <Dialog
      open={file !== null}
      title={stage.kind === 'assembly' ? 'Import an assembly' : 'Import a VDC'}
      description={file ? `${file.name} (${sizeText(file.size)})` : undefined}
      onClose={() => !busy && props.onClose()}
      onSubmit={submit}
      testId="import-bundle-dialog"
      footer={
        <>
          <Button onClick={props.onClose} disabled={stage.kind === 'importing'}>
            {stage.kind === 'refused' ? 'Close' : 'Cancel'}
          </Button>
          {stage.kind !== 'refused' && (
            <Button
              type="submit"
              variant="primary"
              busy={busy}
              disabled={stage.kind !== 'assembly' && (stage.kind !== 'ready' || !name || Boolean(problem))}
              data-testid="import-bundle-submit"
            >
              {stage.kind === 'assembly' ? 'Import assembly' : 'Import and open'}
            </Button>
          )}
        </>
      }
    >
      {stage.kind === 'checking' && <p data-testid="import-bundle-checking">Checking the bundle…</p>}
      {stage.kind === 'refused' && (
        <div data-testid="import-bundle-refused">
          <Alert title="Colo refused this bundle; nothing was created">
            <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs" data-testid="import-bundle-reasons">
              {stage.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
      {stage.kind === 'assembly' && (
        <p data-testid="import-bundle-assembly">
          Assembly <strong>{stage.assembly.id || 'from this file'}</strong>
          {stage.assembly.version > 0 ? ` version ${stage.assembly.version}` : ''}, with the assemblies inside it. Versions this Colo lacks become
          your own, private assemblies; it then opens in the catalog.
        </p>
      )}
      {(stage.kind === 'ready' || stage.kind === 'importing') && (
        <>
          <VdcNameField label="Name of the new VDC" value={name} problem={problem} onChange={setName} testId="import-bundle-name" />
          {stage.kind === 'ready' && stage.archive && (
            <p className="text-xs text-slate-600">
              With the data of {stage.verdict.volumes?.length ?? 0} volume{stage.verdict.volumes?.length === 1 ? '' : 's'}
              {stage.verdict.volumes?.length ? `: ${stage.verdict.volumes.map((v) => `${v.appliance}/${v.volume}`).join(', ')}` : ''}. The volumes are filled before the
              first deploy.
            </p>
          )}
          {stage.kind === 'importing' && <p>Importing{file && (file.size > 1024 * 1024 ? ' and filling the volumes' : '')}…</p>}
        </>
      )}
      {error && (
        <Alert title="The import failed; nothing was created">
          <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs" data-testid="import-bundle-reasons">
            {error.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Alert>
      )}
    </Dialog>
  );
}
