import { Descriptions, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../../generated/types.gen';
import { isMinor } from '../components/StateTag';
import { RecordTable } from '../../../shared/ui/RecordTable';

const day = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD') : '—');
const minute = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—');

/** 基本信息: the person, how the file began, the guardians and mandatory reports of a minor (R23), the buying household (R6). */
export default function BasicTab({ file }: { file: FileView }) {
  const { t } = useTranslation('files');
  const { person, intake } = file;
  const birth = person.birthDate ? (person.birthDate.exact ? day(person.birthDate.from) : `${day(person.birthDate.from)} – ${day(person.birthDate.to)}`) : '—';
  const age = person.age ? (person.age.min === person.age.max ? t('age.exact', { age: person.age.min }) : t('age.range', { min: person.age.min, max: person.age.max })) : '—';
  return (
    <div className="file-tab">
      <Typography.Title level={2} className="file-section-title">
        {t('basic.person')}
      </Typography.Title>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label={t('columns.name')}>
          {person.name ?? t('unnamed')}
          {person.pinyin && <Typography.Text type="secondary"> {person.pinyin}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('basic.aliases')}>{person.aliases.map((alias) => alias.name).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('columns.sex')}>{t(`sex.${person.sex}`)}</Descriptions.Item>
        <Descriptions.Item label={t('basic.birthDate')}>{birth}</Descriptions.Item>
        <Descriptions.Item label={t('basic.age')}>{age}</Descriptions.Item>
        <Descriptions.Item label={t('basic.identityStatus')}>{t(`basic.identityStatusValue.${person.identityStatus}`)}</Descriptions.Item>
        <Descriptions.Item label={t('basic.idNumber')}>{person.idNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('basic.nationality')}>{person.nationality ?? '—'}</Descriptions.Item>
        {person.travelDocument && (
          <Descriptions.Item label={t('basic.travelDocument')}>
            {person.travelDocument.country} {person.travelDocument.number}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('basic.languages')}>{person.languages.join(', ') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('basic.originPlace')}>{person.originPlace?.name ?? '—'}</Descriptions.Item>
        {person.disability && <Descriptions.Item label={t('basic.disability')}>{person.disability}</Descriptions.Item>}
        {person.contacts.length > 0 && (
          <Descriptions.Item label={t('basic.contacts')} span={2}>
            {person.contacts.map((contact) => [contact.label, contact.phone, contact.address].filter(Boolean).join(' ')).join('；')}
          </Descriptions.Item>
        )}
      </Descriptions>

      {intake && (
        <>
          <Typography.Title level={2} className="file-section-title">
            {t('basic.intake')}
          </Typography.Title>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
            <Descriptions.Item label={t('file.intake')}>{t(`intakeKind.${intake.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('basic.reportingOrganisation')}>{intake.reportingOrganisation}</Descriptions.Item>
            {intake.policeCaseNumber && <Descriptions.Item label={t('basic.caseNumber')}>{intake.policeCaseNumber}</Descriptions.Item>}
            <Descriptions.Item label={t('basic.occurredOn')}>{day(intake.occurredOn)}</Descriptions.Item>
            <Descriptions.Item label={t('basic.place')}>{intake.placeName}</Descriptions.Item>
            <Descriptions.Item label={t('basic.materials')}>{intake.materials.map((material) => material.item).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('basic.circumstances')} span={2}>
              {intake.circumstances}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}

      {(isMinor(person.age) || file.guardians.length > 0) && (
        <>
          <Typography.Title level={2} className="file-section-title">
            {t('basic.guardians')}
          </Typography.Title>
          <RecordTable
            rows={file.guardians}
            empty={t('basic.noGuardians')}
            columns={[
              { title: t('guardian.name'), dataIndex: 'name' },
              { title: t('guardian.kind'), dataIndex: 'kind', render: (kind: string) => t(`guardian.kinds.${kind}`) },
              { title: t('guardian.relation'), dataIndex: 'relation', render: (value: string | null) => value ?? '—' },
              { title: t('guardian.phone'), dataIndex: 'phone', render: (value: string | null) => value ?? '—' },
              { title: t('guardian.since'), dataIndex: 'since', render: day },
            ]}
          />
        </>
      )}

      {(isMinor(person.age) || file.mandatoryReports.length > 0) && (
        <>
          <Typography.Title level={2} className="file-section-title">
            {t('basic.mandatoryReports')}
          </Typography.Title>
          <RecordTable
            rows={file.mandatoryReports}
            empty={t('basic.noReports')}
            columns={[
              { title: t('basic.reportedAt'), dataIndex: 'reportedAt', render: minute },
              { title: t('basic.reportedTo'), dataIndex: 'reportedTo' },
              { title: t('basic.suspectedHarm'), dataIndex: 'suspectedHarm' },
            ]}
          />
        </>
      )}

      <Typography.Title level={2} className="file-section-title">
        {t('basic.buyerHousehold')}
      </Typography.Title>
      <RecordTable
        rows={file.buyerHousehold}
        empty={t('basic.noBuyers')}
        columns={[
          {
            title: t('columns.name'),
            key: 'name',
            render: (_, member) => (
              <>
                {member.name ?? t('basic.unknown')}
                {member.aliases.length > 0 && <Typography.Text type="secondary">（{member.aliases.join('、')}）</Typography.Text>}
              </>
            ),
          },
          { title: t('guardian.relation'), dataIndex: 'relation', render: (value: string | null) => value ?? '—' },
          {
            title: t('guardian.idNumber'),
            key: 'idNumber',
            render: (_, member) => (
              <>
                {member.idNumber ?? '—'} {member.idNumberVerified && <Tag color="green">{t('basic.verified')}</Tag>}
              </>
            ),
          },
          { title: t('guardian.address'), dataIndex: 'address', render: (value: string | null) => value ?? '—' },
        ]}
      />
    </div>
  );
}
