import { Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditVerificationView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { messageHalf } from '../../../shared/i18n';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useAuditVerification, useAuditVerifications, useVerifyAudit } from '../api';

const at = (instant: string | null) => (instant ? dayjs(instant).format('YYYY-MM-DD HH:mm:ss') : '');

/** What a verification found, or how far the worker is with it. */
function VerificationResult({ verification }: { verification: AuditVerificationView }) {
  const { t } = useTranslation('admin');
  const checkpoints = verification.checkpoints;
  if (verification.status === 'queued') return <p>{t('audit.verify.queued')}</p>;
  if (verification.status === 'running') return <p>{t('audit.verify.running', { records: verification.recordsWalked ?? 0 })}</p>;
  if (verification.status === 'failed') return <p className="ui-error">{t('audit.verify.failed', { reason: messageHalf(verification.failure ?? '') })}</p>;
  return (
    <>
      {verification.intact ? (
        <p className="admin-ok">{t('audit.verify.intact', { records: verification.records, chains: verification.chains })}</p>
      ) : verification.firstBroken ? (
        <p className="ui-error">
          {t('audit.verify.broken', {
            chain: verification.firstBroken.chain,
            seq: verification.firstBroken.seq,
            recordId: verification.firstBroken.recordId,
            reason: verification.firstBroken.reason,
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
      <p className="ui-muted">
        {t('audit.verify.at', {
          by: verification.requestedBy.displayName,
          requested: at(verification.requestedAt),
          started: at(verification.startedAt),
          finished: at(verification.finishedAt),
        })}
      </p>
    </>
  );
}

/**
 * 审计: verify the hash-chained audit record (R21). The worker runs it: the page
 * asks (202), then polls the verification until it is finished, showing its
 * progress; the latest verifications beside it. The emergency-access reviews and
 * the queue dashboard below.
 */
export default function AuditPage() {
  const { t } = useTranslation('admin');
  const me = useMe().data;
  const verify = useVerifyAudit();
  const latest = useAuditVerifications();
  const current = useAuditVerification(verify.data?.id ?? latest.data?.[0]?.id);
  const verification = current.data;
  const busy = verify.isPending || verification?.status === 'queued' || verification?.status === 'running';
  const settledStatus = verification && !busy ? verification.status : undefined;
  const { refetch } = latest;
  // Once the one shown is settled, the list shows its outcome too.
  useEffect(() => {
    if (settledStatus) void refetch();
  }, [settledStatus, refetch]);

  return (
    <>
      <Panel level={1} title={t('audit.title')}>
        <h2 className="card-title">{t('audit.verify.title')}</h2>
        <p className="ui-muted">{t('audit.verify.intro')}</p>
        <Button type="primary" onClick={() => verify.mutate()} loading={busy}>
          {t('audit.verify.run')}
        </Button>
        <ErrorAlert error={verify.error ?? current.error} />
        {verification && (
          <div className="admin-result" role="status" data-testid="audit-verification" data-status={verification.status}>
            <VerificationResult verification={verification} />
          </div>
        )}
      </Panel>
      <Panel title={t('audit.verify.latest')}>
        {latest.data?.length === 0 ? (
          <p className="ui-muted">{t('audit.verify.none')}</p>
        ) : (
          <ul className="admin-verifications" data-testid="audit-verifications">
            {latest.data?.map((item) => (
              <li key={item.id}>
                <span>{at(item.requestedAt)}</span>
                <span>{item.requestedBy.displayName}</span>
                {item.status === 'finished' ? (
                  <Tag color={item.intact ? 'green' : 'red'}>{t(item.intact ? 'audit.verify.outcome.intact' : 'audit.verify.outcome.broken')}</Tag>
                ) : (
                  <Tag color={item.status === 'failed' ? 'orange' : 'blue'}>{t(`audit.verify.status.${item.status}`)}</Tag>
                )}
              </li>
            ))}
          </ul>
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
