/**
 * The police workspace (issue 14): the liaison of 安宁市公安局 reports a DNA
 * comparison's outcome — genetic text in the report's reference is refused
 * with the reason shown (R9) — and the caseworker then sees the match on the
 * file's 寻亲 tab, where finding the family becomes possible (R10); the unit
 * records a household registration raised to it, a child's only with the DNA
 * database check reference (R11); and follows the handovers it made. Its own
 * county, 安宁市, which no other spec fills; data set up through the API; the
 * browser's clock is the server's.
 */
import { bornAged, TEST_TODAY } from '../../../test/support/clock.js';
import { api, apiAs, foundInCare, openAs, policeHandover, tokenOf } from './support/api.js';
import { checkPage, expect, signIn, test } from './support/test.js';
import { USERS } from './support/users.js';

const ANNING = '530181';
let staff: string;
let bureauId: string;
let policeId: string;

test.beforeAll(async () => {
  const admin = await tokenOf(USERS.admin.username, USERS.admin.password);
  const byName = async (name: string) => (await api<{ items: { id: string }[] }>('GET', `/organisations?q=${encodeURIComponent(name)}`, undefined, admin)).items[0].id;
  bureauId = await byName('安宁市民政局');
  policeId = await byName('安宁市公安局');
  staff = await tokenOf(USERS.anningStaff.username, USERS.anningStaff.password);
});

test('R9, R10: the police report a match (genetic text refused with the reason), and the caseworker may then record the family found', async ({ page, request }) => {
  // A woman found a month ago who remembers her childhood name; the caseworker traces her family and refers the pair to the police.
  const fileId = await foundInCare(staff, {
    daysAgo: 30,
    placeCode: ANNING,
    person: { sex: 'female', aliases: [{ name: '小芳', kind: 'childhood_name' }], birthDateRange: { from: '1995-01-01', to: '1997-01-01' } },
    remembers: '只记得小名叫小芳，家旁边有个水库。',
  });
  const caseworker = await apiAs(request, 'anningCaseworker');
  const { version } = await caseworker<{ version: number }>('GET', `/files/${fileId}`);
  await caseworker('POST', `/files/${fileId}/transitions`, { event: 'start_tracing', expectedVersion: version });
  const wanted = await caseworker<{ id: string; reference: string }>('POST', '/tracing/requests', {
    names: [{ name: '小芳', kind: 'childhood_name' }],
    sex: 'female',
    ageWhenMissing: 20,
    missingOn: '2016-03-01',
    missingPlaceCode: ANNING,
    familyContact: { name: '王秀英', relation: '母亲', phone: '13912345678' },
  });
  const tracing = await caseworker<{ candidates: { items: { id: string; requestId: string }[] } }>('POST', `/files/${fileId}/tracing/match`);
  const candidate = tracing.candidates.items.find((item) => item.requestId === wanted.id);
  expect(candidate).toBeDefined();
  await caseworker('POST', `/tracing/candidates/${candidate!.id}/dna-comparison`, { policeOrganisationId: policeId, policeReference: 'AN-DNA-0001', requestedOn: TEST_TODAY });

  await openAs(page, 'police', '/app/police/dna');
  await expect(page.getByRole('link', { name: 'DNA 比对' })).toBeVisible();
  const card = page.getByTestId('comparison-AN-DNA-0001');
  await expect(card.getByText('待比对')).toBeVisible();
  await checkPage(page, 'police-dna');

  // The candidate pair in minimal views: the person's sex, the family's request — not the family's phone.
  await card.getByRole('link', { name: 'AN-DNA-0001' }).click();
  await expect(page.getByRole('heading', { name: 'DNA 比对 · AN-DNA-0001' })).toBeVisible();
  await expect(page.getByText(wanted.reference)).toBeVisible();
  await expect(page.getByText('2016-03-01')).toBeVisible();
  await expect(page.getByText('13912345678')).toHaveCount(0);
  await checkPage(page, 'police-dna-comparison');

  // R9: an STR profile typed into the report's reference is refused, the field named, and why is said.
  await page.getByRole('button', { name: '报告比对结果' }).click();
  const dialog = page.getByRole('dialog', { name: '报告比对结果' });
  await dialog.getByRole('radio', { name: '比中', exact: true }).check();
  const reference = dialog.getByRole('textbox', { name: '比对报告编号' });
  await reference.fill('D8S1179 13,14 TH01 6,9.3');
  await dialog.getByRole('button', { name: '提交' }).click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toContainText('含有遗传信息');
  await expect(dialog.getByTestId('genetic-refusal')).toContainText('系统不存储任何基因数据');
  await checkPage(page, 'police-dna-refused');
  await reference.fill('安公DNA〔2026〕18号');
  await dialog.getByRole('button', { name: '提交' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('比中', { exact: true })).toBeVisible();
  await expect(page.getByTestId('report-reference')).toHaveText('安公DNA〔2026〕18号');
  await expect(page.getByText('结果已报告，本单位对该档案的查看随之结束。')).toBeVisible();

  // R10: the caseworker sees the police's match on the file, and finding the family is now possible.
  await signIn(page, 'anningCaseworker');
  await page.goto(`/app/files/${fileId}?tab=tracing`);
  const row = page.getByRole('row').filter({ hasText: 'AN-DNA-0001' });
  await expect(row.getByText('比中')).toBeVisible();
  await expect(row.getByText('安公DNA〔2026〕18号')).toBeVisible();
  await expect(page.getByRole('button', { name: '找到亲属' })).toBeEnabled();
});

test('R11, C-3.7: the police record a child’s household registration raised to them, only with the DNA database check reference', async ({ page, request }) => {
  const fileId = await foundInCare(staff, {
    daysAgo: 95,
    placeCode: ANNING,
    person: { sex: 'male', birthDateRange: { from: bornAged(10), to: bornAged(8) } },
    remembers: '说不清家在哪里。',
  });
  const caseworker = await apiAs(request, 'anningCaseworker');
  await expect.poll(async () => (await caseworker<{ status: string }>('GET', `/files/${fileId}/household-registration`).catch(() => null))?.status).toBe('raised');
  await caseworker('POST', `/files/${fileId}/household-registration/application`, {
    preparedOn: TEST_TODAY,
    documents: ['tracing_notice', 'institution_certificate', 'police_sampling_receipt'],
  });
  const { reference } = await caseworker<{ reference: string }>('GET', `/files/${fileId}`);

  await openAs(page, 'police', '/app/police/household');
  const card = page.getByTestId(`household-${reference}`);
  await expect(card.getByText(TEST_TODAY)).toBeVisible();
  await checkPage(page, 'police-household');

  // The application with its documents, and the unit's own step.
  await card.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { name: `落户 · ${reference}` })).toBeVisible();
  await expect(page.getByText('采血入库回执')).toBeVisible();
  await expect(page.getByText('可能为未成年人：落户前须经公安机关采血入库比对')).toBeVisible();
  await checkPage(page, 'police-household-task');
  await page.getByRole('button', { name: '登记落户结果' }).click();
  const registration = page.getByRole('dialog', { name: '登记落户结果' });
  await registration.getByLabel('户号').fill('AN-5301-8101');
  await registration.getByRole('button', { name: '提交' }).click();
  await expect(registration.locator('.ant-form-item-explain-error')).toHaveText('来历不明儿童落户前须经公安机关采血入库比对，请填写其比对编号');
  await registration.getByLabel('公安机关采血入库比对编号').fill('安公DNA入库〔2026〕7号');
  await registration.getByRole('button', { name: '提交' }).click();
  await expect(registration).toBeHidden();
  await expect(page.getByText('已落户', { exact: true })).toBeVisible();
  await expect(page.getByText('AN-5301-8101')).toBeVisible();
  await expect(page.getByText('安公DNA入库〔2026〕7号')).toBeVisible();
});

test('R1: the police follow the handovers their unit made and how far each file has come, their navigation naming only their own pages', async ({ page, request }) => {
  const police = await apiAs(request, 'police');
  await policeHandover(
    police,
    { name: '刘小军', sex: 'male', birthDateRange: { from: bornAged(12), to: bornAged(11) }, identityStatus: 'claimed' },
    {
      police: policeId,
      caseNumber: 'AN-2026-031',
      placeCode: ANNING,
      materials: [{ item: '询问笔录' }, { item: '解救经过说明' }],
      circumstances: '在安宁市某工地解救，移交民政部门救助。',
      responsibleOrganisationId: bureauId,
    },
  );
  await openAs(page, 'police', '/app/police/handovers');
  // The unit's work, and only it: no files list, no referral inbox.
  await expect(page.getByRole('navigation', { name: '导航', exact: true }).getByRole('link')).toHaveText(['工作台', '移交记录', 'DNA 比对', '落户任务']);
  const card = page.getByTestId(/^handover-/).filter({ hasText: 'AN-2026-031' });
  await expect(card.getByText('已接收')).toBeVisible();
  await expect(card.getByText('安宁市民政局')).toBeVisible();
  await expect(card.getByText('2 项')).toBeVisible();
  // Never the person's details.
  await expect(page.getByText('刘小军')).toHaveCount(0);
  await checkPage(page, 'police-handovers');
});
