/** What a failed AWS call says, as AWS said it: `AccessDeniedException: User: … is not authorized …`. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error && typeof error === 'object') {
    const e = error as { name?: string; message?: string; Code?: string; __type?: string };
    const code = e.Code ?? e.name ?? 'Error';
    return { code: code.replace(/^.*#/, ''), message: e.message ?? String(error) };
  }
  return { code: 'Error', message: String(error) };
}

/** Errors that mean the credentials are no good any more: back to the sign-in page. */
export function isExpired(error: unknown): boolean {
  const { code } = describeError(error);
  return code === 'ExpiredTokenException' || code === 'ExpiredToken' || code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException';
}

export const isDenied = (error: unknown): boolean => /AccessDenied/.test(describeError(error).code);
