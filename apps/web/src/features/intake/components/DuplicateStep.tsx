import { Button, Flex, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateCandidate } from '../../../generated/types.gen';
import { Panel } from '../../../shared/ui/Panel';

/** R4: the likely duplicates with their reasons; link to one of them or confirm a new person. */
export function DuplicateStep({
  candidates,
  busy,
  onLink,
  onNew,
  onBack,
}: {
  candidates: DuplicateCandidate[];
  busy: boolean;
  onLink: (personId: string) => void;
  onNew: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation('intake');
  return (
    <Panel title={t('duplicates.title')}>
      <Typography.Paragraph>{t('duplicates.intro')}</Typography.Paragraph>
      <List
        bordered
        dataSource={candidates}
        rowKey="personId"
        renderItem={(candidate) => (
          <List.Item
            actions={[
              <Button key="link" onClick={() => onLink(candidate.personId)} disabled={busy || !candidate.files.some((file) => file.inScope)}>
                {t('duplicates.link')}
              </Button>,
            ]}
          >
            <Space orientation="vertical" size={4}>
              <Space wrap>
                <Typography.Text strong>{candidate.name ?? t('duplicates.hidden')}</Typography.Text>
                {candidate.sex && <span>{t(`sex.${candidate.sex}`)}</span>}
                <Tag color="red">{t('duplicates.score', { score: Math.round(candidate.score * 100) })}</Tag>
              </Space>
              <Space wrap size={[4, 4]}>
                {candidate.reasons.map((reason) => (
                  <Tag key={reason}>{t(`duplicates.reason.${reason}`, { defaultValue: reason })}</Tag>
                ))}
              </Space>
              <Space wrap>
                {candidate.files.map((file, index) =>
                  file.inScope && file.id ? (
                    <Link key={file.id} to={`/files/${file.id}`} target="_blank">
                      {file.reference}
                    </Link>
                  ) : (
                    <Typography.Text key={index} type="secondary">
                      {t('duplicates.outOfScope', { jurisdiction: file.responsibleJurisdiction.name })}
                    </Typography.Text>
                  ),
                )}
              </Space>
            </Space>
          </List.Item>
        )}
      />
      <Flex gap={8} wrap style={{ marginTop: 16 }}>
        <Button type="primary" onClick={onNew} loading={busy}>
          {t('duplicates.confirmNew')}
        </Button>
        <Button onClick={onBack} disabled={busy}>
          {t('duplicates.back')}
        </Button>
      </Flex>
    </Panel>
  );
}
