import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { goToSignIn, readSession, type Session } from './session';

const SessionContext = createContext<Session | null>(null);

/** The signed-in user for the views below; anyone else goes to sign-in and comes back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const session = readSession();
  useEffect(() => {
    if (!session) return;
    // Leave for sign-in when the token runs out, instead of showing empty pages after.
    const timer = window.setTimeout(() => goToSignIn('expired'), Math.max(0, session.expiresAt - Date.now()));
    return () => window.clearTimeout(timer);
    // readSession() gives a new object each render: the timer depends on the token only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session?.token]);
  if (!session) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?reason=required&next=${encodeURIComponent(next)}`} replace />;
  }
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside RequireSession');
  return session;
}
