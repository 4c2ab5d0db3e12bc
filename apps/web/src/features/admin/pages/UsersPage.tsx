import { Button, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../generated/types.gen';
import { useMe } from '../../../shared/auth/me';
import { AdminTable, useUrlFilters } from '../components/AdminTable';
import { useUpdateUser, useUsers, type UserFilters } from '../api';
import { ChangeRoleDialog, DeactivateDialog, HandOverDialog, NewUserDialog, ResetPasswordDialog } from '../components/UserDialogs';
import { ROLES, type Role } from '../roles';

type Open = { kind: 'create' } | { kind: 'reset' | 'role' | 'deactivate' | 'handover'; user: UserView } | null;

/** 用户: the users of the organisations in one's jurisdiction, searchable, filtered in the URL, keyset paging. */
export default function UsersPage() {
  const { t } = useTranslation('admin');
  const me = useMe().data;
  const url = useUrlFilters<'q' | 'role'>();
  const filters: UserFilters = { q: url.get('q'), role: url.get('role') as Role | undefined };
  const list = useUsers(filters);
  const activate = useUpdateUser();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const done = (message: string) => {
    setNotice(message);
    setOpen(null);
  };

  return (
    <AdminTable<UserView>
      title={t('users.title')}
      create={{ label: t('users.create'), onClick: () => setOpen({ kind: 'create' }) }}
      notice={notice}
      search={{ label: t('users.search'), value: filters.q, onSearch: (q) => url.set('q', q) }}
      select={{
        label: t('users.role'),
        value: filters.role,
        onChange: (role) => url.set('role', role),
        options: ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) })),
      }}
      list={list}
      error={activate.error}
      primary={{
        title: t('users.columns.displayName'),
        render: (user) => user.displayName,
        summary: (user) => [user.username, t(`roles.${user.role}`), user.organisation.name].join(' · '),
      }}
      wide={[
        { title: t('users.columns.username'), key: 'username', render: (_, user) => user.username },
        { title: t('users.columns.role'), key: 'role', render: (_, user) => t(`roles.${user.role}`) },
        { title: t('users.columns.organisation'), key: 'organisation', render: (_, user) => user.organisation.name },
      ]}
      columns={[
        {
          title: t('users.columns.status'),
          key: 'status',
          render: (_, user) => (
            <>
              <Tag color={user.active ? 'green' : undefined}>{t(user.active ? 'users.status.active' : 'users.status.inactive')}</Tag>
              {user.passwordChangeRequired && <Tag color="orange">{t('users.status.mustChange')}</Tag>}
            </>
          ),
        },
        {
          title: t('users.columns.actions'),
          key: 'actions',
          render: (_, user) => (
            <div className="admin-actions">
              <Button size="small" onClick={() => setOpen({ kind: 'reset', user })} aria-label={`${t('users.actions.resetPassword')} ${user.username}`}>
                {t('users.actions.resetPassword')}
              </Button>
              {/* One's own role and account are another administrator's to change (the API answers 422 OWN_ACCOUNT). */}
              {user.id === me?.userId ? null : user.active ? (
                <>
                  {user.organisation.roles.length > 1 && (
                    <Button size="small" onClick={() => setOpen({ kind: 'role', user })} aria-label={`${t('users.actions.changeRole')} ${user.username}`}>
                      {t('users.actions.changeRole')}
                    </Button>
                  )}
                  {(user.role === 'caseworker' || user.role === 'supervisor') && (
                    <Button size="small" onClick={() => setOpen({ kind: 'handover', user })} aria-label={`${t('users.actions.handOver')} ${user.username}`}>
                      {t('users.actions.handOver')}
                    </Button>
                  )}
                  <Button size="small" danger onClick={() => setOpen({ kind: 'deactivate', user })} aria-label={`${t('users.actions.deactivate')} ${user.username}`}>
                    {t('users.actions.deactivate')}
                  </Button>
                </>
              ) : (
                <Button
                  size="small"
                  loading={activate.isPending && activate.variables?.id === user.id}
                  onClick={() => activate.mutate({ id: user.id, body: { active: true, expectedVersion: user.version } })}
                  aria-label={`${t('users.actions.activate')} ${user.username}`}
                >
                  {t('users.actions.activate')}
                </Button>
              )}
            </div>
          ),
        },
      ]}
    >
      {open?.kind === 'create' && me && <NewUserDialog within={me.organisation.jurisdictionCode} onClose={() => setOpen(null)} />}
      {open?.kind === 'reset' && <ResetPasswordDialog user={open.user} onClose={() => setOpen(null)} onDone={done} />}
      {open?.kind === 'role' && <ChangeRoleDialog user={open.user} onClose={() => setOpen(null)} onDone={done} />}
      {open?.kind === 'deactivate' && <DeactivateDialog user={open.user} onClose={() => setOpen(null)} onHandOver={() => setOpen({ kind: 'handover', user: open.user })} />}
      {open?.kind === 'handover' && <HandOverDialog user={open.user} onClose={() => setOpen(null)} onDone={done} />}
    </AdminTable>
  );
}
