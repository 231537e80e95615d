import { useMemo, useState, type FormEvent } from 'react';
import { ChangePasswordCommand, IAMClient } from '@aws-sdk/client-iam';
import { clientConfig } from '../aws/clients';
import { isExpired } from '../aws/errors';
import { ErrorNote } from '../ui/error-note';
import { renewAfterPasswordChange, type ConsoleSession } from './session';

/**
 * AWS: a user whose login profile has PasswordResetRequired must choose a new password before
 * using the console. The page calls iam:ChangePassword like any client, signed with the session's
 * credentials, so the user needs that permission (AWS's managed policy IAMUserChangePassword);
 * those credentials allow nothing else (the server issues them with a session policy), so the
 * console then signs in again with the new password.
 * Its own chunk: the IAM client loads only for users who land here.
 */
export default function ChangePasswordPage({ session, knownPassword, onChanged, onSignOut, onExpired }: {
  session: ConsoleSession;
  /** The password just typed on the sign-in page (kept in memory only), when there was one. */
  knownPassword?: string;
  onChanged(session: ConsoleSession): void;
  onSignOut(): void;
  onExpired(): void;
}) {
  const iam = useMemo(() => new IAMClient(clientConfig(session)), [session]);
  const [oldPassword, setOldPassword] = useState(knownPassword ?? '');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setMismatch(newPassword !== confirm);
    if (newPassword !== confirm) return;
    setBusy(true);
    try {
      await iam.send(new ChangePasswordCommand({ OldPassword: oldPassword, NewPassword: newPassword }));
    } catch (err) {
      if (isExpired(err)) return onExpired();
      setError(err);
      setNewPassword('');
      setConfirm('');
      setBusy(false);
      return;
    }
    try {
      onChanged(await renewAfterPasswordChange(session, newPassword));
    } catch {
      // The password did change; only the new sign-in failed (throttled, say): sign in by hand.
      onSignOut();
    }
  }

  return (
    <div className="center">
      <form className="card sign-in" onSubmit={submit} aria-labelledby="change-password-title">
        <h1 id="change-password-title">Choose a new password</h1>
        <p className="muted">
          Your administrator asks <strong>{session.userName}</strong> @ {session.accountId} to choose a new password
          before going on.
        </p>
        <label>
          Old password
          <input name="old-password" type="password" value={oldPassword} onChange={(e) => setOldPassword(e.target.value)} required autoComplete="current-password" autoFocus={!knownPassword} />
        </label>
        <label>
          New password
          <input name="new-password" type="password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} required autoComplete="new-password" autoFocus={!!knownPassword} />
          <span className="hint">At least 8 characters mixing three of upper case, lower case, digits and symbols; not your user name.</span>
        </label>
        <label>
          Confirm new password
          <input name="confirm-password" type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required autoComplete="new-password" />
        </label>
        {mismatch ? <div className="note note-error" role="alert">The new password and its confirmation differ.</div> : null}
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Changing…' : 'Change password'}</button>
        <button type="button" className="link" onClick={onSignOut}>Sign out</button>
      </form>
    </div>
  );
}
