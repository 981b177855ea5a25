// Masks a VDC's secrets in text read back from its containers (logs, health check output),
// with the very rule operation logs use: the recorder's.
import type { Vdc } from '@colo/db';
import { OperationRecorder } from '../operations/recorder';
import { openSecrets, secretValues } from '../secrets';

export function vdcRedactor(vdc: Pick<Vdc, 'id' | 'secrets'>): (text: string) => string {
  const masker = new OperationRecorder(`redact:${vdc.id}`);
  masker.redactValues(secretValues(openSecrets(vdc.id, vdc.secrets)));
  return (text) => masker.redact(text);
}
