/**
 * 寻亲, 落户 and the stay (issue 13, page 5): a caseworker sees why a family's
 * request matches an unidentified woman, feature by feature (R8), and refers
 * the pair to the police for a DNA comparison — unit, reference, date, never
 * genetic data (R9); her household registration is due after 90 days in care
 * (R11); the institution's staff write a care note on her stay; more
 * candidates than a page come by 加载更多. Data is set up through the API;
 * the browser's clock is the server's.
 */
import { chinaMorning, TEST_TODAY } from '../../../test/support/clock.js';
import { addDays } from '#app/platform';
import { api, foundInCare, openAs, organisationNamed, policeHandover, tokenOf, userNamed, withToken } from './support/api.js';
import { checkPage, expect, test } from './support/test.js';
import { USERS } from './support/users.js';

const STAFF = { username: 'wh.staff', displayName: '杨慧', password: 'Institution-Staff-Pass-9' };
const INSTITUTION = '五华区未成年人救助保护中心';

/** A woman the institution found 95 days ago, who remembers only her childhood name: interviewed, her clock run out (R11). */
async function foundWoman(childhoodName: string): Promise<string> {
  return foundInCare(await tokenOf(STAFF.username, STAFF.password), {
    daysAgo: 95,
    person: { sex: 'female', aliases: [{ name: childhoodName, kind: 'childhood_name' }], birthDateRange: { from: '1995-01-01', to: '1997-01-01' } },
    remembers: `只记得小名叫${childhoodName}，家门口有条河。`,
  });
}

let institutionId: string;

test.beforeAll(async () => {
  const admin = withToken(await tokenOf(USERS.admin.username, USERS.admin.password));
  institutionId = await organisationNamed(admin, INSTITUTION, 'minor_protection_centre', '530102');
  await userNamed(admin, STAFF, 'institution_staff', institutionId);
});

test('R8, R9, R11: the caseworker sees why a request matches, refers the pair to the police for a DNA comparison; the registration is due', async ({ page }) => {
  const fileId = await foundWoman('春花');
  const caseworker = await tokenOf(USERS.caseworker.username, USERS.caseworker.password);
  const { version } = await api<{ version: number }>('GET', `/files/${fileId}`, undefined, caseworker);
  await api('POST', `/files/${fileId}/transitions`, { event: 'start_tracing', expectedVersion: version }, caseworker);
  const wanted = await api<{ id: string; reference: string }>(
    'POST',
    '/tracing/requests',
    {
      names: [{ name: '春花', kind: 'childhood_name' }],
      sex: 'female',
      ageWhenMissing: 20,
      missingOn: '2016-03-01',
      missingPlaceCode: '530102',
      familyContact: { name: '李国华', relation: '父亲', phone: '13812345678' },
    },
    caseworker,
  );
  const tracing = await api<{ candidates: { items: { requestId: string }[] } }>('POST', `/files/${fileId}/tracing/match`, undefined, caseworker);
  expect(tracing.candidates.items.map((candidate) => candidate.requestId)).toContain(wanted.id);

  await openAs(page, 'caseworker', `/app/files/${fileId}?tab=tracing`);
  const card = page.locator('.tracing-candidate').filter({ hasText: wanted.reference });
  await expect(card.getByText('待核实')).toBeVisible();
  // A bar per feature, and why in Chinese (the API's explanation, its English half not shown).
  await expect(card.getByRole('progressbar', { name: '姓名' })).toBeVisible();
  await expect(card.getByRole('progressbar', { name: '地点' })).toBeVisible();
  await expect(card.getByText(/同一县区 530102/)).toBeVisible();
  await expect(card.getByText(/same county/)).toHaveCount(0);
  await checkPage(page, 'file-tab-tracing');

  // R9: only the unit, its reference and the date go to the police; the form asks for nothing genetic.
  await card.getByRole('button', { name: '送公安DNA比对' }).click();
  const dialog = page.getByRole('dialog', { name: '送公安DNA比对' });
  await expect(dialog.getByText('不录入任何遗传信息')).toBeVisible();
  await dialog.getByRole('combobox', { name: '公安机关' }).click();
  await page.locator('.ant-select-item-option', { hasText: '昆明市公安局五华分局' }).click();
  await dialog.getByLabel('公安编号').fill('WH-DNA-2026-017');
  await dialog.getByRole('textbox', { name: '申请日期' }).fill(TEST_TODAY);
  await dialog.getByRole('textbox', { name: '申请日期' }).press('Enter');
  await checkPage(page, 'file-tracing-dna-form');
  await dialog.getByRole('button', { name: '提交' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByText('已送公安比对')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'WH-DNA-2026-017' });
  await expect(row.getByText('待反馈')).toBeVisible();
  await expect(row.getByText('昆明市公安局五华分局')).toBeVisible();

  // R11: 95 days in the institution without her family found: the registration is due.
  await page.getByRole('tab', { name: '落户' }).click();
  await expect(page).toHaveURL(/tab=household/);
  await expect(page.getByText('已到期，待备妥落户申请')).toBeVisible();
  await expect(page.getByText(/本次在站 9\d 天/)).toBeVisible();
  await expect(page.getByText('昆明市公安局五华分局')).toBeVisible();
  await checkPage(page, 'file-tab-household');
  // The caseworker's step: the application and its documents are ready for the police.
  await page.getByRole('button', { name: '备妥落户申请' }).click();
  const application = page.getByRole('dialog', { name: '备妥落户申请' });
  await application.getByRole('textbox', { name: '材料准备日期' }).fill(TEST_TODAY);
  await application.getByRole('textbox', { name: '材料准备日期' }).press('Enter');
  await application.getByRole('checkbox', { name: '寻亲公告' }).check();
  await application.getByRole('checkbox', { name: '滞留证明' }).check();
  await application.getByRole('button', { name: '提交' }).click();
  await expect(application).toBeHidden();
  await expect(page.getByText('申请已备妥，待公安机关落户')).toBeVisible();
});

test('R8: the caseworker records a lead she gives and what following it up found, then that her relatives were told of their duties of care', async ({ page }) => {
  const fileId = await foundWoman('秋菊');
  await openAs(page, 'caseworker', `/app/files/${fileId}?tab=tracing`);
  await expect(page.getByText('暂无线索')).toBeVisible();
  await expect(page.getByText('尚未告知亲属抚养义务')).toBeVisible();

  // A lead in her words, the place it names by its code (the matcher uses it).
  await page.getByRole('button', { name: '记录线索' }).click();
  const add = page.getByRole('dialog', { name: '记录线索' });
  await add.getByRole('combobox', { name: '线索类别' }).click();
  await page.locator('.ant-select-item-option', { hasText: '地名' }).click();
  await add.getByLabel('线索内容（本人原话）').fill('记得村口有座石桥，赶集要走半天');
  await add.getByLabel('涉及地点代码').fill('530102');
  await add.getByRole('button', { name: '提交' }).click();
  await expect(add).toBeHidden();
  const lead = page.locator('.tracing-lead').filter({ hasText: '记得村口有座石桥' });
  await expect(lead.getByText('待核实')).toBeVisible();
  await expect(lead.getByText(`来源：本人 · ${TEST_TODAY}`)).toBeVisible();

  // Followed up: a day ahead of today is the server's refusal, on the field; then ruled out, with what was done.
  await lead.getByRole('button', { name: /^记录核实结果/ }).click();
  const check = page.getByRole('dialog', { name: '记录核实结果' });
  await check.getByRole('radio', { name: '已排除' }).check();
  const checkedOn = check.getByRole('textbox', { name: '核实日期' });
  await checkedOn.fill(addDays(TEST_TODAY, 1));
  await checkedOn.press('Enter');
  await check.getByLabel('核实经过').fill('联系五华区各街道，未找到有石桥的村子');
  await check.getByRole('button', { name: '提交' }).click();
  await expect(check.getByText('不能晚于今天')).toBeVisible();
  await checkPage(page, 'file-tracing-lead-outcome-form');
  await checkedOn.fill(TEST_TODAY);
  await checkedOn.press('Enter');
  await check.getByRole('button', { name: '提交' }).click();
  await expect(check).toBeHidden();
  await expect(lead.getByText('已排除')).toBeVisible();
  await expect(lead.getByText(`核实于 ${TEST_TODAY}（${USERS.caseworker.displayName}）：联系五华区各街道，未找到有石桥的村子`)).toBeVisible();
  await expect(lead.getByRole('button', { name: /^记录核实结果/ })).toHaveCount(0);

  // Her relatives found, they are told of their duties of care (going home waits for it).
  await page.getByRole('button', { name: '记录抚养义务告知' }).click();
  const duty = page.getByRole('dialog', { name: '记录抚养义务告知' });
  await duty.getByLabel('被告知的亲属').fill('父亲李建国、母亲张秀英');
  await duty.getByRole('radio', { name: '电话告知' }).check();
  await duty.getByLabel('告知内容').fill('告知监护、抚养义务及不得再次出卖');
  await duty.getByRole('button', { name: '提交' }).click();
  await expect(duty).toBeHidden();
  await expect(page.locator('.tracing-duty').getByText(`父亲李建国、母亲张秀英 · ${TEST_TODAY} · 电话告知`)).toBeVisible();
  await checkPage(page, 'file-tab-tracing-leads');
});

/** A man handed over by the police, interviewed, placed in the institution (a supervisor approved), arrived there. */
async function placedMan(name: string): Promise<string> {
  const caseworker = await tokenOf(USERS.caseworker.username, USERS.caseworker.password);
  const police = (await api<{ items: { id: string }[] }>('GET', '/organisations?kind=public_security&limit=1', undefined, caseworker)).items[0].id;
  const { id } = await policeHandover(
    caseworker,
    { name, sex: 'male', birthDate: '1988-03-02', identityStatus: 'claimed' },
    { police, caseNumber: `WH-ST-${name}`, handoverDate: addDays(TEST_TODAY, -2), placeCode: '530102' },
  );
  await api(
    'POST',
    `/files/${id}/interview`,
    { conductedAt: chinaMorning(addDays(TEST_TODAY, -1)).toISOString(), language: 'zh', attendees: [], circumstances: '由公安解救。', needs: ['shelter'], consents: {} },
    caseworker,
  );
  const { version } = await api<{ version: number }>('GET', `/files/${id}`, undefined, caseworker);
  await api(
    'POST',
    `/files/${id}/transitions`,
    { event: 'place_in_institution', expectedVersion: version, payload: { institutionId, fromDate: addDays(TEST_TODAY, -1), reason: '需要临时庇护' } },
    caseworker,
  );
  const file = await api<{ pendingApprovals: { id: string }[] }>('GET', `/files/${id}`, undefined, caseworker);
  const supervisor = await tokenOf(USERS.supervisor.username, USERS.supervisor.password);
  await api('POST', `/approvals/${file.pendingApprovals[0].id}/approve`, {}, supervisor);
  const staff = await tokenOf(STAFF.username, STAFF.password);
  await api('POST', `/files/${id}/stay/arrival`, { arrivedAt: chinaMorning(addDays(TEST_TODAY, -1)).toISOString(), room: '302室', unit: '男宾区' }, staff);
  return id;
}

test('the institution staff write a care note on the stay', async ({ page }) => {
  const fileId = await placedMan('赵永福');
  await openAs(page, STAFF, `/app/files/${fileId}?tab=care`);
  const stay = page.getByRole('region', { name: '在站情况' });
  await expect(stay.getByText(INSTITUTION)).toBeVisible();
  await expect(stay.getByText('男宾区 302室')).toBeVisible();
  await stay.getByRole('button', { name: '写照护记录' }).click();
  const dialog = page.getByRole('dialog', { name: '写照护记录' });
  await dialog.getByLabel('记录内容').fill('情绪平稳，午饭吃了一碗面。');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  await expect(stay.getByText('情绪平稳，午饭吃了一碗面。')).toBeVisible();
  await expect(stay.getByText(new RegExp(STAFF.displayName))).toBeVisible();
  await checkPage(page, 'file-tab-care-stay');
  // Tracing is read by the staff too; 送公安DNA比对 is the caseworker's.
  await page.getByRole('tab', { name: '寻亲' }).click();
  await expect(page.getByText('暂无比对候选')).toBeVisible();
  await expect(page.getByRole('button', { name: '送公安DNA比对' })).toHaveCount(0);
});

test('R8: more candidates than a page come by 加载更多 (keyset)', async ({ page }) => {
  const caseworker = await tokenOf(USERS.caseworker.username, USERS.caseworker.password);
  // Found far from the other specs' people (玉溪), she remembers her childhood name 阿朵; 51 families look for an 阿朵 lost there.
  const intake = await api<{ file: { id: string } }>(
    'POST',
    '/intake/discoveries',
    {
      person: { sex: 'female', identityStatus: 'unknown', aliases: [{ name: '阿朵', kind: 'childhood_name' }], birthDateRange: { from: '1995-01-01', to: '1997-01-01' } },
      discovery: { discoveredOn: addDays(TEST_TODAY, -10), placeCode: '530402', institutionId, circumstances: '在玉溪客运站被发现，只记得小名。' },
    },
    caseworker,
  );
  const fileId = intake.file.id;
  const PAGE_SIZE = 50;
  for (let index = 0; index <= PAGE_SIZE; index += 1) {
    await api(
      'POST',
      '/tracing/requests',
      {
        names: [{ name: '阿朵', kind: 'childhood_name' }],
        sex: 'female',
        ageWhenMissing: 20,
        missingOn: '2016-03-01',
        missingPlaceCode: '530402',
        familyContact: { name: '刀家', relation: '父亲', phone: `1390871${String(index).padStart(4, '0')}` },
      },
      caseworker,
    );
  }
  // The worker matches each request as it comes.
  const count = async () => (await api<{ items: unknown[] }>('GET', `/files/${fileId}/tracing/candidates?limit=200`, undefined, caseworker)).items.length;
  await expect.poll(count, { timeout: 60_000 }).toBe(PAGE_SIZE + 1);

  await openAs(page, 'caseworker', `/app/files/${fileId}?tab=tracing`);
  const cards = page.locator('.tracing-candidate');
  await expect(cards).toHaveCount(PAGE_SIZE);
  // By keyboard. (The tab passed checkPage above; fifty cards more would only make the screenshots long.)
  const more = page.getByRole('button', { name: '加载更多' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(cards).toHaveCount(PAGE_SIZE + 1);
  await expect(more).toHaveCount(0);
});
