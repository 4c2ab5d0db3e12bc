import dayjs from 'dayjs';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferView } from '../../../generated/types.gen';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useIncomingTransfers, useTransferDecision } from '../api';

/** Files other jurisdictions transfer to the user's bureau: accept one, or decline it with a reason (the API needs one). */
export function TransfersPanel() {
  const { t } = useTranslation('workbench');
  const transfers = useIncomingTransfers(true);
  const decision = useTransferDecision();
  const [declining, setDeclining] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  const decline = (event: FormEvent, item: TransferView) => {
    event.preventDefault();
    decision.mutate({ id: item.id, decision: 'decline', reason: reason.trim() }, { onSuccess: () => setDeclining(null) });
  };

  return (
    <Panel title={t('transfers.title')}>
      <ErrorAlert error={transfers.error ?? decision.error} />
      {transfers.isPending ? (
        <p className="ui-empty">{t('common:states.loading')}</p>
      ) : transfers.data?.items.length ? (
        <ul className="ui-list">
          {transfers.data.items.map((item) => (
            <li key={item.id}>
              <div>
                <div>
                  {item.fileReference} {item.personName ?? t('transfers.unnamed')}
                </div>
                <div className="ui-muted">{t('transfers.from', { from: item.fromOrganisation, at: dayjs(item.requestedAt).format('YYYY-MM-DD') })}</div>
                <div className="ui-muted">{item.reason}</div>
              </div>
              {declining === item.id ? (
                <form className="workbench-actions" onSubmit={(event) => decline(event, item)}>
                  <input
                    className="workbench-input"
                    aria-label={t('transfers.reason')}
                    placeholder={t('transfers.reason')}
                    value={reason}
                    minLength={2}
                    required
                    onChange={(event) => setReason(event.target.value)}
                  />
                  <button type="submit" className="workbench-button" disabled={decision.isPending}>
                    {t('transfers.decline')}
                  </button>
                  <button type="button" className="workbench-button" onClick={() => setDeclining(null)}>
                    {t('transfers.cancel')}
                  </button>
                </form>
              ) : (
                <span className="workbench-actions">
                  <button
                    type="button"
                    className="workbench-button workbench-button-primary"
                    disabled={decision.isPending}
                    onClick={() => decision.mutate({ id: item.id, decision: 'accept' })}
                  >
                    {t('transfers.accept')}
                  </button>
                  <button
                    type="button"
                    className="workbench-button"
                    onClick={() => {
                      setReason('');
                      setDeclining(item.id);
                    }}
                  >
                    {t('transfers.decline')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="ui-empty">{t('transfers.empty')}</p>
      )}
    </Panel>
  );
}
