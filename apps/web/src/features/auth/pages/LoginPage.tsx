import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { meKey } from '../../../shared/auth/me';
import { signIn } from '../../../shared/auth/session';
import { applyFieldErrors } from '../../../shared/lib/forms';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { LanguageSwitch } from '../../../shared/ui/LanguageSwitch';
import '../auth.css';

interface Values {
  username: string;
  password: string;
}

/** 登录: the form once; the refresh token goes into the cookie, the access token stays in memory. */
export default function LoginPage() {
  const { t } = useTranslation('auth');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username, values.password);
      queryClient.removeQueries({ queryKey: meKey });
      const redirect = params.get('redirect');
      await navigate(redirect && redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/', { replace: true });
    } catch (failure) {
      setError(applyFieldErrors(form, failure, ['username', 'password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <div className="auth-language">
        <LanguageSwitch />
      </div>
      <Card className="auth-card">
        <Typography.Title level={1} className="auth-title">
          {t('common:app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="auth-subtitle">
          {t('common:app.subtitle')}
        </Typography.Paragraph>
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
