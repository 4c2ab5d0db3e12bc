import { Button, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../shared/lib/forms';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useLoadCalendarYear } from '../api';

interface Day {
  date: string;
  name: string;
}
interface Values {
  year: number;
  holidays: Day[];
  workdays: Day[];
}

/** The file calendar:load reads: {"year": 2027, "holidays": [{"date", "name"}], "workdays": [{"date", "name"}]}. */
function calendarFile(text: string): Values | null {
  try {
    const input = JSON.parse(text) as Partial<Values>;
    if (typeof input.year !== 'number' || !Array.isArray(input.holidays) || !Array.isArray(input.workdays)) return null;
    const days = (list: unknown[]) => list.map((day) => ({ date: String((day as Day)?.date ?? ''), name: String((day as Day)?.name ?? '') }));
    return { year: input.year, holidays: days(input.holidays), workdays: days(input.workdays) };
  } catch {
    return null;
  }
}

function DayList({ name, label }: { name: 'holidays' | 'workdays'; label: string }) {
  const { t } = useTranslation('admin');
  return (
    <fieldset className="admin-fieldset">
      <legend>{label}</legend>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <div key={field.key} className="admin-day-row">
                <Form.Item name={[field.name, 'date']} label={`${t('calendar.load.date')} ${index + 1}`} rules={[{ required: true, message: t('users.form.required') }]}>
                  <Input type="date" />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'name']}
                  label={`${t('calendar.load.name')} ${index + 1}`}
                  rules={[{ required: true, whitespace: true, message: t('users.form.required') }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
                <Button onClick={() => remove(field.name)} aria-label={`${t('calendar.load.remove')} ${label} ${index + 1}`}>
                  {t('calendar.load.remove')}
                </Button>
              </div>
            ))}
            <Button onClick={() => add({ date: '', name: '' })}>{`${t('calendar.load.add')} · ${label}`}</Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

/**
 * 载入: a year's official schedule, from the JSON file calendar:load reads
 * (it fills the form, to be checked) or typed in; the API checks every day
 * (in the year, 调休 on a weekend) and names the field it refuses.
 */
export function LoadYearForm({ defaultYear, onLoaded }: { defaultYear: number; onLoaded: (message: string, year: number) => void }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<Values>();
  const load = useLoadCalendarYear();
  const [error, setError] = useState<unknown>(null);
  const [fileNote, setFileNote] = useState<{ ok: boolean; text: string } | null>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const values = calendarFile(await file.text());
    if (!values) {
      setFileNote({ ok: false, text: t('calendar.load.badFile') });
      return;
    }
    form.setFieldsValue(values);
    setFileNote({ ok: true, text: t('calendar.load.fromFile', { year: values.year, holidays: values.holidays.length, workdays: values.workdays.length }) });
  };

  const submit = async (values: Values) => {
    setError(null);
    try {
      const loaded = await load.mutateAsync({ year: values.year, body: { holidays: values.holidays ?? [], workdays: values.workdays ?? [] } });
      onLoaded(t('calendar.load.done', loaded), loaded.year);
      setFileNote(null);
    } catch (failure) {
      setError(applyFieldErrors(form, failure, ['year', 'holidays', 'workdays']));
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ year: defaultYear, holidays: [], workdays: [] }} onFinish={(values) => void submit(values)}>
      <ErrorAlert error={error} />
      <Form.Item label={t('calendar.load.upload')} extra={t('calendar.load.uploadHint')}>
        <input type="file" accept="application/json,.json" aria-label={t('calendar.load.upload')} onChange={(event) => void readFile(event.target.files?.[0])} />
      </Form.Item>
      {fileNote && (
        <p role="status" className={fileNote.ok ? 'admin-notice' : 'ui-error'}>
          {fileNote.text}
        </p>
      )}
      <Form.Item name="year" label={t('calendar.load.year')} rules={[{ required: true, message: t('users.form.required') }]}>
        <InputNumber min={2000} max={2100} precision={0} />
      </Form.Item>
      <DayList name="holidays" label={t('calendar.load.holidays')} />
      <DayList name="workdays" label={t('calendar.load.workdays')} />
      <p className="ui-muted">{t('calendar.load.replaces')}</p>
      <Button type="primary" htmlType="submit" loading={load.isPending}>
        {t('calendar.load.submit')}
      </Button>
    </Form>
  );
}
