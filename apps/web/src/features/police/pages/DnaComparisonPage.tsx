import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PartnerFileView, TracingRequestView } from '../../../generated/types.gen';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useCandidatePair, useComparison } from '../api';
import { OutcomeForm } from '../components/OutcomeForm';
import { OutcomeTag } from '../components/OutcomeTag';
import '../police.css';

/** The person of the file, as the partner view gives it: name, sex, age — nothing of the file's records. */
function FileSide({ file }: { file: PartnerFileView }) {
  const { t } = useTranslation('police');
  const age = file.person.age;
  return (
    <dl className="police-facts">
      <dt>{t('dna.file')}</dt>
      <dd>{file.reference}</dd>
      <dt>{t('person.name')}</dt>
      <dd>{file.person.name ?? '—'}</dd>
      <dt>{t('person.sex')}</dt>
      <dd>{t(`sex.${file.person.sex}`)}</dd>
      <dt>{t('person.age')}</dt>
      <dd>{age ? (age.min === age.max ? t('person.ageExact', { age: age.min }) : t('person.ageRange', { min: age.min, max: age.max })) : '—'}</dd>
    </dl>
  );
}

/** The family's request, only what a comparison needs: who is sought, when and where they went missing — not the family's contact. */
function RequestSide({ request }: { request: TracingRequestView }) {
  const { t } = useTranslation('police');
  return (
    <dl className="police-facts">
      <dt>{t('dna.request')}</dt>
      <dd>{request.reference}</dd>
      <dt>{t('person.sex')}</dt>
      <dd>{t(`sex.${request.sex}`)}</dd>
      <dt>{t('request.born')}</dt>
      <dd>{request.birthDateFrom === request.birthDateTo ? request.birthDateFrom : `${request.birthDateFrom} – ${request.birthDateTo}`}</dd>
      <dt>{t('request.missingOn')}</dt>
      <dd>{request.missingOn}</dd>
      <dt>{t('request.missingPlace')}</dt>
      <dd>{request.missingPlace}</dd>
      <dt>{t('request.policeReport')}</dt>
      <dd>{request.policeReportReference ?? '—'}</dd>
    </dl>
  );
}

/**
 * One comparison asked of the unit (R9): its references, the candidate pair
 * while it is pending (the minimal views), and the outcome — reported here
 * once: match, no match or inconclusive with the report's reference (R10).
 */
export default function DnaComparisonPage() {
  const { t } = useTranslation('police');
  const { id = '' } = useParams();
  const comparison = useComparison(id);
  const data = comparison.data;
  const pending = data?.outcome === 'pending';
  const pair = useCandidatePair(data, pending);
  const [reporting, setReporting] = useState(false);
  if (comparison.error) return <ErrorAlert error={comparison.error} />;
  if (!data) return <p className="ui-empty">{t('common:states.loading')}</p>;
  return (
    <Panel level={1} title={t('dna.pageTitle', { reference: data.policeReference })} extra={<Link to="/police/dna">{t('dna.back')}</Link>}>
      <div className="police-card-head">
        <OutcomeTag outcome={data.outcome} />
      </div>
      <dl className="police-facts">
        <dt>{t('dna.policeReference')}</dt>
        <dd>{data.policeReference}</dd>
        <dt>{t('dna.requestedOn')}</dt>
        <dd>{data.requestedOn}</dd>
        {data.reportedOn && (
          <>
            <dt>{t('dna.reportedOn')}</dt>
            <dd>{data.reportedOn}</dd>
            <dt>{t('dna.reportReference')}</dt>
            <dd data-testid="report-reference">{data.reportReference}</dd>
          </>
        )}
      </dl>
      {pending ? (
        <>
          <h2 className="card-title police-section">{t('dna.pair')}</h2>
          <div className="police-pair">
            <section aria-labelledby="police-pair-file">
              <h3 id="police-pair-file">{t('dna.fileSide')}</h3>
              <ErrorAlert error={pair.file.error} />
              {pair.file.data?.audience === 'partner' && <FileSide file={pair.file.data} />}
            </section>
            <section aria-labelledby="police-pair-request">
              <h3 id="police-pair-request">{t('dna.requestSide')}</h3>
              <ErrorAlert error={pair.request.error} />
              {pair.request.data && <RequestSide request={pair.request.data} />}
            </section>
          </div>
          <Button type="primary" onClick={() => setReporting(true)}>
            {t('dna.report')}
          </Button>
        </>
      ) : (
        <p className="police-intro police-section">{t('dna.closed')}</p>
      )}
      {reporting && <OutcomeForm comparisonId={data.id} onClose={() => setReporting(false)} />}
    </Panel>
  );
}
