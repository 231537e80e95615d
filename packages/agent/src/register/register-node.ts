/**
 * Registers this node with an activation: POST /agent/v1/register with the public key and the
 * node's facts; the server answers with the node's mi- id.
 */
import type { NodeFacts, RegisterRequest, RegisterResponse } from '@bosun/protocol/agent/messages';
import { registerUrl } from '../tls/server-url';
import { postJson } from './post-json';
import { RegistrationError, ServerUnreachableError } from './registration-error';

export interface RegisterNodeInput {
  server: URL;
  activationId: string;
  activationCode: string;
  publicKeyPem: string;
  facts: NodeFacts;
  caPem?: string;
}

const INSTANCE_ID = /^mi-[0-9a-f]{17}$/;

export async function registerNode(input: RegisterNodeInput): Promise<RegisterResponse> {
  const request: RegisterRequest = {
    activationId: input.activationId,
    activationCode: input.activationCode,
    publicKey: input.publicKeyPem,
    facts: input.facts,
  };
  let response;
  try {
    response = await postJson(registerUrl(input.server), request, input.caPem);
  } catch (error) {
    throw new ServerUnreachableError(input.server, error as Error & { code?: string });
  }
  const body = (response.body ?? {}) as Record<string, unknown>;
  if (response.status !== 200) {
    const code = String(body.__type ?? body.code ?? `HTTP ${response.status}`).replace(/^.*#/, '');
    const message = String(body.message ?? body.Message ?? (response.body ? '' : response.text.slice(0, 200)));
    throw new RegistrationError(code, message, response.status);
  }
  const answer = body as unknown as RegisterResponse;
  if (typeof answer.instanceId !== 'string' || !INSTANCE_ID.test(answer.instanceId)) {
    throw new RegistrationError('InvalidResponse', `the server answered without a valid instance id: ${response.text.slice(0, 200)}`, response.status);
  }
  return answer;
}
