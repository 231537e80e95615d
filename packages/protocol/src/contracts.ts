import type { ServiceContract, ServiceId } from './contract';
import * as iamErrors from './generated/iam/errors';
import * as iamOps from './generated/iam/operations';
import * as iamShapes from './generated/iam/shapes';
import * as kmsErrors from './generated/kms/errors';
import * as kmsOps from './generated/kms/operations';
import * as kmsShapes from './generated/kms/shapes';
import * as ssmErrors from './generated/ssm/errors';
import * as ssmOps from './generated/ssm/operations';
import * as ssmShapes from './generated/ssm/shapes';
import * as stsErrors from './generated/sts/errors';
import * as stsOps from './generated/sts/operations';
import * as stsShapes from './generated/sts/shapes';

/** The generated contract of every service Bosun serves, as one value per service. */
export const contracts: Record<ServiceId, ServiceContract> = {
  ssm: { ...ssmOps.metadata, operations: ssmOps.operations, shapes: ssmShapes.shapes, errors: ssmErrors.errors },
  kms: { ...kmsOps.metadata, operations: kmsOps.operations, shapes: kmsShapes.shapes, errors: kmsErrors.errors },
  sts: { ...stsOps.metadata, operations: stsOps.operations, shapes: stsShapes.shapes, errors: stsErrors.errors },
  iam: { ...iamOps.metadata, operations: iamOps.operations, shapes: iamShapes.shapes, errors: iamErrors.errors },
};

/** Every modeled operation of a service, sorted (for the implemented/total report). */
export function operationNames(service: ServiceId): string[] {
  return Object.keys(contracts[service].operations);
}

export type SsmOperationName = ssmOps.OperationName;
export type KmsOperationName = kmsOps.OperationName;
export type StsOperationName = stsOps.OperationName;
export type IamOperationName = iamOps.OperationName;

export type SsmErrorCode = ssmErrors.ErrorCode;
export type KmsErrorCode = kmsErrors.ErrorCode;
export type StsErrorCode = stsErrors.ErrorCode;
export type IamErrorCode = iamErrors.ErrorCode;
