import { describeError, isDenied } from '../aws/errors';

/** A failed call, inline, in AWS's own words. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const { code, message } = describeError(error);
  return (
    <div className={isDenied(error) ? 'note note-denied' : 'note note-error'} role="alert">
      <strong>{code}</strong>
      {message ? <span>: {message}</span> : null}
    </div>
  );
}
