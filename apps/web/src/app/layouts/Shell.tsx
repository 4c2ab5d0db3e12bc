import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { canCall, useMe } from '../../shared/auth/me';
import { onSignedOut, signOut } from '../../shared/auth/session';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useScreenWidth } from '../../shared/lib/useScreenWidth';
import { LanguageSwitch } from '../../shared/ui/LanguageSwitch';
import { NAV } from '../nav';
import { queryClient } from '../query-client';
import { UserMenu } from './UserMenu';
import './shell.css';

/** The width of the navigation's fades at either end (shell.css). */
const FADE = 24;

export default function ShellRoute() {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}

/**
 * The signed-in frame: the navigation the role may use (the API's x-roles),
 * the user menu, the language switch. Plain markup and CSS: with the
 * workbench it loads ≤ 250 KB of JavaScript.
 */
function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const nav = useRef<HTMLElement>(null);
  const width = useScreenWidth();

  useEffect(
    () =>
      // Leave first, then forget: clearing while the shell still shows would refetch /me and redirect with ?redirect=.
      onSignedOut(() => void Promise.resolve(navigate('/login', { replace: true })).then(() => client.clear())),
    [navigate, client],
  );
  // Which ends of the bar have more entries beyond them: each of those fades out (shell.css), none other does.
  const [more, setMore] = useState<'none' | 'start' | 'end' | 'both'>('none');
  const measure = useCallback(() => {
    const bar = nav.current;
    if (!bar) return;
    const before = bar.scrollLeft > 1;
    const after = bar.scrollLeft + bar.clientWidth < bar.scrollWidth - 1;
    setMore(before && after ? 'both' : before ? 'start' : after ? 'end' : 'none');
  }, []);
  // On a phone the bar scrolls: the page one is on is the entry in view, clear of the fades, after a navigation or a
  // change of width. Sideways only (scrollIntoView would move the page too, were it scrolled down).
  useEffect(() => {
    const bar = nav.current;
    const active = bar?.querySelector('a.active');
    if (bar && active) {
      const [edge, box] = [bar.getBoundingClientRect(), active.getBoundingClientRect()];
      if (box.right > edge.right - FADE) bar.scrollLeft += box.right - edge.right + FADE;
      else if (box.left < edge.left + FADE) bar.scrollLeft -= edge.left + FADE - box.left;
    }
    measure();
  }, [location.pathname, me.data, width, measure]);

  if (me.isPending) {
    return (
      <div className="shell-loading" role="status">
        {t('states.loading')}
      </div>
    );
  }
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (!me.data) return <Navigate to={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const forced = me.data.passwordChangeRequired;
  if (forced && location.pathname !== '/password') return <Navigate to="/password" replace />;
  const { role } = me.data;
  const entries = forced ? [] : NAV.filter((entry) => canCall(me.data, entry.operation) && (!entry.roles || entry.roles.includes(role)));

  return (
    <div className="shell">
      {/* WCAG 2.4.1: the first Tab offers to pass the navigation by. */}
      <a className="shell-skip" href="#content">
        {t('nav.skip')}
      </a>
      <header className="shell-header">
        <Link to="/" className="shell-brand">
          {t('app.name')}
        </Link>
        <nav ref={nav} className="shell-nav" data-more={more} onScroll={measure} aria-label={t('nav.menu')}>
          <ul>
            {entries.map((entry) => (
              <li key={entry.key}>
                <NavLink to={entry.path} end={entry.path === '/'}>
                  {t(`nav.${entry.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="shell-tools">
          <LanguageSwitch tone="dark" />
          <UserMenu name={me.data.displayName} onChangePassword={() => void navigate('/password')} onSignOut={() => void signOut()} />
        </div>
      </header>
      <main className="shell-content" id="content" tabIndex={-1}>
        <p className="shell-org">{me.data.organisation.name}</p>
        <Outlet />
      </main>
    </div>
  );
}
