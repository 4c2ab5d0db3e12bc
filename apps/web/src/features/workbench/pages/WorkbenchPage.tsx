import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NotificationView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { messageHalf } from '../../../shared/i18n';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { EmergencyBanner } from '../../emergency';
import { useApprovals, useInbox, useInboxAction, useInboxCounts } from '../api';
import { MyFilesPanel } from '../components/MyFilesPanel';
import { OverduePanel } from '../components/OverduePanel';
import { TransfersPanel } from '../components/TransfersPanel';
import { useLiveInbox } from '../live';
import '../workbench.css';

/**
 * 工作台: what needs the user today — the inbox with its counts (acknowledge a
 * reminder, mark a notice read), their files with what is due next, approvals awaiting them and
 * overdue follow-ups (supervisors), files transferred to their bureau. Plain markup and CSS: shell and workbench load ≤ 250 KB of JavaScript.
 */
export default function WorkbenchPage() {
  const { t } = useTranslation('workbench');
  const me = useMe().data;
  const { live } = useLiveInbox(me != null);
  const counts = useInboxCounts(live);
  const inbox = useInbox();
  const action = useInboxAction();
  const mayApprove = canCall(me, 'approvals_list');
  const approvals = useApprovals(mayApprove);
  const loading = <p className="ui-empty">{t('common:states.loading')}</p>;

  // A reminder's notice says when it fell due (`due 2026-11-22T02:00:00Z`): in the reader's words and time.
  const bodyOf = (item: NotificationView) => {
    const due = item.reminderId ? /^due (\S+)$/.exec(item.body) : null;
    return due ? t('inbox.due', { at: dayjs(due[1]).format('YYYY-MM-DD HH:mm') }) : messageHalf(item.body);
  };

  const actionsOf = (item: NotificationView) => (
    <span className="workbench-actions">
      {item.reminderId && item.reminderStatus !== 'acknowledged' && item.reminderStatus !== 'cancelled' && (
        <button type="button" className="workbench-button workbench-button-primary" onClick={() => action.mutate({ kind: 'acknowledge', item })}>
          {t('inbox.acknowledge')}
        </button>
      )}
      {!item.readAt && (
        <button type="button" className="workbench-button" onClick={() => action.mutate({ kind: 'read', item })}>
          {t('inbox.markRead')}
        </button>
      )}
    </span>
  );

  return (
    <div className="workbench">
      <h1 className="page-title">{t('title')}</h1>
      <EmergencyBanner />
      <div className="workbench-counts">
        <div className="workbench-count">
          <span className="ui-muted">{t('counts.unread')}</span>
          <strong data-testid="unread-count" data-live={live} aria-live="polite">
            {counts.data?.unread ?? '–'}
          </strong>
        </div>
        <div className="workbench-count">
          <span className="ui-muted">{t('counts.total')}</span>
          <strong>{counts.data?.total ?? '–'}</strong>
        </div>
      </div>
      <ErrorAlert error={counts.error ?? inbox.error ?? action.error} />
      <div className="workbench-columns">
        <Panel title={t('inbox.title')}>
          {inbox.isPending ? (
            loading
          ) : inbox.data?.items.length ? (
            <ul className="ui-list">
              {inbox.data.items.map((item) => (
                <li key={item.id}>
                  <div>
                    <div className={item.readAt ? undefined : 'workbench-unread'}>
                      {messageHalf(item.title)}
                      {item.escalationLevel > 0 && <span className="workbench-escalated">{t('inbox.escalated', { level: item.escalationLevel })}</span>}
                    </div>
                    <div className="ui-muted">{bodyOf(item)}</div>
                    <div className="ui-muted">
                      {item.fileId && <Link to={`/files/${item.fileId}`}>{item.fileReference}</Link>}
                      {item.subjectType === 'statistics_report' && item.subjectId && <Link to={`/statistics/reports/${item.subjectId}`}>{t('inbox.openReport')}</Link>}{' '}
                      {dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}
                    </div>
                  </div>
                  {actionsOf(item)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="ui-empty">{t('inbox.empty')}</p>
          )}
        </Panel>
        <div className="workbench-side">
          {mayApprove && (
            <Panel title={t('approvals.title')} extra={<Link to="/approvals">{t('approvals.all')}</Link>}>
              <ErrorAlert error={approvals.error} />
              {approvals.isPending ? (
                loading
              ) : approvals.data?.items.length ? (
                <ul className="ui-list">
                  {approvals.data.items.map((item) => (
                    <li key={item.id}>
                      <Link to="/approvals">{messageHalf(item.label)}</Link>
                      <span className="ui-muted">
                        {item.fileReference} · {item.requestedBy} · {dayjs(item.requestedAt).format('YYYY-MM-DD HH:mm')}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="ui-empty">{t('approvals.empty')}</p>
              )}
            </Panel>
          )}
          {canCall(me, 'transfers_list') && <TransfersPanel />}
          {canCall(me, 'followup_overdue') && <OverduePanel />}
          {canCall(me, 'me_files') && <MyFilesPanel />}
        </div>
      </div>
    </div>
  );
}
