import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/api-error';

/** A 404 from the API: what is not the caller's to see looks exactly like what does not exist. */
export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** The "not found" page: an unknown address, or a record the API answers 404 for. */
export function NotFoundResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('states.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('nav.workbench')}</Button>
        </Link>
      }
    />
  );
}
