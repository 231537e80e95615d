import type { Db } from '../../db/index';
import { emitParameterChange } from './parameter-events';
import { deleteParameterRows, findParameter, type Scope } from './store';
import { withParameterLock } from './write-lock';

/** Deletes a parameter and everything kept for it, with its Delete event; false when absent. */
export async function removeParameter(db: Db, scope: Scope, name: string, arn: string, now: Date): Promise<boolean> {
  return withParameterLock(db, scope, name, async (trx) => {
    const current = await findParameter(trx, scope, name);
    if (!current) return false;
    await deleteParameterRows(trx, scope, name);
    await emitParameterChange(trx, scope, arn, { operation: 'Delete', name, type: current.type, description: current.description }, now);
    return true;
  });
}
