import { DownOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Layout, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { canCall, useMe } from '../../shared/auth/me';
import { onSignedOut, signOut } from '../../shared/auth/session';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LanguageSwitch } from '../../shared/ui/LanguageSwitch';
import { NAV } from '../nav';
import './shell.css';

/** The signed-in frame: the navigation the role may use, the user menu, the language switch. */
export default function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      onSignedOut(() => {
        queryClient.clear();
        void navigate('/login', { replace: true });
      }),
    [navigate, queryClient],
  );

  if (me.isPending) return <Spin fullscreen tip={t('states.loading')} />;
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (!me.data) return <Navigate to={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const forced = me.data.passwordChangeRequired;
  if (forced && location.pathname !== '/password') return <Navigate to="/password" replace />;

  const entries = forced ? [] : NAV.filter((entry) => canCall(me.data, entry.operation));

  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Link to="/" className="shell-brand">
          {t('app.name')}
        </Link>
        <nav className="shell-nav" aria-label={t('nav.menu')}>
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
          <LanguageSwitch />
          <Dropdown
            menu={{
              items: [
                { key: 'password', label: t('user.changePassword') },
                { key: 'signOut', label: t('user.signOut') },
              ],
              onClick: ({ key }) => {
                if (key === 'password') void navigate('/password');
                else void signOut();
              },
            }}
          >
            <Button type="text" icon={<UserOutlined />} aria-label={`${t('user.menu')}: ${me.data.displayName}`}>
              <span className="shell-user-name">{me.data.displayName}</span>
              <DownOutlined />
            </Button>
          </Dropdown>
        </div>
      </Layout.Header>
      <Layout.Content className="shell-content">
        <Typography.Text type="secondary" className="shell-org">
          {me.data.organisation.name}
        </Typography.Text>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
