import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { loadConfig, signOut, storedSession, type ConsoleConfig, type ConsoleSession } from './auth/session';
import { SignInPage } from './auth/sign-in-page';
import { makeClients } from './aws/clients';
import { isExpired } from './aws/errors';
import { Console, type ConsoleContext } from './ui/context';
import { href, useRoute } from './ui/router';
import { NodesPage } from './features/nodes/nodes-page';

// Pages load on first visit: the editor and terminal libraries stay out of the first download.
const RunCommandPage = lazy(() => import('./features/run-command/run-command-page'));
const ParametersPage = lazy(() => import('./features/parameters/parameters-page'));
const DocumentsPage = lazy(() => import('./features/documents/documents-page'));
const SessionsPage = lazy(() => import('./features/sessions/sessions-page'));
const AuditPage = lazy(() => import('./features/audit/audit-page'));
const ChangePasswordPage = lazy(() => import('./auth/change-password-page'));

const PAGES = [
  { path: 'nodes', title: 'Managed nodes' },
  { path: 'run', title: 'Run Command' },
  { path: 'parameters', title: 'Parameters' },
  { path: 'documents', title: 'Documents' },
  { path: 'sessions', title: 'Sessions' },
  { path: 'audit', title: 'Audit' },
];

export function App() {
  const [config, setConfig] = useState<ConsoleConfig>();
  const [configError, setConfigError] = useState<string>();
  const [session, setSession] = useState<ConsoleSession | undefined>(storedSession);
  const [notice, setNotice] = useState<string>();
  // The password typed at sign-in, in memory only, to prefill a forced change; never stored.
  const [signInPassword, setSignInPassword] = useState<string>();

  useEffect(() => {
    loadConfig().then(setConfig, (e: Error) => setConfigError(e.message));
  }, []);

  const end = useCallback((why?: string) => {
    setSignInPassword(undefined);
    setSession((current) => {
      void signOut(current);
      return undefined;
    });
    setNotice(why);
  }, []);

  // Credentials expire on their own: go back to sign-in when they do.
  useEffect(() => {
    if (!session) return;
    const left = new Date(session.expiration).getTime() - Date.now();
    const timer = setTimeout(() => end('Your session expired. Sign in again.'), Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session, end]);

  if (configError) return <div className="center"><div className="note note-error">{configError}</div></div>;
  if (!config) return <div className="center muted">Loading…</div>;
  if (!session) {
    return (
      <SignInPage
        config={config}
        notice={notice}
        onSignedIn={(s, password) => { setNotice(undefined); setSignInPassword(s.passwordResetRequired ? password : undefined); setSession(s); }}
      />
    );
  }
  // AWS: a password marked for reset must be changed before the console opens.
  if (session.passwordResetRequired) {
    return (
      <Suspense fallback={<div className="center muted">Loading…</div>}>
        <ChangePasswordPage
          session={session}
          knownPassword={signInPassword}
          onChanged={(s) => { setSignInPassword(undefined); setSession(s); }}
          onSignOut={() => end()}
          onExpired={() => end('Your session expired or was revoked. Sign in again.')}
        />
      </Suspense>
    );
  }
  return <SignedIn session={session} onSignOut={() => end()} onExpired={() => end('Your session expired or was revoked. Sign in again.')} />;
}

function SignedIn({ session, onSignOut, onExpired }: { session: ConsoleSession; onSignOut(): void; onExpired(): void }) {
  const route = useRoute();
  const page = PAGES.some((p) => p.path === route[0]) ? route[0] : 'nodes';
  const [menuOpen, setMenuOpen] = useState(false);
  const ctx = useMemo<ConsoleContext>(() => ({
    ...makeClients(session),
    session,
    reportError: (error) => { if (isExpired(error)) onExpired(); },
  }), [session, onExpired]);
  useEffect(() => setMenuOpen(false), [page]);

  return (
    <Console.Provider value={ctx}>
      <div className="shell">
        <header className="topbar">
          <button className="menu-button" aria-label="Menu" onClick={() => setMenuOpen((o) => !o)}>☰</button>
          <a className="brand" href={href('nodes')}>Bosun</a>
          <span className="who" title={session.arn}>{session.userName} @ {session.accountId}</span>
          <button className="link" onClick={onSignOut}>Sign out</button>
        </header>
        <nav className={menuOpen ? 'sidebar open' : 'sidebar'} aria-label="Pages">
          {PAGES.map((p) => (
            <a key={p.path} href={href(p.path)} className={p.path === page ? 'active' : undefined}>{p.title}</a>
          ))}
        </nav>
        <main className="content">
          <Suspense fallback={<div className="muted">Loading…</div>}>
            {page === 'nodes' && <NodesPage />}
            {page === 'run' && <RunCommandPage route={route.slice(1)} />}
            {page === 'parameters' && <ParametersPage route={route.slice(1)} />}
            {page === 'documents' && <DocumentsPage route={route.slice(1)} />}
            {page === 'sessions' && <SessionsPage route={route.slice(1)} />}
            {page === 'audit' && <AuditPage />}
          </Suspense>
        </main>
      </div>
    </Console.Provider>
  );
}
