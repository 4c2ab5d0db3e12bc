import { Button } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canCall, useMe } from '../../../shared/auth/me';
import { messageHalf } from '../../../shared/i18n';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useVerifyAudit } from '../api';

/** 审计: verify the hash-chained audit record now (R21); the emergency-access reviews and the queue dashboard beside it. */
export default function AuditPage() {
  const { t } = useTranslation('admin');
  const me = useMe().data;
  const verify = useVerifyAudit();
  const result = verify.data;
  const checkpoints = result?.checkpoints;

  return (
    <>
      <Panel level={1} title={t('audit.title')}>
        <h2 className="card-title">{t('audit.verify.title')}</h2>
        <p className="ui-muted">{t('audit.verify.intro')}</p>
        <Button type="primary" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify.run')}
        </Button>
        <ErrorAlert error={verify.error} />
        {result && (
          <div className="admin-result" role="status" data-testid="audit-verification">
            {result.intact ? (
              <p className="admin-ok">{t('audit.verify.intact', { records: result.records, chains: result.chains })}</p>
            ) : result.firstBroken ? (
              <p className="ui-error">
                {t('audit.verify.broken', {
                  chain: result.firstBroken.chain,
                  seq: result.firstBroken.seq,
                  recordId: result.firstBroken.recordId,
                  reason: result.firstBroken.reason,
                })}
              </p>
            ) : null}
            {checkpoints &&
              (checkpoints.firstProblem ? (
                <p className="ui-error">{t('audit.verify.checkpointProblem', { source: checkpoints.firstProblem.source, reason: messageHalf(checkpoints.firstProblem.reason) })}</p>
              ) : checkpoints.checked > 0 ? (
                <p>
                  {t('audit.verify.checkpoints', {
                    checked: checkpoints.checked,
                    latest: checkpoints.latestSignedAt ? dayjs(checkpoints.latestSignedAt).format('YYYY-MM-DD HH:mm') : '',
                  })}
                </p>
              ) : (
                <p className="ui-muted">{t('audit.verify.noCheckpoints')}</p>
              ))}
            <p className="ui-muted">{t('audit.verify.at', { at: dayjs(result.verifiedAt).format('YYYY-MM-DD HH:mm:ss') })}</p>
          </div>
        )}
      </Panel>
      <Panel title={t('audit.links.title')}>
        <ul className="admin-links">
          {canCall(me, 'emergency_access_for_review') && (
            <li>
              <Link to="/emergency-access">{t('audit.links.emergency')}</Link>
            </li>
          )}
          <li>
            {/* The queue dashboard is served by the api outside the app (its own page). */}
            <a href="/admin/queues">{t('audit.links.queues')}</a>
          </li>
        </ul>
      </Panel>
    </>
  );
}
