// Waiting on operations and status the way a user's `--wait` does: by reading Postgres.
import { type AuthUser, vdcStatus } from '@colo/control';
import { getPrisma, type Operation } from '@colo/db';
import { waitFor } from './free-port';

export async function waitFinished(operationId: string, ms: number, context: () => string = () => ''): Promise<Operation> {
  const prisma = getPrisma();
  try {
    return await waitFor(`operation ${operationId} to finish`, ms, async () => {
      const op = await prisma.operation.findUniqueOrThrow({ where: { id: operationId } });
      return op.status === 'succeeded' || op.status === 'failed' ? op : undefined;
    }, 300);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${context()}`);
  }
}

export async function waitAppliance(
  user: AuthUser,
  vdc: string,
  appliance: string,
  what: string,
  ms: number,
  test: (a: Awaited<ReturnType<typeof vdcStatus>>['appliances'][number]) => boolean,
) {
  let last: unknown;
  try {
    return await waitFor(`${vdc}/${appliance}: ${what}`, ms, async () => {
      const found = (await vdcStatus(user, vdc)).appliances.find((a) => a.name === appliance);
      last = found;
      return found && test(found) ? found : undefined;
    }, 250);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nlast status: ${JSON.stringify(last)}`);
  }
}
