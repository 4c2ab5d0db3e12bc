import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import './ui.css';

/**
 * A failed call as people read it: the message in their language, the
 * problems no form field shows, and the request id to quote to support. Plain markup, no antd Alert: it is on the
 * sign-in page, which loads ≤ 200 KB of JavaScript.
 */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : ApiError.network();
  return (
    <div role="alert" className="ui-error">
      <div>{apiError.message}</div>
      {apiError.fieldProblems.length > 0 && (
        <ul className="ui-error-problems">
          {apiError.fieldProblems.map((problem, at) => (
            <li key={at}>{problem.reason}</li>
          ))}
        </ul>
      )}
      {apiError.requestId && <div className="ui-error-id">{t('error.requestId', { id: apiError.requestId })}</div>}
    </div>
  );
}
