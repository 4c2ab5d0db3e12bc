import { Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../generated/types.gen';
import { ApiError } from '../../../shared/api/api-error';
import { Dialog } from '../../../shared/ui/Dialog';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { useColleagues, useCreateUser, useHandOver, useOrganisationChoice, useResetPassword, useUpdateUser, useWorkload } from '../api';
import { ROLES, type Role } from '../roles';

/** The roles a user of each kind of organisation may have (the API refuses the rest, naming `role`). */
export function NewUserDialog({ within, onClose }: { within: string; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const create = useCreateUser();
  const [search, setSearch] = useState('');
  const organisations = useOrganisationChoice(within, search);
  const required = [{ required: true, whitespace: true, message: t('users.form.required') }];
  return (
    <WriteModal<{ username: string; displayName: string; organisationId: string; role: Role; password: string }>
      title={t('users.create')}
      fields={['username', 'displayName', 'organisationId', 'role', 'password']}
      onSubmit={(values) => create.mutateAsync(values)}
      onClose={onClose}
    >
      <Form.Item name="username" label={t('users.form.username')} extra={t('users.form.usernameHelp')} rules={required}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.form.displayName')} rules={required}>
        <Input />
      </Form.Item>
      <Form.Item name="organisationId" label={t('users.form.organisation')} rules={[{ required: true, message: t('users.form.required') }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: setSearch }}
          placeholder={t('users.form.organisationSearch')}
          loading={organisations.isFetching}
          options={(organisations.data ?? []).map((organisation) => ({ value: organisation.id, label: `${organisation.name} · ${organisation.jurisdictionName}` }))}
        />
      </Form.Item>
      <Form.Item name="role" label={t('users.form.role')} rules={[{ required: true, message: t('users.form.required') }]}>
        <Select options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
      </Form.Item>
      <Form.Item name="password" label={t('users.form.password')} extra={t('users.form.passwordHelp')} rules={required}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </WriteModal>
  );
}

export function ResetPasswordDialog({ user, onClose, onDone }: { user: UserView; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const reset = useResetPassword();
  return (
    <WriteModal<{ newPassword: string }>
      title={t('users.reset.title', { name: user.displayName })}
      fields={['newPassword']}
      onSubmit={async ({ newPassword }) => {
        await reset.mutateAsync({ id: user.id, newPassword });
        onDone(t('users.reset.done', { name: user.displayName }));
      }}
      onClose={onClose}
    >
      <p>{t('users.reset.help')}</p>
      <Form.Item name="newPassword" label={t('users.reset.newPassword')} extra={t('users.form.passwordHelp')} rules={[{ required: true, message: t('users.form.required') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </WriteModal>
  );
}

/**
 * 更改角色: the choices are the roles the user's organisation may have (the
 * API's `organisation.roles`). A caseworker still holding work cannot take a
 * role that holds none (USER_HOLDS_WORK, shown above the form: hand it over first).
 */
export function ChangeRoleDialog({ user, onClose, onDone }: { user: UserView; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const update = useUpdateUser();
  return (
    <WriteModal<{ role: Role }>
      title={t('users.changeRole.title', { name: user.displayName })}
      fields={['role']}
      initialValues={{ role: user.role }}
      onSubmit={async ({ role }) => {
        await update.mutateAsync({ id: user.id, body: { role, expectedVersion: user.version } });
        onDone(t('users.changeRole.done', { name: user.displayName, role: t(`roles.${role}`) }));
      }}
      onClose={onClose}
    >
      <p>{t('users.changeRole.help')}</p>
      <Form.Item name="role" label={t('users.changeRole.label')} rules={[{ required: true, message: t('users.form.required') }]}>
        <Select options={user.organisation.roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
      </Form.Item>
    </WriteModal>
  );
}

/**
 * 停用: ends every login of the user. The API refuses while the user still
 * holds open files or reminders (USER_HOLDS_WORK: a reminder must never
 * escalate to nobody); the dialog then offers the handover.
 */
export function DeactivateDialog({ user, onClose, onHandOver }: { user: UserView; onClose: () => void; onHandOver: () => void }) {
  const { t } = useTranslation('admin');
  const update = useUpdateUser();
  const [error, setError] = useState<unknown>(null);
  const holds = error instanceof ApiError && error.code === 'USER_HOLDS_WORK';
  const held = holds ? ((error.details as { held?: { files: number; reminders: number } } | null)?.held ?? { files: 0, reminders: 0 }) : null;
  const submit = async () => {
    setError(null);
    try {
      await update.mutateAsync({ id: user.id, body: { active: false, expectedVersion: user.version } });
      onClose();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Dialog
      title={t('users.deactivate.title', { name: user.displayName })}
      okText={holds ? t('users.actions.handOver') : t('users.actions.deactivate')}
      okButtonProps={{ danger: !holds }}
      cancelText={t('cancel')}
      confirmLoading={update.isPending}
      onOk={() => (holds ? onHandOver() : void submit())}
      onCancel={onClose}
      destroyOnHidden
    >
      {held ? (
        <div role="alert" className="ui-error">
          {t('users.deactivate.held', { name: user.displayName, files: held.files, reminders: held.reminders })}
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      <p>{t('users.deactivate.body')}</p>
    </Dialog>
  );
}

/** 移交工作: the user's open files (with their visits) and open reminders go to a colleague of the same organisation. */
export function HandOverDialog({ user, onClose, onDone }: { user: UserView; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const workload = useWorkload(user.id);
  const colleagues = useColleagues(user.organisation.id, user.id);
  const handOver = useHandOver();
  const none = colleagues.isSuccess && colleagues.data.length === 0;
  return (
    <WriteModal<{ toUserId: string; reason: string }>
      title={t('users.handover.title', { name: user.displayName })}
      fields={['toUserId', 'reason']}
      onSubmit={async ({ toUserId, reason }) => {
        const moved = await handOver.mutateAsync({ id: user.id, toUserId, reason });
        onDone(t('users.handover.done', { files: moved.files, reminders: moved.reminders }));
      }}
      onClose={onClose}
    >
      {workload.data && <p>{t('users.handover.holds', { files: workload.data.files, reminders: workload.data.reminders })}</p>}
      {none && <p className="ui-error">{t('users.handover.noColleague')}</p>}
      <Form.Item name="toUserId" label={t('users.handover.to')} rules={[{ required: true, message: t('users.form.required') }]}>
        <Select
          loading={colleagues.isPending}
          options={(colleagues.data ?? []).map((colleague) => ({
            value: colleague.id,
            label: `${colleague.displayName} · ${colleague.username} · ${t(`roles.${colleague.role}`)}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="reason" label={t('users.handover.reason')} rules={[{ required: true, whitespace: true, message: t('users.form.required') }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </WriteModal>
  );
}
