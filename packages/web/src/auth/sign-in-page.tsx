import { useState, type FormEvent } from 'react';
import { signIn, type ConsoleConfig, type ConsoleSession } from './session';

export function SignInPage({ config, notice, onSignedIn }: { config: ConsoleConfig; notice?: string; onSignedIn(s: ConsoleSession, password: string): void }) {
  const [account, setAccount] = useState('');
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signIn({ account, userName, password }), password);
    } catch (err) {
      setError((err as Error).message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="center">
      <form className="card sign-in" onSubmit={submit}>
        <h1>Bosun</h1>
        <p className="muted">Sign in as an IAM user.</p>
        {notice ? <div className="note">{notice}</div> : null}
        <label>
          Account ID or alias{config.accountRequired ? '' : ' (optional)'}
          <input name="account" value={account} onChange={(e) => setAccount(e.target.value)} required={config.accountRequired} autoComplete="organization" />
        </label>
        <label>
          User name
          <input name="username" value={userName} onChange={(e) => setUserName(e.target.value)} required autoComplete="username" autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" />
        </label>
        {error ? <div className="note note-error" role="alert">{error}</div> : null}
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </div>
  );
}
