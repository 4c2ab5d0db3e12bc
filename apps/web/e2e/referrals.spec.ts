/**
 * 转介 and 回访 on the file page (issue 13, page 5): a caseworker refers an
 * interviewed child to a school; the trafficking history is not disclosed
 * unless consented (R16), and the referral is listed as sent. A guardian's
 * consent is recorded, disclosed to a partner and withdrawn: the partner no
 * longer sees it (R16, R23). A draft is saved, edited, sent later, worked by
 * the partner and withdrawn, its timeline showing each step. A reunified
 * child's follow-up plan is shown and a visit recorded (R17). A legal aid
 * centre records a step of its green-channel case on its referral page, kept
 * once the case is completed, and the caseworker reads it on the file's
 * referral tab (R18). Data is set up through the API; the browser's clock
 * stands on the server's.
 */
import { TEST_TODAY } from '../../../test/support/clock.js';
import { apiAs, interviewedChild, interviewedPerson, openAs, organisationNamed, pick, reunifiedChild, userNamed } from './support/api.js';
import { checkPage, expect, test } from './support/test.js';

const SCHOOL = '五华区红山小学';
const SOCIAL_WORK = '五华区阳光社工服务中心';
/** The social worker of SOCIAL_WORK, created by the administrator; the partner side of the wire checks. */
const SOCIAL_WORKER = { username: 'e2e.socialworker', password: 'Sunshine-Social-Work-Pass-9' };
const LEGAL_AID = '五华区法律援助中心';
/** The lawyer of LEGAL_AID, created by the administrator. */
const LAWYER = { username: 'e2e.wuhua.legalaid', password: 'Green-Channel-Legal-Aid-Pass-7' };

test.beforeAll(async ({ request }) => {
  // A school (R14) and a social work organisation with its social worker (R13), created once by the administrator.
  const admin = await apiAs(request, 'admin');
  await organisationNamed(admin, SCHOOL, 'school', '530102');
  const socialWork = await organisationNamed(admin, SOCIAL_WORK, 'social_work_organisation', '530102');
  await userNamed(admin, { ...SOCIAL_WORKER, displayName: '何社工' }, 'social_worker', socialWork);
  const legalAid = await organisationNamed(admin, LEGAL_AID, 'legal_aid_centre', '530102');
  await userNamed(admin, { ...LAWYER, displayName: '孙律师' }, 'legal_aid_staff', legalAid);
});

test('R16: a caseworker refers an interviewed child to a school without disclosing her trafficking history, and sees it sent', async ({ page, request }) => {
  const id = await interviewedChild(request, '杨小雨', '2016-05-01');
  await openAs(page, 'caseworker', `/app/files/${id}?tab=referrals`);
  await expect(page.getByRole('tab', { name: '转介', selected: true })).toBeVisible();
  await expect(page.getByText('尚无转介')).toBeVisible();
  await checkPage(page, 'file-tab-referrals-empty');

  await page.getByRole('button', { name: '新建转介' }).click();
  const form = page.getByRole('dialog', { name: '新建转介' });
  await pick(page, '转介类型', '入学');
  await pick(page, '接收机构', SCHOOL);
  await form.getByLabel('拟入读年级').fill('四年级');
  // Nothing is disclosed by default (R16), and without her consent her history cannot be ticked: the form says why.
  const history = form.getByRole('checkbox', { name: /被拐经历/ });
  await expect(history).not.toBeChecked();
  await expect(history).toBeDisabled();
  await expect(form.locator('.referral-disclose').getByText('被拐经历 （无同意记录）')).toBeVisible();
  // Too short a purpose: the server's refusal lands on its field.
  await form.getByLabel('转介事由').fill('学');
  await form.getByRole('button', { name: '发送转介' }).click();
  await expect(
    form
      .locator('.ant-form-item-has-error')
      .filter({ hasText: '转介事由' })
      .getByText(/长度至少 2 个字符/),
  ).toBeVisible();
  await checkPage(page, 'file-referral-form');
  await form.getByLabel('转介事由').fill('适龄儿童，安排就近入学。');

  const sent = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith(`/files/${id}/referrals`));
  await form.getByRole('button', { name: '发送转介' }).click();
  // The wire: sent at once, nothing disclosed beyond the minimum a school needs.
  const created = (await (await sent).json()) as { status: string; disclosed: string[] };
  expect(created).toMatchObject({ status: 'sent', disclosed: [] });
  await expect(form).toBeHidden();

  const item = page.locator('.referral-item').filter({ hasText: SCHOOL });
  await expect(item.getByText('入学', { exact: true })).toBeVisible();
  await expect(item.getByText('已发送').first()).toBeVisible();
  await expect(item.getByText('仅基本信息（未披露被拐经历等）')).toBeVisible();
  await expect(item.getByRole('button', { name: '撤回' })).toBeVisible();
  await checkPage(page, 'file-tab-referrals');
});

test('R16, R23: the guardian consents to sharing her history, a referral discloses it, and once the consent is withdrawn the partner no longer sees it', async ({
  page,
  request,
}) => {
  const id = await interviewedChild(request, '杨小芸', '2013-08-21');
  const api = await apiAs(request, 'caseworker');
  await api('POST', `/files/${id}/guardians`, { kind: 'parent', name: '杨国平', relation: '父亲', since: TEST_TODAY });
  await openAs(page, 'caseworker', `/app/files/${id}?tab=referrals`);
  const consents = page.locator('.referral-consents');
  const historyRow = consents.locator('.referral-consent-row').filter({ hasText: '被拐经历' });
  await expect(historyRow.getByText('未同意')).toBeVisible();

  // A minor: the guardian consents (R23), and the form names him.
  await consents.getByRole('button', { name: '记录同意' }).click();
  const consentForm = page.getByRole('dialog', { name: '记录同意' });
  await pick(page, '同意的类别', '被拐经历');
  await expect(consentForm.getByRole('radio', { name: '监护人' })).toBeChecked();
  await expect(consentForm.getByText(/当前监护人：杨国平 · 父亲/)).toBeVisible();
  await consentForm.getByLabel('说明').fill('父亲同意告知社工机构，以便开展心理康复');
  await checkPage(page, 'file-consent-form');
  await consentForm.getByRole('button', { name: '记录' }).click();
  await expect(consentForm).toBeHidden();
  await expect(historyRow.getByText('已同意')).toBeVisible();
  await expect(historyRow.getByText('已记录 · 监护人')).toBeVisible();

  // The referral may now disclose her history, and nothing else.
  await page.getByRole('button', { name: '新建转介' }).click();
  const form = page.getByRole('dialog', { name: '新建转介' });
  await pick(page, '转介类型', '专业社会工作康复');
  await pick(page, '接收机构', SOCIAL_WORK);
  await form.getByLabel('转介事由').fill('心理与社会功能康复。');
  await expect(form.getByRole('checkbox', { name: /家庭与监护人/ })).toBeDisabled();
  await form.getByRole('checkbox', { name: /被拐经历/ }).check();
  const sent = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith(`/files/${id}/referrals`));
  await form.getByRole('button', { name: '发送转介' }).click();
  const created = (await (await sent).json()) as { id: string; status: string; disclosed: string[] };
  expect(created).toMatchObject({ status: 'sent', disclosed: ['trafficking_history'] });
  await expect(form).toBeHidden();
  await expect(historyRow.getByText(`当前可见：${SOCIAL_WORK}`)).toBeVisible();

  // The wire: the partner sees her history while the consent stands.
  const partner = await apiAs(request, SOCIAL_WORKER);
  const circumstances = '被拐卖至外省，由公安解救。';
  expect(JSON.stringify(await partner('GET', `/referrals/${created.id}`))).toContain(circumstances);

  // Withdrawn: the form says beforehand who stops seeing it.
  await historyRow.getByRole('button', { name: '撤回同意：被拐经历' }).click();
  const withdrawForm = page.getByRole('dialog', { name: '撤回同意：被拐经历' });
  await expect(withdrawForm.getByText('以下接收机构将不再看到此类信息：')).toBeVisible();
  await expect(withdrawForm.getByText(`${SOCIAL_WORK}（专业社会工作康复 · 已发送）`)).toBeVisible();
  await withdrawForm.getByLabel('撤回原因').fill('父亲要求不再向机构提供');
  await checkPage(page, 'file-consent-withdraw');
  await withdrawForm.getByRole('button', { name: '撤回同意' }).click();
  await expect(withdrawForm).toBeHidden();
  await expect(historyRow.getByText('已撤回')).toBeVisible();
  const item = page.locator('.referral-item').filter({ hasText: SOCIAL_WORK });
  await expect(item.getByText('被拐经历（同意已撤回）')).toBeVisible();
  await expect(item.getByText(`同意已撤回：${SOCIAL_WORK} 已不再看到这些信息。`)).toBeVisible();
  await expect(consents.locator('.referral-consent-record').getByText(/由 李敏 记录撤回：父亲要求不再向机构提供/)).toBeVisible();
  expect(JSON.stringify(await partner('GET', `/referrals/${created.id}`))).not.toContain(circumstances);
  await checkPage(page, 'file-tab-referrals-consents');
});

test('R13: a draft is saved, edited and sent later; the partner works it (the support it brought in shown under it) and the caseworker withdraws it with a reason, each step on its timeline', async ({
  page,
  request,
}) => {
  const id = await interviewedChild(request, '杨小霞', '2010-02-14');
  await openAs(page, 'caseworker', `/app/files/${id}?tab=referrals`);
  await page.getByRole('button', { name: '新建转介' }).click();
  const form = page.getByRole('dialog', { name: '新建转介' });
  await pick(page, '转介类型', '专业社会工作康复');
  await pick(page, '接收机构', SOCIAL_WORK);
  await form.getByLabel('转介事由').fill('社会功能康复');
  const saved = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith(`/files/${id}/referrals`));
  await form.getByRole('button', { name: '保存草稿' }).click();
  const draft = (await (await saved).json()) as { id: string; status: string };
  expect(draft.status).toBe('draft');
  await expect(form).toBeHidden();
  const item = page.locator('.referral-item').filter({ hasText: SOCIAL_WORK });
  await expect(item.getByText('草稿', { exact: true })).toBeVisible();
  await expect(item.getByText('已保存草稿')).toBeVisible();

  await item.getByRole('button', { name: '编辑：专业社会工作康复' }).click();
  const edit = page.getByRole('dialog', { name: '编辑转介草稿' });
  await expect(edit.getByLabel('转介事由')).toHaveValue('社会功能康复');
  await edit.getByLabel('转介事由').fill('社会功能康复，每周两次小组活动。');
  await checkPage(page, 'file-referral-draft-form');
  await edit.getByRole('button', { name: '保存草稿' }).click();
  await expect(edit).toBeHidden();
  await expect(item.getByText('草稿已修改')).toBeVisible();

  await item.getByRole('button', { name: '发送：专业社会工作康复' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '发送' }).click();
  await expect(item.getByText('已发送').first()).toBeVisible();

  // The partner accepts, starts and writes a note; the caseworker sees each on the timeline.
  const partner = await apiAs(request, SOCIAL_WORKER);
  await partner('POST', `/referrals/${draft.id}/accept`);
  await partner('POST', `/referrals/${draft.id}/start`);
  await partner('POST', `/referrals/${draft.id}/notes`, { kind: 'progress', text: '已参加第一次小组活动。' });
  // R13: the support the organisation brought in for the referral, read under it.
  await partner('POST', `/referrals/${draft.id}/support-contributions`, {
    sourceKind: 'organisation',
    sourceName: '昆明市慈善总会',
    amountYuan: 2000,
    purpose: '小组活动经费',
    receivedOn: TEST_TODAY,
  });
  await page.reload();
  await expect(item.getByText('办理中').first()).toBeVisible();
  await expect(item.getByText('已参加第一次小组活动。')).toBeVisible();
  await expect(item.getByRole('region', { name: `${SOCIAL_WORK}的记录` })).toContainText(`${TEST_TODAY} 昆明市慈善总会：2000 元，用于小组活动经费`);

  await item.getByRole('button', { name: '撤回：专业社会工作康复' }).click();
  const withdraw = page.getByRole('dialog', { name: `撤回转介：${SOCIAL_WORK}` });
  await expect(withdraw.getByText(/不再能查看本人信息/)).toBeVisible();
  await withdraw.getByLabel('撤回原因').fill('本人随父母返乡，改由当地社工跟进');
  await withdraw.getByRole('button', { name: '撤回' }).click();
  await expect(withdraw).toBeHidden();
  await expect(item.getByText('已撤回').first()).toBeVisible();
  const timeline = item.locator('.referral-timeline');
  for (const step of ['已保存草稿', '草稿已修改', '已发送', '已接收', '开始办理', '进展记录', '已撤回']) await expect(timeline.getByText(step, { exact: true })).toBeVisible();
  await expect(timeline.getByText('本人随父母返乡，改由当地社工跟进')).toBeVisible();
  await checkPage(page, 'file-tab-referrals-timeline');
});

test('R17: the follow-up tab of a reunified child shows the plan and records a visit', async ({ page, request }) => {
  const id = await reunifiedChild(request, '杨小燕');
  await openAs(page, 'caseworker', `/app/files/${id}?tab=followup`);
  await expect(page.getByRole('tab', { name: '回访', selected: true })).toBeVisible();
  await expect(page.getByText('已完成 0 次')).toBeVisible();
  await expect(page.getByText('待回访').first()).toBeVisible();
  await checkPage(page, 'file-tab-followup');

  await page.getByRole('button', { name: '记录回访' }).first().click();
  const form = page.getByRole('dialog', { name: '记录第 1 次回访' });
  await expect(form.getByRole('textbox', { name: '回访日期' })).toHaveValue(TEST_TODAY);
  await form.getByLabel('生活状况').fill('与父亲同住，生活稳定。');
  await form.getByLabel('就学或就业情况').fill('已在本地小学就读。');
  await checkPage(page, 'file-visit-form');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('已完成 1 次')).toBeVisible();
  await expect(page.getByRole('cell', { name: '与父亲同住，生活稳定。' })).toBeVisible();
});

test('R18: the legal aid centre records a step of the green-channel case on its referral page, keeps it once the case is completed, and the caseworker reads it on the file', async ({
  page,
  request,
}) => {
  const fileId = await interviewedPerson(request, '罗小梅', { birthDate: '1998-03-08', needs: ['legal_aid'], consents: {} });
  const caseworker = await apiAs(request, 'caseworker');
  const organisation = await organisationNamed(await apiAs(request, 'admin'), LEGAL_AID, 'legal_aid_centre', '530102');
  const referral = await caseworker<{ id: string }>('POST', `/files/${fileId}/referrals`, {
    kind: 'legal_aid',
    organisationId: organisation,
    purpose: '代理刑事附带民事诉讼，追索赔偿',
    details: { matter: '人身损害赔偿' },
    send: true,
  });
  const centre = await apiAs(request, LAWYER);
  await centre('POST', `/referrals/${referral.id}/accept`);

  await openAs(page, LAWYER, `/app/referrals/${referral.id}`);
  await page.getByRole('button', { name: '记录办案进展' }).click();
  const form = page.getByRole('dialog', { name: '记录办案进展' });
  await pick(page, '进展类型', '提起诉讼');
  await form.getByLabel('简要说明').fill('向五华区人民法院提起附带民事诉讼');
  await checkPage(page, 'partner-legal-aid-step-form');
  const recorded = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith(`/referrals/${referral.id}/legal-aid-steps`));
  await form.getByRole('button', { name: '提交' }).click();
  expect((await recorded).status()).toBe(201);
  await expect(form).toBeHidden();
  const records = page.locator('.partner-kind-records');
  await expect(records.getByText(`${TEST_TODAY} 提起诉讼：向五华区人民法院提起附带民事诉讼`)).toBeVisible();
  await checkPage(page, 'partner-legal-aid-steps');

  // Completed: the person is gone from the page, the centre's own record stays.
  await centre('POST', `/referrals/${referral.id}/start`);
  await centre('POST', `/referrals/${referral.id}/complete`, { service: 'litigation', court: '五华区人民法院', stage: '一审立案', result: '已立案' });
  await page.reload();
  await expect(page.getByText('转介已结束或已撤回')).toBeVisible();
  await expect(records.getByText('向五华区人民法院提起附带民事诉讼')).toBeVisible();
  await expect(page.getByRole('button', { name: '记录办案进展' })).toHaveCount(0);

  // The caseworker reads on the file's referral tab what the centre recorded, dated, with no way to change it.
  await openAs(page, 'caseworker', `/app/files/${fileId}?tab=referrals`);
  const recordedByCentre = page.getByRole('region', { name: `${LEGAL_AID}的记录` });
  await expect(recordedByCentre.getByText(`${TEST_TODAY} 提起诉讼：向五华区人民法院提起附带民事诉讼`)).toBeVisible();
  await expect(recordedByCentre.getByRole('button')).toHaveCount(0);
  await checkPage(page, 'file-tab-referrals-partner-records');
});
