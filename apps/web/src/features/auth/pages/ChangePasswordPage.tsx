import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { meKey, useMe } from '../../../shared/auth/me';
import { applyFieldErrors } from '../../../shared/lib/forms';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { changePassword } from '../api';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码, also the forced change after an administrator's reset (the shell sends the user here); done, the workbench opens. */
export default function ChangePasswordPage() {
  const { t } = useTranslation('auth');
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword({ currentPassword, newPassword });
      await queryClient.invalidateQueries({ queryKey: meKey });
      await navigate('/', { replace: true });
    } catch (failure) {
      setError(applyFieldErrors(form, failure, ['currentPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 560 }}>
      <Panel level={1} title={t('password.title')}>
        {me.data?.passwordChangeRequired && <Alert type="warning" showIcon title={t('password.required')} style={{ marginBottom: 16 }} />}
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rules')} rules={[{ required: true, message: t('password.newRequired') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('password.submit')}
          </Button>
        </Form>
      </Panel>
    </div>
  );
}
