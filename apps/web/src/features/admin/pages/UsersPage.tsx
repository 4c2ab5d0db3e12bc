import { Button, Grid, Input, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { UserView } from '../../../generated/types.gen';
import { useMe } from '../../../shared/auth/me';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useUpdateUser, useUsers, type UserFilters } from '../api';
import { DeactivateDialog, HandOverDialog, NewUserDialog, ResetPasswordDialog } from '../components/UserDialogs';
import { ROLES, type Role } from '../roles';

type Open = { kind: 'create' } | { kind: 'reset' | 'deactivate' | 'handover'; user: UserView } | null;

/** 用户: the users of the organisations in one's jurisdiction, searchable, filtered in the URL, keyset paging. */
export default function UsersPage() {
  const { t } = useTranslation('admin');
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const filters = useMemo<UserFilters>(() => ({ q: params.get('q') || undefined, role: (params.get('role') as Role | null) ?? undefined }), [params]);
  const list = useUsers(filters);
  const activate = useUpdateUser();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  // On a phone the name carries username, role and organisation, so the actions fit without scrolling.
  const narrow = !Grid.useBreakpoint().md;

  const setFilter = (name: 'q' | 'role', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const done = (message: string) => {
    setNotice(message);
    setOpen(null);
  };

  const columns: ColumnsType<UserView> = [
    {
      title: t('users.columns.displayName'),
      key: 'displayName',
      render: (_, user) =>
        narrow ? (
          <>
            <div>{user.displayName}</div>
            <div className="ui-muted">{[user.username, t(`roles.${user.role}`), user.organisation.name].join(' · ')}</div>
          </>
        ) : (
          user.displayName
        ),
    },
    ...(narrow
      ? []
      : ([
          { title: t('users.columns.username'), key: 'username', render: (_, user) => user.username },
          { title: t('users.columns.role'), key: 'role', render: (_, user) => t(`roles.${user.role}`) },
          { title: t('users.columns.organisation'), key: 'organisation', render: (_, user) => user.organisation.name },
        ] satisfies ColumnsType<UserView>)),
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
          {user.active ? (
            <>
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
  ];

  return (
    <Panel
      level={1}
      title={t('users.title')}
      extra={
        <Button type="primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('users.create')}
        </Button>
      }
    >
      {notice && (
        <p role="status" className="admin-notice">
          {notice}
        </p>
      )}
      <div className="admin-filters">
        <Input.Search
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          allowClear
          defaultValue={filters.q}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
        />
        <Select
          aria-label={t('users.role')}
          placeholder={t('users.role')}
          allowClear
          value={filters.role}
          onChange={(value?: string) => setFilter('role', value)}
          options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
      </div>
      <ErrorAlert error={list.error ?? activate.error} />
      <Table<UserView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('empty') }}
      />
      {list.hasNextPage && (
        <Button className="admin-result" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('more')}
        </Button>
      )}
      {open?.kind === 'create' && me && <NewUserDialog within={me.organisation.jurisdictionCode} onClose={() => setOpen(null)} />}
      {open?.kind === 'reset' && <ResetPasswordDialog user={open.user} onClose={() => setOpen(null)} onDone={done} />}
      {open?.kind === 'deactivate' && <DeactivateDialog user={open.user} onClose={() => setOpen(null)} onHandOver={() => setOpen({ kind: 'handover', user: open.user })} />}
      {open?.kind === 'handover' && <HandOverDialog user={open.user} onClose={() => setOpen(null)} onDone={done} />}
    </Panel>
  );
}
