import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';

/** A failed call as people read it: the message in their language, and the request id to quote to support. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : ApiError.network();
  return (
    <Alert
      type="error"
      showIcon
      title={apiError.message}
      description={apiError.requestId ? t('error.requestId', { id: apiError.requestId }) : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
