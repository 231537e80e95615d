import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { deleteActivation } from '../../agents/activation-store';

/** AWS: deleting an activation stops new registrations; nodes already registered stay. */
async function deleteActivationHandler(input: Input<'DeleteActivation'>, ctx: RequestContext): Promise<Output<'DeleteActivation'>> {
  if (!(await deleteActivation(ctx.db, ctx.accountId, ctx.region, input.ActivationId))) {
    throw new AwsError('InvalidActivationId', `Activation ID ${input.ActivationId} is not valid. Verify that you entered the correct ActivationId and try again.`);
  }
  return {};
}

export const deleteActivationOperation: OperationDef<Input<'DeleteActivation'>, Output<'DeleteActivation'>> = {
  service: 'ssm',
  name: 'DeleteActivation',
  handle: deleteActivationHandler,
};
