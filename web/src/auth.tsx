// The signed-in user: restored from the session cookie on load (GET /api/v1/me), set by login,
// cleared by logout or any 401. Also loads the directory of users (for owner names) once.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, listAll, setCsrfToken, setUnauthorizedHandler, type Me, type User } from './api.ts';
import { rememberLocale, storedLocale, useI18n, type Locale } from './i18n.tsx';

interface Auth {
  me: Me | null;
  checking: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  users: Map<string, User>;
  changeLocale(locale: Locale): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useI18n();
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const [users, setUsers] = useState<Map<string, User>>(new Map());

  const adopt = useCallback(async (next: Me) => {
    setCsrfToken(next.csrf_token);
    setMe(next);
    // The user's language: their profile's locale (PATCH /api/v1/me), else what they last chose here.
    const remembered = next.locale === 'zh' || next.locale === 'en' ? next.locale : storedLocale(next.id);
    if (remembered) {
      setLocale(remembered);
      rememberLocale(remembered, next.id);
    }
    listAll<User>('/api/v1/users')
      .then((rows) => {
        setUsers(new Map(rows.map((u) => [u.id, u])));
        const mine = rows.find((u) => u.id === next.id);
        if (!remembered && (mine?.locale === 'zh' || mine?.locale === 'en')) setLocale(mine.locale);
      })
      .catch(() => setUsers(new Map()));
  }, [setLocale]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setMe(null);
    });
    api<Me>('/api/v1/me')
      .then(adopt)
      .catch(() => setMe(null))
      .finally(() => setChecking(false));
    return () => setUnauthorizedHandler(null);
  }, [adopt]);

  const value = useMemo<Auth>(() => ({
    me,
    checking,
    users,
    async login(email, password) {
      const next = await api<Me>('/api/v1/auth/login', { method: 'POST', body: { email, password } });
      await adopt(next);
    },
    async logout() {
      try {
        await api('/api/v1/auth/logout', { method: 'POST' });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
      setCsrfToken(null);
      setMe(null);
      setUsers(new Map());
    },
    changeLocale(locale) {
      rememberLocale(locale, me?.id);
      setLocale(locale);
      // Saved on the user's profile so it follows them to other browsers (best effort).
      if (me) api<Me>('/api/v1/me', { method: 'PATCH', body: { locale } }).catch(() => undefined);
    },
  }), [me, checking, users, adopt, setLocale]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
