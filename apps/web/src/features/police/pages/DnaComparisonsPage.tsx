import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useComparisons } from '../api';
import { OutcomeTag } from '../components/OutcomeTag';
import { PoliceList, useStatusFilter } from '../components/PoliceList';

/** DNA 比对 (R9): the comparisons asked of the unit, pending first, the oldest asked first; each opens its page. */
export default function DnaComparisonsPage() {
  const { t } = useTranslation('police');
  const filter = useStatusFilter({ pending: t('dna.pending'), all: t('dna.all') });
  return (
    <PoliceList
      title={t('dna.title')}
      intro={t('dna.intro')}
      filter={filter}
      list={useComparisons(filter.value)}
      empty={t(filter.value === 'pending' ? 'dna.emptyPending' : 'dna.empty')}
      card={(item) => ({
        key: item.id,
        testId: `comparison-${item.policeReference}`,
        title: <Link to={`/police/dna/${item.id}`}>{item.policeReference}</Link>,
        tag: <OutcomeTag outcome={item.outcome} />,
        facts: [
          [t('dna.requestedOn'), item.requestedOn],
          [t('dna.file'), item.fileReference],
          [t('dna.request'), item.requestReference],
          Boolean(item.reportReference) && [t('dna.reportReference'), item.reportReference],
        ],
      })}
    />
  );
}
