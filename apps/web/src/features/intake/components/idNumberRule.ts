import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { idNumberProblem } from '../../../shared/lib/idNumber';

/** The GB 11643 check as it is typed, as a warning (WEB.md §3): the server decides. */
export function useIdNumberRule() {
  const { t } = useTranslation('intake');
  return {
    warningOnly: true,
    validator: (_: unknown, value?: string) => {
      if (!value?.trim()) return Promise.resolve();
      const problem = idNumberProblem(value, dayjs().format('YYYY-MM-DD'));
      return problem ? Promise.reject(new Error(t(`idNumber.${problem.code}`, problem))) : Promise.resolve();
    },
  };
}
