import type { Input, Output } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { ownDocument } from './own-document';
import { badVersion, scopeOf } from './resolve';
import { documentResource } from './resources';
import { permissionsOf } from './store';
import { settingValue } from '../service-settings/index';

/** AWS: a document can be shared with at most 1,000 accounts. */
export const MAX_SHARED_ACCOUNTS = 1000;

/** 'all' (any case) makes the document public; anything else must be an account id. */
function accountKey(id: string): string {
  if (id.toLowerCase() === 'all') return 'all';
  if (!/^\d{12}$/.test(id)) throw new AwsError('ValidationException', `Account ID ${id} is not valid: give a 12-digit account ID or "all".`);
  return id;
}

async function modifyDocumentPermission(input: Input<'ModifyDocumentPermission'>, ctx: RequestContext): Promise<Output<'ModifyDocumentPermission'>> {
  const doc = await ownDocument(ctx, input.Name);
  const scope = scopeOf(ctx);
  const add = [...new Set((input.AccountIdsToAdd ?? []).map(accountKey))];
  const remove = [...new Set((input.AccountIdsToRemove ?? []).map(accountKey))];
  const shared = input.SharedDocumentVersion ?? '$DEFAULT';
  // AWS: the model allows $DEFAULT, $LATEST and $ALL only (the front door's validator checks it).
  if (!['$DEFAULT', '$LATEST', '$ALL'].includes(shared)) throw badVersion();
  if (add.includes('all') && !remove.includes('all') && (await settingValue(ctx.db, scope.accountId, scope.region, '/ssm/documents/console/public-sharing-permission')) === 'Disable') {
    // AWS blocks public sharing when this setting is Disable; it documents no error code for
    // the refusal, so Bosun answers InvalidPermissionType, one of ModifyDocumentPermission's own.
    throw new AwsError(
      'InvalidPermissionType',
      'Public sharing of documents is blocked in this account and Region: the service setting /ssm/documents/console/public-sharing-permission is Disable.',
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    const where = (q: any) => q.where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', doc.name);
    if (remove.length > 0) await where(trx.deleteFrom('document_permissions')).where('shared_with', 'in', remove).execute();
    if (add.length === 0) return;
    await where(trx.deleteFrom('document_permissions')).where('shared_with', 'in', add).execute();
    await trx.insertInto('document_permissions').values(add.map((shared_with) => ({
      account_id: scope.accountId, region: scope.region, name: doc.name, shared_with, shared_version: shared,
    }))).execute();
    const count = (await permissionsOf(trx, scope, doc.name)).filter((p) => p.shared_with !== 'all').length;
    if (count > MAX_SHARED_ACCOUNTS) {
      throw new AwsError('DocumentPermissionLimit', `The document cannot be shared with more accounts. A document can be shared with at most ${MAX_SHARED_ACCOUNTS} accounts.`);
    }
  });
  return {};
}

export const modifyDocumentPermissionOperation: OperationDef<Input<'ModifyDocumentPermission'>, Output<'ModifyDocumentPermission'>> = {
  service: 'ssm',
  name: 'ModifyDocumentPermission',
  async authorize(input, ctx) {
    return { resources: [await documentResource(ctx, input.Name)] };
  },
  handle: modifyDocumentPermission,
};
