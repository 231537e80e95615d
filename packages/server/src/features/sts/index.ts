/** The STS API Bosun serves. Other rooms use only this door. */
import type { OperationDef } from '../../operations/types';
import { assumeRoleOperation } from './assume-role';
import { getCallerIdentityOperation } from './get-caller-identity';
import { getFederationTokenOperation } from './get-federation-token';
import { getSessionTokenOperation } from './get-session-token';

export const stsOperations: OperationDef[] = [
  assumeRoleOperation,
  getCallerIdentityOperation,
  getSessionTokenOperation,
  getFederationTokenOperation,
];
