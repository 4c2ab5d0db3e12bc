import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useOverdue, useOverdueWorkers } from '../api';

/** The supervisor's overdue follow-ups (reminders nobody acknowledged) in their jurisdiction: per kind, and who holds them. */
export function OverduePanel() {
  const { t } = useTranslation('workbench');
  const summary = useOverdue(true);
  const workers = useOverdueWorkers(true);
  const kinds = Object.entries(summary.data?.byKind ?? {}).filter(([, count]) => count > 0);

  return (
    <Panel title={t('overdue.title')}>
      <ErrorAlert error={summary.error ?? workers.error} />
      {summary.isPending ? (
        <p className="ui-empty">{t('common:states.loading')}</p>
      ) : summary.data?.total ? (
        <>
          <p>
            <strong data-testid="overdue-total">{summary.data.total}</strong> {t('overdue.total')}
          </p>
          <ul className="ui-list">
            {kinds.map(([kind, count]) => (
              <li key={kind}>
                <span>{t(`overdue.kinds.${kind}`, { defaultValue: kind })}</span>
                <strong>{count}</strong>
              </li>
            ))}
          </ul>
          {workers.data?.items.length ? (
            <>
              <h3 className="workbench-subtitle">{t('overdue.holders')}</h3>
              <ul className="ui-list">
                {workers.data.items.map((item) => (
                  <li key={`${item.organisationId}-${item.userId ?? ''}`}>
                    <span>
                      {item.displayName} <span className="ui-muted">{item.organisation}</span>
                    </span>
                    <strong>{item.count}</strong>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <p className="ui-empty">{t('overdue.empty')}</p>
      )}
    </Panel>
  );
}
