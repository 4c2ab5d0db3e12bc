import { Button, Checkbox, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationView } from '../../../generated/types.gen';
import { useMe } from '../../../shared/auth/me';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { JurisdictionCascader } from '../../../shared/ui/JurisdictionCascader';
import { AdminTable, useUrlFilters } from '../components/AdminTable';
import { useCreateOrganisation, useOrganisationPages, useUpdateOrganisation, type OrganisationFilters } from '../api';
import { ORGANISATION_KINDS, type OrganisationKind } from '../roles';

function NewOrganisationDialog({ root, onClose }: { root: string; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const create = useCreateOrganisation();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as OrganisationKind | undefined;
  return (
    <WriteModal<{ name: string; kind: OrganisationKind; jurisdictionCode: string; designated?: boolean }>
      title={t('organisations.create')}
      fields={['name', 'kind', 'jurisdictionCode', 'designated']}
      onSubmit={(values) => create.mutateAsync({ ...values, designated: values.kind === 'hospital' ? Boolean(values.designated) : undefined })}
      onClose={onClose}
    >
      <Form.Item name="name" label={t('organisations.form.name')} rules={[{ required: true, whitespace: true, message: t('organisations.form.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t('organisations.form.kind')} rules={[{ required: true, message: t('organisations.form.required') }]}>
        <Select options={ORGANISATION_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))} />
      </Form.Item>
      <Form.Item name="jurisdictionCode" label={t('organisations.form.jurisdiction')} rules={[{ required: true, message: t('organisations.form.required') }]}>
        <JurisdictionPicker root={root} label={t('organisations.form.jurisdiction')} />
      </Form.Item>
      {kind === 'hospital' && (
        <Form.Item name="designated" valuePropName="checked">
          <Checkbox>{t('organisations.form.designated')}</Checkbox>
        </Form.Item>
      )}
    </WriteModal>
  );
}

/** The files' cascader as a form control (Form.Item gives value and onChange). */
function JurisdictionPicker({ root, label, value, onChange }: { root: string; label: string; value?: string; onChange?: (code: string | undefined) => void }) {
  return <JurisdictionCascader root={root} label={label} value={value} onChange={(code) => onChange?.(code)} />;
}

/** 机构: the directory within one's jurisdiction, by name; create, (de)designate a hospital, (de)activate. */
export default function OrganisationsPage() {
  const { t } = useTranslation('admin');
  const me = useMe().data;
  const root = me?.organisation.jurisdictionCode;
  const url = useUrlFilters<'q' | 'kind' | 'within'>();
  const filters: OrganisationFilters = { q: url.get('q'), kind: url.get('kind') as OrganisationKind | undefined, within: url.get('within') ?? root };
  const list = useOrganisationPages(filters);
  const update = useUpdateOrganisation();
  const [creating, setCreating] = useState(false);

  const change = (organisation: OrganisationView, body: { active?: boolean; designated?: boolean }) =>
    update.mutate({ id: organisation.id, body: { ...body, expectedVersion: organisation.version } });

  return (
    <AdminTable<OrganisationView>
      title={t('organisations.title')}
      create={{ label: t('organisations.create'), onClick: () => setCreating(true), disabled: !root }}
      search={{ label: t('organisations.search'), value: filters.q, onSearch: (q) => url.set('q', q) }}
      select={{
        label: t('organisations.kind'),
        value: filters.kind,
        onChange: (kind) => url.set('kind', kind),
        options: ORGANISATION_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) })),
      }}
      moreFilters={root && <JurisdictionCascader root={root} label={t('organisations.within')} value={url.get('within')} onChange={(code) => url.set('within', code)} />}
      list={list}
      error={update.error}
      primary={{
        title: t('organisations.columns.name'),
        render: (row) => row.name,
        summary: (row) => `${t(`kinds.${row.kind}`)} · ${row.jurisdictionName} ${row.jurisdictionCode}`,
      }}
      wide={[
        { title: t('organisations.columns.kind'), key: 'kind', render: (_, row) => t(`kinds.${row.kind}`) },
        { title: t('organisations.columns.jurisdiction'), key: 'jurisdiction', render: (_, row) => `${row.jurisdictionName} ${row.jurisdictionCode}` },
      ]}
      columns={[
        {
          title: t('organisations.columns.status'),
          key: 'status',
          render: (_, row) => (
            <>
              <Tag color={row.active ? 'green' : undefined}>{t(row.active ? 'organisations.status.active' : 'organisations.status.inactive')}</Tag>
              {row.designated && <Tag color="blue">{t('organisations.designatedYes')}</Tag>}
            </>
          ),
        },
        {
          title: t('organisations.columns.actions'),
          key: 'actions',
          render: (_, row) => (
            <div className="admin-actions">
              {row.kind === 'hospital' && (
                <Button size="small" onClick={() => change(row, { designated: !row.designated })}>
                  {t(row.designated ? 'organisations.actions.undesignate' : 'organisations.actions.designate')}
                </Button>
              )}
              <Button
                size="small"
                danger={row.active}
                onClick={() => change(row, { active: !row.active })}
                aria-label={`${t(row.active ? 'organisations.actions.deactivate' : 'organisations.actions.activate')} ${row.name}`}
              >
                {t(row.active ? 'organisations.actions.deactivate' : 'organisations.actions.activate')}
              </Button>
            </div>
          ),
        },
      ]}
    >
      {creating && root && <NewOrganisationDialog root={root} onClose={() => setCreating(false)} />}
    </AdminTable>
  );
}
