import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DisclosedCategory, PartnerReferral } from '../api';
import { ageText } from './labels';

type Person = NonNullable<PartnerReferral['person']>;
type Guardian = NonNullable<Person['guardianContact']>[number];

const guardianText = (guardian: Guardian) => [guardian.name, guardian.relation, guardian.phone].filter(Boolean).join(' · ');

/**
 * The person as the partner may see them (R16): name, sex and age, the
 * minimum its kind needs — each field only when the server sent it — and
 * apart, marked, the categories disclosed under a standing consent.
 */
export function PersonSection({ person, disclosed }: { person: Person; disclosed: readonly DisclosedCategory[] }) {
  const { t } = useTranslation('partner');
  const category = (name: DisclosedCategory) => t(`referrals:disclosure.${name}`);
  const marked = (name: DisclosedCategory) => (
    <Tag color="purple" className="partner-tag-disclosed">
      {t('person.disclosedTag', { category: category(name) })}
    </Tag>
  );
  const shown = new Set(disclosed);
  return (
    <>
      <p className="ui-muted partner-intro">{t('person.minimum')}</p>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" className="partner-person">
        <Descriptions.Item label={t('person.name')}>{person.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('person.sex')}>{t(`sex.${person.sex}`)}</Descriptions.Item>
        <Descriptions.Item label={t('person.age')}>{ageText(t, person.age)}</Descriptions.Item>
        {'gradeLevel' in person && <Descriptions.Item label={t('person.gradeLevel')}>{person.gradeLevel ?? '—'}</Descriptions.Item>}
        {person.guardianContact && (
          <Descriptions.Item label={t('person.guardianContact')} span={2}>
            {person.guardianContact.length ? person.guardianContact.map((guardian) => <div key={guardianText(guardian)}>{guardianText(guardian)}</div>) : t('person.noGuardian')}
          </Descriptions.Item>
        )}
        {'disability' in person && !shown.has('medical') && <Descriptions.Item label={t('person.disability')}>{person.disability ?? '—'}</Descriptions.Item>}
        {person.languages && <Descriptions.Item label={t('person.languages')}>{person.languages.join(t('person.separator')) || '—'}</Descriptions.Item>}
        {'nationality' in person && <Descriptions.Item label={t('person.nationality')}>{person.nationality ?? '—'}</Descriptions.Item>}
        {'travelDocument' in person && (
          <Descriptions.Item label={t('person.travelDocument')}>
            {person.travelDocument ? [person.travelDocument.type, person.travelDocument.country, person.travelDocument.number].filter(Boolean).join(' · ') : '—'}
          </Descriptions.Item>
        )}
      </Descriptions>
      {disclosed.length > 0 && (
        <section className="partner-disclosed" aria-labelledby="partner-disclosed-title" data-testid="disclosed">
          <h3 id="partner-disclosed-title" className="partner-subtitle">
            {t('person.disclosedTitle')}
          </h3>
          <p className="ui-muted partner-intro">{t('person.disclosedNote')}</p>
          <dl className="partner-disclosed-list">
            {shown.has('identity') && (
              <div>
                <dt>{marked('identity')}</dt>
                <dd>{t('person.labelled', { label: t('person.idNumber'), value: person.idNumber ?? '—' })}</dd>
              </div>
            )}
            {shown.has('family') && (
              <div>
                <dt>{marked('family')}</dt>
                <dd>{person.guardians?.length ? person.guardians.map((guardian) => <div key={guardianText(guardian)}>{guardianText(guardian)}</div>) : t('person.noGuardian')}</dd>
              </div>
            )}
            {shown.has('contacts') && (
              <div>
                <dt>{marked('contacts')}</dt>
                <dd>
                  {person.contacts?.length
                    ? person.contacts.map((contact) => (
                        <div key={`${contact.label}${contact.phone}`}>{[contact.label, contact.phone, contact.address].filter(Boolean).join(' · ')}</div>
                      ))
                    : '—'}
                </dd>
              </div>
            )}
            {shown.has('medical') && (
              <div>
                <dt>{marked('medical')}</dt>
                <dd>
                  <div>{t('person.labelled', { label: t('person.disability'), value: person.disability ?? '—' })}</div>
                  {person.medicalMeasures?.map((measure) => (
                    <div key={`${measure.providedOn}${measure.description}`}>
                      {measure.providedOn} · {measure.description}
                    </div>
                  ))}
                </dd>
              </div>
            )}
            {shown.has('trafficking_history') && (
              <div>
                <dt>{marked('trafficking_history')}</dt>
                <dd className="partner-prose">{person.circumstances ?? '—'}</dd>
              </div>
            )}
            {shown.has('needs') && (
              <div>
                <dt>{marked('needs')}</dt>
                <dd>
                  {person.needs?.needs.join(t('person.separator')) || '—'}
                  {person.needs?.note && <div className="partner-prose">{person.needs.note}</div>}
                  {person.needs?.wishes && <div className="partner-prose">{t('person.labelled', { label: t('person.wishes'), value: person.needs.wishes })}</div>}
                </dd>
              </div>
            )}
          </dl>
        </section>
      )}
    </>
  );
}
