import { Alert, Button, Empty, Flex, Progress, Space, Steps, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView, HouseholdStepView, HouseholdTaskView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { messageHalf } from '../../../shared/i18n/message-half';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useHouseholdTask } from '../api';
import '../household.css';
import { ApplicationForm, ExceptionForm, RegistrationForm, SocialSecurityForm } from './StepForms';

type StepName = HouseholdStepView['step'];

/** The operation each step calls: its button shows for the roles the API's x-roles allow (WEB.md §5). */
const OPERATION: Record<StepName, string> = {
  application: 'household_application_prepare',
  registration: 'household_registration_record',
  social_security: 'household_social_security_enrol',
  exception: 'household_exception_grant',
};
const ROLE_REASON = 'ROLE_MAY_NOT_FIRE';
const OPEN: readonly HouseholdTaskView['status'][] = ['counting', 'raised', 'application_prepared'];
const DATE = 'YYYY-MM-DD';
const day = (value: string | Date | null | undefined) => (value ? dayjs(value).format(DATE) : '—');

/** A step's button: taken now, or greyed with the API's reasons beside it (a step the role never takes shows no button). */
function StepAction({ step, primary, onOpen }: { step: HouseholdStepView; primary: boolean; onOpen: () => void }) {
  const { t } = useTranslation('household');
  const me = useMe();
  if (!canCall(me.data, OPERATION[step.step])) return null;
  const label = t(`actions.${step.step}`);
  if (step.allowed) {
    return (
      <Button type={primary ? 'primary' : 'default'} onClick={onOpen}>
        {label}
      </Button>
    );
  }
  const reasons = step.reasons
    .filter((reason) => reason.code !== ROLE_REASON)
    .map((reason) => messageHalf(reason.message))
    .join('；');
  return (
    <div className="household-step-disabled">
      <Tooltip title={reasons}>
        <Button disabled>{label}</Button>
      </Tooltip>
      {reasons && <div className="household-step-reason">{reasons}</div>}
    </div>
  );
}

/** By when a step is due; late ones say by how many days (the browser's clock is the server's day in the tests). */
function Due({ on, done, text }: { on: string | null; done: boolean; text: string }) {
  const { t } = useTranslation('household');
  if (!on || done) return null;
  const late = dayjs().startOf('day').diff(dayjs(on), 'day');
  return (
    <Space wrap size={4}>
      <span>{text}</span>
      {late > 0 && <Tag color="red">{t('overdue', { days: late })}</Tag>}
    </Space>
  );
}

/** 落户 (R11): a person whose family is not found is registered locally — the clock, each step with its deadline, the police unit's registration, social security, the exception. */
export default function HouseholdTab({ file }: { file: Pick<FileView, 'id'> }) {
  const { t, i18n } = useTranslation('household');
  const me = useMe();
  const task = useHouseholdTask(file.id);
  const [open, setOpen] = useState<StepName | null>(null);
  if (task.error) return <ErrorAlert error={task.error} />;
  if (task.isPending) return <p className="ui-empty">{t('common:states.loading')}</p>;
  const data = task.data;
  if (!data) return <Empty description={t('none')} />;
  const step = Object.fromEntries(data.steps.map((item) => [item.step, item])) as Record<StepName, HouseholdStepView>;
  const total = dayjs(data.dueOn).diff(dayjs(data.clockStartedOn), 'day');
  const raised = data.status === 'raised';
  const close = () => setOpen(null);
  const action = (name: StepName, primary: boolean) => <StepAction step={step[name]} primary={primary} onOpen={() => setOpen(name)} />;
  const counting = data.status === 'counting';
  const registered = data.registration !== null;

  const items: { key: string; title: string; status: 'wait' | 'process' | 'finish'; content: ReactNode }[] = [
    {
      key: 'clock',
      title: t('steps.clock'),
      status: counting ? 'process' : 'finish',
      content: (
        <Flex vertical gap={4}>
          <span>{t('clock', { start: day(data.clockStartedOn), total, due: day(data.dueOn) })}</span>
          {data.daysInCare != null && (
            <div className="household-days">
              <Typography.Text>{t('daysInCare', { days: data.daysInCare, total })}</Typography.Text>
              <Progress
                percent={Math.min(100, Math.round((data.daysInCare / Math.max(total, 1)) * 100))}
                status={raised ? 'exception' : 'normal'}
                showInfo={false}
                aria-label={t('daysInCare', { days: data.daysInCare, total })}
              />
            </div>
          )}
        </Flex>
      ),
    },
    {
      key: 'application',
      title: t('steps.application'),
      status: data.application ? 'finish' : 'process',
      content: data.application ? (
        <Flex vertical gap={4}>
          <span>{t('application.done', { on: day(data.application.preparedOn) })}</span>
          <div>
            {data.application.documents.map((doc) => (
              <Tag key={doc}>{t(`document.${doc}`)}</Tag>
            ))}
          </div>
          {data.application.note && <span className="file-prose">{data.application.note}</span>}
        </Flex>
      ) : (
        <Flex vertical gap={8} align="flex-start">
          <Due on={step.application.dueOn} done={false} text={t('application.due', { due: day(step.application.dueOn) })} />
          {action('application', true)}
        </Flex>
      ),
    },
    {
      key: 'registration',
      title: t('steps.registration'),
      status: registered ? 'finish' : data.application ? 'process' : 'wait',
      content: (
        <Flex vertical gap={8} align="flex-start">
          <span>{t('registration.unit', { unit: data.policeUnit?.name ?? t('registration.noUnit') })}</span>
          {data.registration ? (
            <dl className="household-facts">
              <dt>{t('registration.registeredOn')}</dt>
              <dd>{day(data.registration.registeredOn)}</dd>
              <dt>{t('registration.householdNumber')}</dt>
              <dd>{data.registration.householdNumber ?? '—'}</dd>
              <dt>{t('registration.dnaCheck')}</dt>
              <dd>{data.registration.dnaDatabaseCheckReference ?? '—'}</dd>
            </dl>
          ) : (
            <>
              {data.application ? (
                <Due on={step.registration.dueOn} done={false} text={t('registration.due', { due: day(step.registration.dueOn) })} />
              ) : (
                <span>{t('registration.waiting')}</span>
              )}
              {data.dnaDatabaseCheckRequired && <Typography.Text strong>{t('registration.childNotice')}</Typography.Text>}
              {action('registration', !!data.application)}
            </>
          )}
        </Flex>
      ),
    },
    {
      key: 'social_security',
      title: t('steps.social_security'),
      status: data.socialSecurity.length > 0 ? 'finish' : registered ? 'process' : 'wait',
      content: (
        <Flex vertical gap={8} align="flex-start">
          {data.socialSecurity.length > 0 && (
            <ul className="household-enrolments">
              {data.socialSecurity.map((item) => (
                <li key={item.kind}>
                  {t('socialSecurity.item', { kind: t(`socialKind.${item.kind}`), on: day(item.enrolledOn) })}
                  {item.reference ? ` · ${item.reference}` : ''}
                </li>
              ))}
            </ul>
          )}
          {registered && <Due on={step.social_security.dueOn} done={data.socialSecurity.length > 0} text={t('socialSecurity.due', { due: day(step.social_security.dueOn) })} />}
          {!registered && <span>{t('socialSecurity.waiting')}</span>}
          {action('social_security', registered)}
        </Flex>
      ),
    },
  ];

  return (
    <div className="file-tab household-tab">
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag
          className={data.status === 'registered' ? 'ui-tag-done' : undefined}
          color={raised ? 'red' : data.status === 'registered' ? undefined : data.status === 'cancelled' ? 'default' : 'blue'}
        >
          {messageHalf(data.statusLabel, i18n.language)}
        </Tag>
      </Space>
      {data.cancelledReason && <Alert type="info" showIcon title={t('cancelled', { reason: messageHalf(data.cancelledReason, i18n.language) })} style={{ marginBottom: 16 }} />}
      {data.exception && (
        <Alert
          type="warning"
          showIcon
          title={t('exception.granted')}
          description={t('exception.by', { reason: data.exception.reason, by: data.exception.by, at: day(data.exception.at) })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Steps orientation="vertical" size="small" className="household-steps" items={items} />
      {!data.exception && OPEN.includes(data.status) && canCall(me.data, OPERATION.exception) && (
        <section className="household-exception" aria-labelledby="household-exception-title">
          <Typography.Title level={2} className="file-section-title" id="household-exception-title">
            {t('exception.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('exception.why')}</Typography.Paragraph>
          {action('exception', false)}
        </section>
      )}
      {open === 'application' && <ApplicationForm fileId={file.id} onClose={close} />}
      {open === 'registration' && <RegistrationForm fileId={file.id} dnaCheckRequired={data.dnaDatabaseCheckRequired} onClose={close} />}
      {open === 'social_security' && <SocialSecurityForm fileId={file.id} enrolled={data.socialSecurity.map((item) => item.kind)} onClose={close} />}
      {open === 'exception' && <ExceptionForm fileId={file.id} onClose={close} />}
    </div>
  );
}
