/**
 * @bosun/protocol — the API contract generated from the AWS models, the validator and the
 * wire codecs. Depends on nothing else of Bosun's.
 */
import type * as iam from './generated/iam/types';
import type * as kms from './generated/kms/types';
import type * as ssm from './generated/ssm/types';
import type * as sts from './generated/sts/types';

export type * from './contract';
export * from './contracts';
export { commonJsonErrors, commonQueryErrors } from './common-errors';
export { ProtocolError } from './protocol-error';
export { validateInput, type ValidateOptions } from './validate';
export { encodeJsonOutput, encodeJsonError, toJsonValue } from './codec/json';

/** SSM is the main API: its request/response types are the unqualified ones. */
export type Input<Op extends keyof ssm.Operations> = ssm.Operations[Op]['input'];
export type Output<Op extends keyof ssm.Operations> = ssm.Operations[Op]['output'];
export type KmsInput<Op extends keyof kms.Operations> = kms.Operations[Op]['input'];
export type KmsOutput<Op extends keyof kms.Operations> = kms.Operations[Op]['output'];
export type StsInput<Op extends keyof sts.Operations> = sts.Operations[Op]['input'];
export type StsOutput<Op extends keyof sts.Operations> = sts.Operations[Op]['output'];
export type IamInput<Op extends keyof iam.Operations> = iam.Operations[Op]['input'];
export type IamOutput<Op extends keyof iam.Operations> = iam.Operations[Op]['output'];

/** Every shape type of each service, for handlers that name a nested type (`ssm.Parameter`). */
export type { ssm as SsmTypes, kms as KmsTypes, sts as StsTypes, iam as IamTypes };
export * as agentChannel from './agent/messages';
export * as runCommand from './agent/run-command';
