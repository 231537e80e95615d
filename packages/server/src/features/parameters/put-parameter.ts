import type { Input, Output } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { assertValidName, parameterArn } from './names';
import { parsePolicies, toStoredPolicies } from './policies';
import { parameterResource, requestTagContext, scopeOf } from './resources';
import { encryptValue } from './secure-value';
import { findParameter } from './store';
import { assertDataType, assertMatchesPattern, assertValueFits, chooseTier, compileAllowedPattern, type Tier } from './value-rules';
import { writeParameterVersion } from './write-version';
import { settingValue } from '../service-settings/index';

async function putParameter(input: Input<'PutParameter'>, ctx: RequestContext): Promise<Output<'PutParameter'>> {
  const scope = scopeOf(ctx);
  const name = input.Name;
  assertValidName(name, ctx.region, ctx.accountId);
  const overwrite = input.Overwrite === true;
  if (overwrite && input.Tags && input.Tags.length > 0) {
    throw new AwsError(
      'ValidationException',
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  const existing = await findParameter(ctx.db, scope, name);
  if (existing && !overwrite) {
    throw new AwsError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  }
  // AWS: Type may be left out when overwriting; a new parameter needs one.
  const type = input.Type ?? existing?.type;
  if (!type) throw new AwsError('ValidationException', 'A parameter type is required when you create a parameter.');
  const policies = input.Policies !== undefined ? toStoredPolicies(parsePolicies(input.Policies, ctx.now)) : undefined;
  const storedPolicies = policies ? JSON.stringify(policies) : existing?.policies ?? null;
  const tier: Tier = chooseTier(input.Tier ?? (await defaultTier(ctx)), existing?.tier as Tier | undefined, input.Value, !!storedPolicies);
  assertValueFits(input.Value, tier, !!storedPolicies);
  const allowedPattern = input.AllowedPattern ?? existing?.allowed_pattern ?? null;
  if (input.AllowedPattern) compileAllowedPattern(input.AllowedPattern);
  assertMatchesPattern(input.Value, allowedPattern);
  const dataType = input.DataType ?? existing?.data_type ?? 'text';
  assertDataType(dataType, type, input.Value);

  const arn = parameterArn(ctx.region, ctx.accountId, name);
  let value = input.Value;
  let keyId: string | null = null;
  if (type === 'SecureString') {
    const encrypted = await encryptValue(ctx, input.KeyId, arn, input.Value, tier === 'Advanced');
    value = encrypted.ciphertext;
    // AWS: KeyId is reported as the caller named it; the default is the alias.
    keyId = input.KeyId ?? 'alias/aws/ssm';
  }
  const version = await writeParameterVersion(ctx.db, scope, arn, {
    name,
    type,
    value,
    key_id: keyId,
    tier,
    data_type: dataType,
    description: input.Description ?? existing?.description ?? null,
    allowed_pattern: allowedPattern,
    policies: storedPolicies,
    last_modified_date: ctx.now.toISOString(),
    last_modified_user: ctx.principal.arn,
  }, { overwrite, tags: input.Tags ?? [], now: ctx.now });
  return { Version: version, Tier: tier };
}

/**
 * AWS: a PutParameter without a Tier uses the account's default tier (the service setting
 * /ssm/parameter-store/default-parameter-tier, Standard unless changed), on update as on create.
 * Undefined stands for Standard, which keeps an Advanced parameter Advanced rather than refusing
 * the downgrade a Standard given by the caller would be.
 */
async function defaultTier(ctx: RequestContext): Promise<'Advanced' | 'Intelligent-Tiering' | undefined> {
  const value = await settingValue(ctx.db, ctx.accountId, ctx.region, '/ssm/parameter-store/default-parameter-tier');
  return value === 'Advanced' || value === 'Intelligent-Tiering' ? value : undefined;
}

export const putParameterOperation: OperationDef<Input<'PutParameter'>, Output<'PutParameter'>> = {
  service: 'ssm',
  name: 'PutParameter',
  sensitiveInput: ['Value'],
  async authorize(input, ctx) {
    return {
      resources: [await parameterResource(ctx, input.Name)],
      context: { 'ssm:Overwrite': input.Overwrite ? 'true' : 'false', ...requestTagContext(input.Tags) },
    };
  },
  handle: putParameter,
};
