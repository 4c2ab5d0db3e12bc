import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PartnerReferral } from '../api';

/** Training, certificates and jobs (R15), legal aid steps (R18), the repatriation handover (R19): what the partner recorded of its kind; null when nothing. */
export function KindRecordsSection({ records }: { records: PartnerReferral['records'] }) {
  const { t } = useTranslation('partner');
  const { trainingCourses, certificates, jobs, legalAidSteps, handover } = records;
  if (!trainingCourses.length && !certificates.length && !jobs.length && !legalAidSteps.length && !handover) return null;
  return (
    <Descriptions column={1} size="small" className="partner-kind-records">
      {trainingCourses.length > 0 && (
        <Descriptions.Item label={t('kindRecords.courses')}>
          <div>
            {trainingCourses.map((course) => (
              <div key={course.id}>
                {t('kindRecords.course', {
                  ...course,
                  endsOn: course.endsOn ?? t('kindRecords.open'),
                  status: t(`kindRecords.courseStatus.${course.status}`),
                })}
              </div>
            ))}
          </div>
        </Descriptions.Item>
      )}
      {certificates.length > 0 && (
        <Descriptions.Item label={t('kindRecords.certificates')}>
          <div>
            {certificates.map((certificate) => (
              <div key={certificate.id}>{t('kindRecords.certificate', { ...certificate, number: certificate.number ?? '—' })}</div>
            ))}
          </div>
        </Descriptions.Item>
      )}
      {jobs.length > 0 && (
        <Descriptions.Item label={t('kindRecords.jobs')}>
          <div>
            {jobs.map((job) => (
              <div key={job.id}>{t(job.elsewhere ? 'kindRecords.jobElsewhere' : 'kindRecords.job', job)}</div>
            ))}
          </div>
        </Descriptions.Item>
      )}
      {legalAidSteps.length > 0 && (
        <Descriptions.Item label={t('kindRecords.steps')}>
          <ol className="partner-steps">
            {legalAidSteps.map((step) => (
              <li key={step.id}>{t('kindRecords.stepLine', { ...step, kind: t(`kindRecords.step.${step.kind}`) })}</li>
            ))}
          </ol>
        </Descriptions.Item>
      )}
      {handover && (
        <Descriptions.Item label={t('kindRecords.handover')}>
          {t('kindRecords.handoverLine', { ...handover, travelDocumentRef: handover.travelDocumentRef ?? '—' })}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
