import { AwsError } from '../../operations/errors';
import { FormReader, type Params } from './form-reader';
import { findOperation, queryModel, type QueryService } from './service-models';

export interface QueryRequest {
  action: string;
  version: string;
  input: Record<string, unknown>;
}

/**
 * Reads an IAM/STS form body (`Action=CreateUser&Version=2010-05-08&UserName=bob&…`) into the
 * operation name and the typed input the model describes.
 */
export function parseQueryRequest(service: QueryService, body: string): QueryRequest {
  const params: Params = new Map();
  // URLSearchParams decodes form encoding (`+` is a space); a repeated name keeps its first value.
  for (const [key, value] of new URLSearchParams(body)) if (!params.has(key)) params.set(key, value);

  const action = params.get('Action');
  if (action === undefined || action === '') {
    throw new AwsError('MissingAction', 'The request must contain the parameter Action.');
  }
  const model = queryModel(service);
  // AWS: a missing Version is reported as the literal NO_VERSION_SPECIFIED.
  const version = params.get('Version') || 'NO_VERSION_SPECIFIED';
  const operation = findOperation(model, action);
  if (!operation || version !== model.metadata.apiVersion) {
    // AWS: InvalidAction, 400, "Could not find operation AssumeRoleWithWebIdentity for version 2011-06-15";
    // operations are looked up per API version, so a wrong Version gets the same answer.
    throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`);
  }
  params.delete('Action');
  params.delete('Version');
  const input = operation.input ? new FormReader(model.shapes, params).readInput(operation.input.shape) : {};
  return { action, version, input };
}
