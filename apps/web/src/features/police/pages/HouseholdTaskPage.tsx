import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Panel } from '../../../shared/ui/Panel';
import { HouseholdTab, useHouseholdTask } from '../../household';
import '../police.css';

/**
 * One registration task raised to the unit (R11): the application with its
 * documents, and the registration the unit records — for a child only with
 * the DNA database check reference (the server's refusal shows on the field).
 * The steps and their buttons are the file's 落户 tab, as the API allows them to this role.
 */
export default function HouseholdTaskPage() {
  const { t } = useTranslation('police');
  const { fileId = '' } = useParams();
  const task = useHouseholdTask(fileId);
  return (
    <Panel level={1} title={t('household.pageTitle', { reference: task.data?.fileReference ?? '' })} extra={<Link to="/police/household">{t('household.back')}</Link>}>
      <HouseholdTab file={{ id: fileId }} />
    </Panel>
  );
}
