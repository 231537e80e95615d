import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';
import type { RequestContext } from '../../operations/types';
import type { Tag, Taggable } from '../tagging/index';
import { documentResource } from './resources';
import { scopeOf } from './resolve';
import { findDocument, tagsOf, type Scope } from './store';

/** AWS: a document carries at most 50 tags. */
export const MAX_TAGS_PER_DOCUMENT = 50;

/** Adds or overwrites tags in one transaction, refusing to pass the limit. */
export async function replaceTags(db: Db, scope: Scope, name: string, tags: Tag[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await tagsOf(trx, scope, name);
    const latest = new Map(tags.map((t) => [t.Key, t.Value]));
    if (Object.keys({ ...current, ...Object.fromEntries(latest) }).length > MAX_TAGS_PER_DOCUMENT) {
      throw new AwsError('TooManyTagsError', `The Tag limit exceeded. A resource can have at most ${MAX_TAGS_PER_DOCUMENT} tags.`);
    }
    await trx.deleteFrom('document_tags')
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
      .where('tag_key', 'in', [...latest.keys()]).execute();
    await trx.insertInto('document_tags').values([...latest].map(([tag_key, tag_value]) => ({
      account_id: scope.accountId, region: scope.region, name, tag_key, tag_value,
    }))).execute();
  });
}

/** AWS: ResourceId is the document's name in the caller's account; others are InvalidResourceId. */
async function assertOwnDocument(ctx: RequestContext, name: string): Promise<void> {
  if (!(await findDocument(ctx.db, scopeOf(ctx), name))) {
    throw new AwsError('InvalidResourceId', 'The resource ID is not valid. Verify that you entered the correct ID and try again.');
  }
}

/** Documents for the shared tag operations (ResourceType "Document"). */
export const documentTaggable: Taggable = {
  resource: (ctx, name) => documentResource(ctx, name),
  async list(ctx, name) {
    await assertOwnDocument(ctx, name);
    return Object.entries(await tagsOf(ctx.db, scopeOf(ctx), name)).map(([Key, Value]) => ({ Key, Value }));
  },
  async add(ctx, name, tags) {
    await assertOwnDocument(ctx, name);
    await replaceTags(ctx.db, scopeOf(ctx), name, tags);
  },
  async remove(ctx, name, keys) {
    await assertOwnDocument(ctx, name);
    if (keys.length === 0) return;
    const scope = scopeOf(ctx);
    await ctx.db.deleteFrom('document_tags')
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
      .where('tag_key', 'in', keys).execute();
  },
};
