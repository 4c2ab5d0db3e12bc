import { useQueries } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useMemo, useState } from 'react';
import { jurisdictionsChildren } from '../../generated/sdk.gen';
import type { JurisdictionView } from '../../generated/types.gen';
import { call } from '../api/client';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

/** The divisions below `root` down to `code` (`code` included; GB/T 2260: a province ends in 0000, a prefecture in 00): below 530000, 530111 is 530100 → 530111. */
function divisionPath(root: string, code: string): string[] {
  const levels = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter((level, index, all) => all.indexOf(level) === index);
  return levels.slice(levels.indexOf(root) + 1);
}

const childrenOf = (code: string) => ({
  queryKey: ['jurisdictions', 'children', code] as const,
  queryFn: async () => (await call(jurisdictionsChildren({ path: { code }, query: { limit: 200 } }))).items,
  staleTime: Infinity,
});

/**
 * 辖区: the divisions below the user's own (GET /jurisdictions/{code}/children),
 * a level loaded when it is opened; any level may be chosen, none means the
 * whole of the user's. After a reload the levels above the chosen division
 * are loaded again, so its path shows in words.
 */
export function JurisdictionCascader({ root, value, onChange, label }: { root: string; value: string | undefined; onChange: (code: string | undefined) => void; label: string }) {
  const path = useMemo(() => (value ? divisionPath(root, value) : []), [root, value]);
  const [opened, setOpened] = useState<string[]>([]);
  const codes = [...new Set([root, ...path.slice(0, -1), ...opened])];
  const levels = useQueries({ queries: codes.map(childrenOf) });
  const below = new Map(codes.map((code, index) => [code, levels[index].data]));
  const optionOf = (division: JurisdictionView): Option => ({
    value: division.code,
    label: division.name,
    isLeaf: division.level === 3,
    children: below.get(division.code)?.map(optionOf),
  });

  return (
    <Cascader<Option>
      aria-label={label}
      placeholder={label}
      options={(below.get(root) ?? []).map(optionOf)}
      loading={levels[0].isPending}
      value={path}
      changeOnSelect
      allowClear
      loadData={(selected) => {
        const code = selected[selected.length - 1].value;
        setOpened((known) => (known.includes(code) ? known : [...known, code]));
      }}
      onChange={(chosen) => onChange(chosen?.length ? String(chosen[chosen.length - 1]) : undefined)}
      style={{ flex: '0 1 240px', minWidth: 180 }}
    />
  );
}
