import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { countSubscriptions, createSubscription, parseEventPattern, PatternError, secretsFor, subscriptionArn } from '../../events/index';
import { InputChecker, NAME_RULES } from './validate';

export interface CreateEventSubscriptionInput {
  Name: string;
  Url: string;
  EventPattern: string;
  Enabled: boolean;
}

export interface CreateEventSubscriptionOutput {
  SubscriptionArn: string;
  Name: string;
  /** Shown this once: the key receivers verify X-Bosun-Signature with. */
  SigningSecret: string;
}

/** How many subscriptions one account may have in one region. */
export const MAX_SUBSCRIPTIONS = 100;

export function readCreateInput(raw: unknown): CreateEventSubscriptionInput {
  const c = InputChecker.of(raw);
  const name = c.string('Name', NAME_RULES);
  const url = c.string('Url', { required: true, min: 1, max: 2048, pattern: /^https?:\/\/[^\s/?#]+[^\s]*$/i, patternText: '^https?://\\S+' });
  const pattern = c.string('EventPattern', { min: 1, max: 4096 });
  const enabled = c.boolean('Enabled');
  c.done();
  return { Name: name!, Url: url!, EventPattern: pattern ?? '{}', Enabled: enabled ?? true };
}

async function createEventSubscription(input: CreateEventSubscriptionInput, ctx: RequestContext): Promise<CreateEventSubscriptionOutput> {
  try {
    parseEventPattern(input.EventPattern);
  } catch (e) {
    if (e instanceof PatternError) throw new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${e.message}`);
    throw e;
  }
  // The URL must be one fetch can use; the pattern above only looked at its shape.
  try {
    new URL(input.Url);
  } catch {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${input.Url}' at 'url' failed to satisfy constraint: Member must be an http or https URL`);
  }
  if ((await countSubscriptions(ctx.db, ctx.accountId, ctx.region)) >= MAX_SUBSCRIPTIONS) {
    throw new AwsError('LimitExceededException', `The requested resource exceeds the maximum number allowed (${MAX_SUBSCRIPTIONS} event subscriptions per account and region).`);
  }
  const made = await createSubscription(ctx.db, secretsFor(ctx.db), {
    accountId: ctx.accountId,
    region: ctx.region,
    name: input.Name,
    url: input.Url,
    eventPattern: input.EventPattern,
    enabled: input.Enabled,
    now: ctx.now,
  });
  if (made === 'exists') throw new AwsError('ResourceAlreadyExistsException', `Event subscription ${input.Name} already exists.`);
  return { SubscriptionArn: made.row.arn, Name: made.row.name, SigningSecret: made.secret };
}

export const createEventSubscriptionOperation: OperationDef<unknown, CreateEventSubscriptionOutput> = {
  service: 'bosun',
  name: 'CreateEventSubscription',
  authorize: (raw, ctx) => ({ resources: [subscriptionArn(ctx.region, ctx.accountId, readCreateInput(raw).Name)] }),
  handle: (raw, ctx) => createEventSubscription(readCreateInput(raw), ctx),
};
