import { Button, Empty, Flex, Form, Input, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatisticsImportView } from '../../../generated/types.gen';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { useHistoryTemplate, useImportHistory, useImports } from '../api';
import { ScrollRegion } from './FiguresTable';

/** A workbook chosen: its name and its bytes in base64, as the API takes it. */
interface Workbook {
  fileName: string;
  content: string;
}

/** The file input of the form (Form.Item gives value and onChange): reads the chosen .xlsx into base64. */
function WorkbookInput({ id, onChange, label }: { id?: string; onChange?: (value: Workbook | undefined) => void; label: string }) {
  const read = async (file: File | undefined) => {
    if (!file) return onChange?.(undefined);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
    onChange?.({ fileName: file.name, content: btoa(binary) });
  };
  return (
    <input
      id={id}
      type="file"
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      aria-label={label}
      onChange={(event) => void read(event.target.files?.[0])}
    />
  );
}

interface Values {
  year: number;
  workbook: Workbook;
  correctionReason?: string;
}

/** 导入历史年度: the year, the blank form to download, the filled workbook, and a reason when the year was imported before. */
function ImportDialog({
  jurisdiction,
  years,
  imported,
  onClose,
}: {
  jurisdiction: { code: string; name: string };
  years: number[];
  imported: StatisticsImportView[];
  onClose: () => void;
}) {
  const { t } = useTranslation('statistics');
  const [form] = Form.useForm<Values>();
  const importing = useImportHistory();
  const template = useHistoryTemplate();
  const year = Form.useWatch('year', form) ?? years[0];
  const again = imported.some((entry) => entry.year === year && entry.jurisdiction.code === jurisdiction.code);
  return (
    <WriteModal<Values>
      title={t('history.importTitle', { name: jurisdiction.name })}
      okText={t('history.import')}
      form={form}
      fields={['year', 'correctionReason', 'jurisdictionCode', 'fileName']}
      initialValues={{ year: years[0] }}
      onSubmit={({ year: chosen, workbook, correctionReason }) =>
        importing.mutateAsync({
          year: chosen,
          jurisdictionCode: jurisdiction.code,
          fileName: workbook.fileName,
          workbook: workbook.content,
          correctionReason: correctionReason || undefined,
        })
      }
      onClose={onClose}
    >
      <p className="ui-muted">{t('history.importIntro')}</p>
      <Form.Item name="year" label={t('year')} rules={[{ required: true }]}>
        <Select aria-label={t('year')} options={years.map((value) => ({ value, label: t('yearOption', { year: value }) }))} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label={t('history.template')} extra={t('history.templateHint')}>
        <Button
          data-testid="stats-history-template"
          loading={template.isPending}
          onClick={() => template.mutate({ year, jurisdictionCode: jurisdiction.code, filename: t('history.templateName', { name: jurisdiction.name, year }) })}
        >
          {t('history.downloadTemplate', { year })}
        </Button>
        <ErrorAlert error={template.error} />
      </Form.Item>
      <Form.Item name="workbook" label={t('history.workbook')} rules={[{ required: true, message: t('history.workbookRule') }]}>
        <WorkbookInput label={t('history.workbook')} />
      </Form.Item>
      {/* Always there: the server names it too when the list shown is not the whole one. */}
      <Form.Item
        name="correctionReason"
        label={t('history.reason')}
        extra={t(again ? 'history.reasonRequired' : 'history.reasonHint')}
        rules={[{ required: again, min: 5, message: t('reports.reasonRule') }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </WriteModal>
  );
}

/**
 * 历史数据 (R20): the years before huijia, 2021 on, imported from workbooks of
 * the report's shape so that the trend since the plan began is real — each
 * version with who imported it, from which file, and why again.
 */
export function HistoryPanel({ jurisdiction, firstYear, currentYear }: { jurisdiction: { code: string; name: string }; firstYear: number; currentYear: number }) {
  const { t } = useTranslation('statistics');
  const imports = useImports();
  const [open, setOpen] = useState(false);
  const rows = imports.data?.pages.flatMap((page) => page.items) ?? [];
  const years = Array.from({ length: currentYear - firstYear }, (_, index) => currentYear - 1 - index);
  return (
    <div className="stats-history">
      <p className="ui-muted">{t('history.intro')}</p>
      <div className="stats-actions">
        <Button type="primary" data-testid="stats-history-import" onClick={() => setOpen(true)} disabled={years.length === 0}>
          {t('history.importButton', { name: jurisdiction.name })}
        </Button>
      </div>
      <ErrorAlert error={imports.error} />
      <ScrollRegion label={t('history.list')}>
        <Table<StatisticsImportView>
          className="stats-table"
          data-testid="stats-history"
          rowKey="id"
          size="small"
          pagination={false}
          loading={imports.isPending}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.none')} /> }}
          dataSource={rows}
          columns={[
            { key: 'year', title: t('year'), render: (_, entry) => t('yearOption', { year: entry.year }) },
            { key: 'jurisdiction', title: t('jurisdiction'), render: (_, entry) => entry.jurisdiction.name },
            {
              key: 'version',
              title: t('history.version'),
              render: (_, entry) => <Tag color={entry.latest ? 'success' : 'default'}>{`v${entry.version} ${entry.latest ? t('history.current') : t('history.replaced')}`}</Tag>,
            },
            { key: 'file', title: t('history.file'), render: (_, entry) => <span title={`SHA-256 ${entry.sha256}`}>{entry.fileName}</span> },
            { key: 'by', title: t('history.by'), render: (_, entry) => entry.importedBy?.displayName ?? t('history.commandLine') },
            { key: 'at', title: t('history.at'), render: (_, entry) => dayjs(entry.importedAt).format('YYYY-MM-DD HH:mm') },
            { key: 'reason', title: t('history.reason'), render: (_, entry) => entry.correctionReason ?? '—' },
          ]}
        />
      </ScrollRegion>
      {imports.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void imports.fetchNextPage()} loading={imports.isFetchingNextPage}>
            {t('common:actions.loadMore')}
          </Button>
        </Flex>
      )}
      {open && <ImportDialog jurisdiction={jurisdiction} years={years} imported={rows.filter((entry) => entry.latest)} onClose={() => setOpen(false)} />}
    </div>
  );
}
