import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { deleteSubscription, subscriptionArn } from '../../events/index';
import { InputChecker, NAME_RULES } from './validate';

/** Delete and Test name one subscription and nothing else. */
export function readNameInput(raw: unknown): { Name: string } {
  const c = InputChecker.of(raw);
  const name = c.string('Name', NAME_RULES);
  c.done();
  return { Name: name! };
}

export function notFound(name: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Event subscription ${name} does not exist.`);
}

async function deleteEventSubscription(input: { Name: string }, ctx: RequestContext): Promise<Record<string, never>> {
  // Deliveries still owed to it go with it: a deleted webhook receives nothing more.
  if (!(await deleteSubscription(ctx.db, ctx.accountId, ctx.region, input.Name))) throw notFound(input.Name);
  return {};
}

export const deleteEventSubscriptionOperation: OperationDef<unknown, Record<string, never>> = {
  service: 'bosun',
  name: 'DeleteEventSubscription',
  authorize: (raw, ctx) => ({ resources: [subscriptionArn(ctx.region, ctx.accountId, readNameInput(raw).Name)] }),
  handle: (raw, ctx) => deleteEventSubscription(readNameInput(raw), ctx),
};
