import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalView } from '../../../generated/types.gen';

/**
 * R5, R6, R23: the records a request is bound to, as they stand — who
 * receives the person, where and how; who the guardians are. What the
 * supervisor approves: changed before the decision, the API sets it aside.
 */
export function BoundRecords({ item }: { item: ApprovalView }) {
  const { t } = useTranslation('approvals');
  const home = item.returnHome;
  const verified = <Tag color="success">{t('bound.verified')}</Tag>;
  return (
    <>
      {home && (
        <div className="approval-data">
          <div className="ui-muted">{t('bound.returnHome')}</div>
          <dl>
            <div>
              <dt>{t('bound.recipient')}</dt>
              <dd>
                {t('bound.person', { name: home.recipientName, relation: home.relation })} {home.recipientIdNumberVerified && verified}
              </dd>
            </div>
            <div>
              <dt>{t('bound.address')}</dt>
              <dd>{t('bound.place', { address: home.address, place: home.placeName })}</dd>
            </div>
            {home.plannedOn && (
              <div>
                <dt>{t('bound.plannedOn')}</dt>
                <dd>{home.plannedOn}</dd>
              </div>
            )}
            {home.travelArrangements && (
              <div>
                <dt>{t('bound.travel')}</dt>
                <dd>{home.travelArrangements}</dd>
              </div>
            )}
            {home.escortedBy && (
              <div>
                <dt>{t('bound.escortedBy')}</dt>
                <dd>{home.escortedBy}</dd>
              </div>
            )}
          </dl>
        </div>
      )}
      {item.guardians && (
        <div className="approval-data">
          <div className="ui-muted">{t('bound.guardians')}</div>
          {item.guardians.length ? (
            <ul className="approval-guardians">
              {item.guardians.map((guardian, index) => (
                <li key={index}>
                  {guardian.relation ? t('bound.person', { name: guardian.name, relation: guardian.relation }) : guardian.name} · {t(`bound.kind.${guardian.kind}`)} ·{' '}
                  {t('bound.since', { since: guardian.since })} {guardian.idNumberVerified && verified}
                </li>
              ))}
            </ul>
          ) : (
            <p className="ui-muted">{t('bound.noGuardians')}</p>
          )}
        </div>
      )}
    </>
  );
}
