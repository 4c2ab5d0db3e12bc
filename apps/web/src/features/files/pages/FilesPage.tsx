import { Flex, Input, Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Panel } from '../../../shared/ui/Panel';
import { useMe } from '../../../shared/auth/me';
import { useOrganisations } from '../../intake';
import { AGE_BANDS, FILE_STATES, FILTER_PARAMS, filtersFromUrl, INSTITUTION_KINDS } from '../api';
import { FileListTable } from '../components/FileListTable';
import { JurisdictionCascader } from '../../../shared/ui/JurisdictionCascader';
import '../files.css';

const MINOR_VALUES = ['true', 'false'] as const;

/** 个案档案: one search box, filters in the URL, keyset paging. */
export default function FilesPage() {
  const { t } = useTranslation('files');
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromUrl(params), [params]);
  const jurisdiction = me?.organisation.jurisdictionCode;
  // Files are placed mostly within the province: its institutions are the choice.
  const institutions = useOrganisations(INSTITUTION_KINDS, jurisdiction ? `${jurisdiction.slice(0, 2)}0000` : undefined);

  const setFilter = (name: (typeof FILTER_PARAMS)[number], value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const select = (name: 'state' | 'minor' | 'ageBand' | 'institutionId', options: { value: string; label: string }[], extra: SelectProps = {}) => (
    <Select
      aria-label={t(`filters.${name}`)}
      placeholder={t(`filters.${name}`)}
      allowClear
      value={filters[name]}
      onChange={(value?: string) => setFilter(name, value)}
      options={options}
      style={{ flex: '0 1 160px', minWidth: 140 }}
      {...extra}
    />
  );

  return (
    <Panel level={1} title={t('title')}>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={filters.q ?? ''}
          defaultValue={filters.q}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          allowClear
          enterButton={t('search.submit')}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ flex: '1 1 320px' }}
        />
        {select(
          'state',
          FILE_STATES.map((state) => ({ value: state, label: t(`state.${state}`) })),
        )}
        {select(
          'minor',
          MINOR_VALUES.map((value) => ({ value, label: t(`minorFilter.${value}`) })),
          { style: { flex: '0 1 180px', minWidth: 170 } },
        )}
        {select(
          'ageBand',
          AGE_BANDS.map((band) => ({ value: band, label: t(`ageBand.${band}`) })),
        )}
        {select(
          'institutionId',
          (institutions.data ?? []).map((institution) => ({ value: institution.id, label: institution.name })),
          { showSearch: { optionFilterProp: 'label' }, loading: institutions.isPending, style: { flex: '0 1 240px', minWidth: 180 } },
        )}
        {/* A county has no division below it to choose. */}
        {jurisdiction?.endsWith('00') && (
          <JurisdictionCascader root={jurisdiction} value={filters.jurisdiction} onChange={(code) => setFilter('jurisdiction', code)} label={t('filters.jurisdiction')} />
        )}
      </Flex>
      <FileListTable filters={filters} />
    </Panel>
  );
}
