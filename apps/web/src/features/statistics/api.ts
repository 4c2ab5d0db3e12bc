/** R20: the year's figures of a jurisdiction (exact inside the reporting chain, or as published) and the indicator catalogue. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  statisticsChain,
  statisticsExport,
  statisticsFigures,
  statisticsImportsCreate,
  statisticsImportsList,
  statisticsImportsTemplate,
  statisticsIndicators,
  statisticsReportsAccept,
  statisticsReportsGet,
  statisticsReportsList,
  statisticsReportsReturn,
  statisticsReportsSubmit,
  statisticsSummariesSubmit,
} from '../../generated/sdk.gen';
import type { ImportHistoryDto, SubmitReportDto } from '../../generated/types.gen';
import { call } from '../../shared/api/client';
import { keysetList } from '../../shared/api/keyset';

export type StatisticsView = 'exact' | 'published';

export const statisticsKeys = {
  catalogue: ['statistics', 'catalogue'] as const,
  figures: (year: number, jurisdictionCode: string, view: StatisticsView) => ['statistics', 'figures', year, jurisdictionCode, view] as const,
  reports: ['statistics', 'reports'] as const,
  reportList: (year: number) => ['statistics', 'reports', 'list', year] as const,
  report: (id: string) => ['statistics', 'reports', 'detail', id] as const,
  chain: (year: number) => ['statistics', 'reports', 'chain', year] as const,
  imports: ['statistics', 'imports'] as const,
};

export const useCatalogue = () => useQuery({ queryKey: statisticsKeys.catalogue, queryFn: () => call(statisticsIndicators()), staleTime: 60 * 60_000 });

/** The previous figures stay on screen while the next year or division loads. */
export const useFigures = (year: number | undefined, jurisdictionCode: string | undefined, view: StatisticsView) =>
  useQuery({
    queryKey: statisticsKeys.figures(year ?? 0, jurisdictionCode ?? '', view),
    queryFn: () => call(statisticsFigures({ query: { year: year!, jurisdictionCode, view } })),
    enabled: year !== undefined && jurisdictionCode !== undefined,
    placeholderData: keepPreviousData,
  });

/** The same figures for each of `years` (the trend since the plan began); each year is cached as the tables' are. */
export const useTrend = (years: number[], jurisdictionCode: string, view: StatisticsView) =>
  useQueries({
    queries: years.map((year) => ({
      queryKey: statisticsKeys.figures(year, jurisdictionCode, view),
      queryFn: () => call(statisticsFigures({ query: { year, jurisdictionCode, view } })),
      staleTime: 5 * 60_000,
    })),
  });

export type ExportFormat = 'xlsx' | 'csv';

/** A file from the API, saved by the browser under `filename`. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The published report as a file the browser saves (R22: an export is never the exact figures). */
export const useExport = () =>
  useMutation({
    mutationFn: async ({ year, jurisdictionCode, format, filename }: { year: number; jurisdictionCode: string; format: ExportFormat; filename: string }) =>
      save(await call(statisticsExport({ query: { year, jurisdictionCode, format }, parseAs: 'blob' })), filename),
  });

/** R20 history: the blank form of a year from before huijia, to fill in and import. */
export const useHistoryTemplate = () =>
  useMutation({
    mutationFn: async ({ year, jurisdictionCode, filename }: { year: number; jurisdictionCode: string; filename: string }) =>
      save(await call(statisticsImportsTemplate({ query: { year, jurisdictionCode }, parseAs: 'blob' })), filename),
  });

/** The years imported within one's jurisdiction, every version. */
export const useImports = () => useInfiniteQuery(keysetList(statisticsKeys.imports, (page) => call(statisticsImportsList({ query: page }))));

/** An import changes the list and the year's figures (they become the workbook's). */
export const useImportHistory = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportHistoryDto) => call(statisticsImportsCreate({ body })),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: statisticsKeys.imports });
      await queryClient.invalidateQueries({ queryKey: ['statistics', 'figures'] });
    },
  });
};

/** Every version submitted within one's jurisdiction for the year, each with its review (a year's are few: one page). */
export const useReports = (year: number | undefined) =>
  useQuery({
    queryKey: statisticsKeys.reportList(year ?? 0),
    queryFn: () => call(statisticsReportsList({ query: { year, limit: 200 } })),
    enabled: year !== undefined,
  });

/** Who reports within one's jurisdiction for the year, by when, and where each stands (under `reports`: every step refreshes it). */
export const useChain = (year: number | undefined) =>
  useQuery({ queryKey: statisticsKeys.chain(year ?? 0), queryFn: () => call(statisticsChain({ query: { year: year! } })), enabled: year !== undefined });

export const useReport = (id: string) => useQuery({ queryKey: statisticsKeys.report(id), queryFn: () => call(statisticsReportsGet({ path: { id } })) });

/** Submitting, returning and accepting all change the chain's reports. */
function useReportWrite<Input>(write: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: write, onSettled: () => queryClient.invalidateQueries({ queryKey: statisticsKeys.reports }) });
}

export const useSubmitReport = () => useReportWrite((body: SubmitReportDto) => call(statisticsReportsSubmit({ body })));
export const useSubmitSummary = () => useReportWrite((body: SubmitReportDto) => call(statisticsSummariesSubmit({ body })));
export const useReturnReport = () => useReportWrite(({ id, reason }: { id: string; reason: string }) => call(statisticsReportsReturn({ path: { id }, body: { reason } })));
export const useAcceptReport = () => useReportWrite((id: string) => call(statisticsReportsAccept({ path: { id } })));
