import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../shared/api/api-error';
import { signIn } from '../../../shared/auth/session';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { LanguageSwitch } from '../../../shared/ui/LanguageSwitch';
import '../auth.css';

type Field = 'username' | 'password';

/**
 * 登录: the form once; the refresh token goes into the cookie, the access
 * token stays in memory. Deliberately plain (native inputs styled like antd's,
 * no query cache): the sign-in page loads ≤ 200 KB of JavaScript.
 */
export default function LoginPage() {
  const { t } = useTranslation('auth');
  const [values, setValues] = useState<Record<Field, string>>({ username: '', password: '' });
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const empty: Partial<Record<Field, string>> = {};
    if (!values.username.trim()) empty.username = t('login.usernameRequired');
    if (!values.password) empty.password = t('login.passwordRequired');
    setMissing(empty);
    if (Object.keys(empty).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username.trim(), values.password);
      const redirect = params.get('redirect');
      await navigate(redirect && redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/', { replace: true });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : ApiError.network());
      setBusy(false);
    }
  };

  const field = (name: Field, label: string, type: 'text' | 'password', autoComplete: string) => (
    <div className="auth-field">
      <label htmlFor={`login-${name}`}>{label}</label>
      <input
        id={`login-${name}`}
        name={name}
        type={type}
        className={missing[name] ? 'auth-input auth-input-error' : 'auth-input'}
        autoComplete={autoComplete}
        autoFocus={name === 'username'}
        value={values[name]}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
        aria-invalid={!!missing[name]}
        aria-describedby={missing[name] ? `login-${name}-help` : undefined}
      />
      {missing[name] && (
        <div id={`login-${name}-help`} className="auth-help">
          {missing[name]}
        </div>
      )}
    </div>
  );

  return (
    <main className="auth-page">
      <div className="auth-language">
        <LanguageSwitch />
      </div>
      <section className="auth-card">
        <h1 className="auth-title">{t('common:app.name')}</h1>
        <p className="auth-subtitle">{t('common:app.subtitle')}</p>
        <ErrorAlert error={error} />
        <form onSubmit={(event) => void submit(event)} noValidate>
          {field('username', t('login.username'), 'text', 'username')}
          {field('password', t('login.password'), 'password', 'current-password')}
          <button type="submit" className="auth-submit" disabled={busy} aria-busy={busy}>
            {t('login.submit')}
          </button>
        </form>
      </section>
    </main>
  );
}
