'use client';
// Deploy: save first (the editor's beforeDeploy), show the plan of the latest revision against
// Docker, and only on confirm deploy that very revision.
import { formatIssue } from '@colo/manifest';
import { useCallback, useId, useState } from 'react';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { type ApiIssue, api, issuesOf, messageOf, vdcPath } from './api';
import { noteOperation } from './live-store';
import { PlanView } from './plan-view';
import { isActive, type OperationBody, type PlanBody } from './types';
import { useVdcLive } from './use-vdc-live';

export interface DeployButtonProps {
  vdcName: string;
  disabled?: boolean;
  /** Runs before planning (the editor saves); false cancels. */
  beforeDeploy?: () => Promise<boolean>;
  /** Why it cannot deploy now (the editor's Problems has errors): disabled, the reason on hover. */
  blockedBy?: string;
}

interface Planned {
  revision: number;
  plan: PlanBody;
}

type Phase =
  | { at: 'idle' }
  | { at: 'preparing' }
  | ({ at: 'planned' } & Planned)
  | ({ at: 'deploying' } & Planned)
  | ({ at: 'failed'; message: string; issues: ApiIssue[] } & Partial<Planned>);

export function DeployButton({ vdcName, disabled, beforeDeploy, blockedBy }: DeployButtonProps) {
  const live = useVdcLive(vdcName);
  const reasonId = useId();
  const [phase, setPhase] = useState<Phase>({ at: 'idle' });
  const running = isActive(live.operation);
  const close = useCallback(() => setPhase({ at: 'idle' }), []);

  async function start() {
    setPhase({ at: 'preparing' });
    try {
      if (beforeDeploy && !(await beforeDeploy())) {
        setPhase({ at: 'idle' });
        return;
      }
      const { vdc } = await api<{ vdc: { revision: number } }>(vdcPath(vdcName));
      const { plan } = await api<{ plan: PlanBody }>(vdcPath(vdcName, '/plan'), { method: 'POST', body: { revision: vdc.revision } });
      setPhase({ at: 'planned', revision: vdc.revision, plan });
    } catch (err) {
      setPhase({ at: 'failed', message: messageOf(err), issues: issuesOf(err) });
    }
  }

  async function confirm({ revision, plan }: Planned) {
    setPhase({ at: 'deploying', revision, plan });
    try {
      const { operation } = await api<{ operation: OperationBody }>(vdcPath(vdcName, '/deploy'), { method: 'POST', body: { revision } });
      noteOperation(vdcName, operation);
      setPhase({ at: 'idle' });
    } catch (err) {
      setPhase({ at: 'failed', message: messageOf(err), issues: issuesOf(err), revision, plan });
    }
  }

  const planned: Planned | undefined = phase.at !== 'idle' && phase.at !== 'preparing' && phase.plan && phase.revision !== undefined ? { plan: phase.plan, revision: phase.revision } : undefined;
  return (
    <>
      {/* A disabled button fires no hover events: the reason sits on a wrapper, and is read out. */}
      <span title={blockedBy} data-testid={blockedBy ? 'deploy-blocked' : undefined} className="inline-flex">
        <Button
          variant="primary"
          data-testid="deploy-button"
          busy={phase.at === 'preparing' || running}
          disabled={disabled || blockedBy !== undefined}
          onClick={start}
          aria-describedby={blockedBy ? reasonId : undefined}
          title={blockedBy ?? (running ? 'An operation is running' : 'Save, review the plan, then deploy')}
        >
          {running ? 'Deploying…' : phase.at === 'preparing' ? 'Planning…' : 'Deploy'}
        </Button>
        {blockedBy && (
          <span id={reasonId} className="sr-only">
            {blockedBy}
          </span>
        )}
      </span>
      {phase.at !== 'idle' && phase.at !== 'preparing' && (
        <Dialog
          open
          size="lg"
          testId="plan-dialog"
          title={planned ? `Deploy revision ${planned.revision} of ${vdcName}` : `Deploy ${vdcName}`}
          description={planned ? 'What deploying changes in Docker. Nothing has been touched yet.' : undefined}
          onClose={close}
          footer={
            <>
              <Button onClick={close}>Cancel</Button>
              {planned && (
                <Button variant="primary" data-testid="plan-confirm" busy={phase.at === 'deploying'} onClick={() => confirm(planned)}>
                  {planned.plan.steps.length === 0 ? 'Deploy anyway' : 'Deploy'}
                </Button>
              )}
            </>
          }
        >
          {phase.at === 'failed' && (
            <Alert title={planned ? 'The deploy was not started' : 'No plan could be made'}>
              <p>{phase.message}</p>
              {phase.issues.length > 0 && (
                <ul className="mt-1 list-disc pl-5">
                  {phase.issues.map((i) => (
                    <li key={`${i.path}:${i.message}`}>{formatIssue({ severity: 'error', ...i })}</li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          {planned && (
            <div className="max-h-[55vh] overflow-y-auto pb-1">
              <PlanView plan={planned.plan} />
            </div>
          )}
        </Dialog>
      )}
    </>
  );
}
