import { useTranslation } from 'react-i18next';
import { StateTag } from '../../files';
import { useHandovers } from '../api';
import { PoliceList } from '../components/PoliceList';

/** 移交记录 (R1): the handovers the unit made, the newest first, and how far each file has come — no person data. */
export default function HandoversPage() {
  const { t } = useTranslation('police');
  return (
    <PoliceList
      title={t('handovers.title')}
      intro={t('handovers.intro')}
      list={useHandovers()}
      empty={t('handovers.empty')}
      card={(item) => ({
        key: item.fileId,
        testId: `handover-${item.fileReference}`,
        title: item.policeCaseNumber,
        tag: <StateTag state={item.fileState} />,
        facts: [
          [t('handovers.file'), item.fileReference],
          [t('handovers.date'), item.handoverDate],
          [t('handovers.place'), item.place],
          [t('handovers.bureau'), item.receivingBureau],
          [t('handovers.materials'), t('handovers.materialsCount', { count: item.materialsCount })],
        ],
      })}
    />
  );
}
