import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '#app/access';
import { ApprovalsService, CareService, CaseStateMachine, InterviewService, ProtectionService, StayService } from '#app/case';
import { FollowupService } from '#app/followup';
import { IntakeService } from '#app/intake';
import { addDays, chinaDate, Clock, RequestContext } from '#app/platform';
import { CreateReferralService } from '#app/referral';
import { DEMO_FILES_BUREAU, DEMO_FILES_BUREAU_2 } from '#app/access';

/** What the demo files show, one a state (issue 13): the file reference and the state it ends in. */
export interface DemoFile {
  reference: string;
  person: string;
  state: string;
  story: string;
}

const get = <T>(app: INestApplicationContext, type: new (...args: never[]) => T): T => app.get(type, { strict: false });

/**
 * A few victim files in several states, made through the services as the demo
 * users (every rule applies, every step audited): received; interviewed;
 * placed in the assistance station with a stay (arrival, care notes, a leave
 * and the return); referred to the demo school (open); reunified with her
 * parents and followed up (the follow-up plan). And one received file for the
 * second county bureau. Skipped when the demo bureaus already have files.
 */
export async function seedDemoFiles(app: INestApplicationContext): Promise<DemoFile[]> {
  const db = app.get<DataSource>(getDataSourceToken());
  const [{ n }]: { n: number }[] = await db.query(
    `SELECT count(*)::int AS n FROM victim_file f JOIN organisation o ON o.id = f.responsible_organisation_id WHERE o.name IN ($1, $2)`,
    [DEMO_FILES_BUREAU, DEMO_FILES_BUREAU_2],
  );
  if (n > 0) return [];
  const clock = get(app, Clock);
  const today = chinaDate(clock.now());
  const day = (offset: number) => addDays(today, offset);
  const at = (offset: number, hour: number) => new Date(`${day(offset)}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
  const bornAged = (years: number) => addDays(`${Number(today.slice(0, 4)) - years}${today.slice(4)}`, -60);

  const actors = new Map<string, Actor>();
  for (const row of (await db.query(
    `SELECT u.id, u.username, u.role, o.id AS organisation_id, o.kind, o.jurisdiction_code FROM user_account u JOIN organisation o ON o.id = u.organisation_id
      WHERE u.username LIKE 'demo.%'`,
  )) as { id: string; username: string; role: string; organisation_id: string; kind: string; jurisdiction_code: string }[]) {
    actors.set(row.username, {
      userId: row.id,
      username: row.username,
      role: row.role,
      organisationId: row.organisation_id,
      organisationKind: row.kind,
      jurisdictionCode: row.jurisdiction_code,
      sessionId: 'cli-demo-seed',
    } as Actor);
  }
  const actor = (username: string) => actors.get(username)!;
  /** Each step as its user, like a request of theirs: the audit record names who did it. */
  const as = <T>(username: string, work: (who: Actor) => Promise<T>): Promise<T> =>
    RequestContext.run({ requestId: `cli-demo-${username}`, actor: actor(username), clock }, () => work(actor(username)));

  const intake = get(app, IntakeService);
  const interviews = get(app, InterviewService);
  const protection = get(app, ProtectionService);
  const care = get(app, CareService);
  const machine = get(app, CaseStateMachine);
  const approvals = get(app, ApprovalsService);
  const stays = get(app, StayService);
  const referrals = get(app, CreateReferralService);
  const followup = get(app, FollowupService);
  const police = actor('demo.police');

  let serial = 0;
  async function handedOver(name: string, bureau: string, options: { age: number; circumstances: string }): Promise<{ id: string; reference: string }> {
    serial += 1;
    const result = await as('demo.police', (who) =>
      intake.policeHandover(who, {
        responsibleOrganisationId: actor(bureau).organisationId,
        person: { name, sex: 'female', identityStatus: 'claimed', birthDateRange: { from: bornAged(options.age + 1), to: bornAged(options.age) }, languages: ['zh'] },
        handover: {
          policeOrganisationId: police.organisationId,
          policeCaseNumber: `演示-${today.slice(0, 4)}-${String(serial).padStart(3, '0')}`,
          handoverDate: day(-40 + serial),
          placeCode: '530102',
          materials: [{ item: '询问笔录' }, { item: '解救经过说明' }],
          circumstances: options.circumstances,
        },
        duplicateDecision: { action: 'new_person' },
      } as never),
    );
    return { id: result.file.id, reference: result.file.reference };
  }
  async function interviewed(fileId: string, caseworker: string, when: number): Promise<void> {
    await as(caseworker, (who) =>
      interviews.record(who, fileId, {
        conductedAt: at(when, 10),
        place: '昆明市救助管理站（演示）',
        language: 'zh',
        attendees: [
          { name: '李个案', role: '民政个案工作者' },
          { name: '赵警官', role: '公安民警' },
        ],
        circumstances: '演示数据：被拐至外地，由公安机关解救。',
        needs: ['shelter', 'schooling', 'psychological'],
        wishes: '回到父母身边',
        consents: { schooling: { given: true, by: 'guardian' } },
      } as never),
    );
    await as(caseworker, (who) =>
      protection.addGuardian(who, fileId, { kind: 'civil_affairs', name: '昆明市民政局（演示）', organisationId: actor(caseworker).organisationId, since: day(when) } as never),
    );
  }
  /** A step: applied, or asked for and approved by the supervisor (four eyes). */
  async function step(fileId: string, event: string, payload: Record<string, unknown> = {}): Promise<void> {
    const { version } = await as('demo.caseworker', (who) => machine.available(who, fileId));
    const fired = await as('demo.caseworker', (who) => machine.fire(who, fileId, event, version, payload));
    if (fired.outcome === 'approval_requested') await as('demo.supervisor', (who) => approvals.approve(who, fired.approval.id, '同意（演示） / approved (demo)'));
  }
  async function placed(fileId: string): Promise<void> {
    await step(fileId, 'place_in_institution', { institutionId: actor('demo.institution').organisationId, fromDate: day(-20), reason: '父母尚未找到，临时安置' });
    await as('demo.institution', (who) => stays.recordArrival(who, fileId, { arrivedAt: at(-20, 15), room: '302室', unit: '女童区' }));
    await as('demo.institution', (who) => stays.addNote(who, fileId, { notedAt: at(-19, 20), text: '入住第一天，情绪低落，夜间由值班老师陪伴。' }));
    await as('demo.institution', (who) => stays.addNote(who, fileId, { notedAt: at(-10, 20), text: '饮食睡眠正常，与同屋孩子相处融洽。' }));
    const leave = await as('demo.institution', (who) => stays.startLeave(who, fileId, { leftAt: at(-5, 9), expectedBackAt: at(-5, 17), reason: '由工作人员陪同到定点医院复诊' }));
    await as('demo.institution', (who) => stays.recordReturn(who, fileId, leave.id, { returnedAt: at(-5, 16) }));
  }

  const files: DemoFile[] = [];
  const received = await handedOver('陈小雨', 'demo.caseworker', { age: 12, circumstances: '演示数据：公安机关解救后移交。' });
  files.push({ ...received, person: '陈小雨', state: 'received', story: '刚由公安移交 / just handed over by the police' });

  const second = await handedOver('杨小丽', 'demo.caseworker', { age: 14, circumstances: '演示数据：公安机关解救后移交。' });
  await interviewed(second.id, 'demo.caseworker', -30);
  files.push({ ...second, person: '杨小丽', state: 'received', story: '已完成一站式询问 / interviewed (R2)' });

  const third = await handedOver('王小梅', 'demo.caseworker', { age: 11, circumstances: '演示数据：父母尚未找到。' });
  await interviewed(third.id, 'demo.caseworker', -25);
  await placed(third.id);
  files.push({ ...third, person: '王小梅', state: 'in_care', story: '安置在救助管理站，有在院记录 / placed, staying at the assistance station (R5)' });

  const fourth = await handedOver('李小花', 'demo.caseworker', { age: 10, circumstances: '演示数据：父母尚未找到，需要入学。' });
  await interviewed(fourth.id, 'demo.caseworker', -25);
  await step(fourth.id, 'place_in_institution', { institutionId: actor('demo.institution').organisationId, fromDate: day(-15) });
  await as('demo.caseworker', (who) =>
    referrals.create(who, fourth.id, {
      kind: 'schooling',
      organisationId: actor('demo.school').organisationId,
      purpose: '适龄儿童入学（演示） / enrolment of a school-age child (demo)',
      details: { gradeLevel: '四年级' },
      send: true,
    } as never),
  );
  files.push({ ...fourth, person: '李小花', state: 'in_care', story: '已转介至演示小学，待学校接收 / referred to the demo school, open (R14, R16)' });

  const fifth = await handedOver('张小燕', 'demo.caseworker', { age: 13, circumstances: '演示数据：父母已找到。' });
  await interviewed(fifth.id, 'demo.caseworker', -35);
  await step(fifth.id, 'start_return_home', { note: '父母已确认' });
  const { version } = await as('demo.caseworker', (who) => machine.available(who, fifth.id));
  await as('demo.caseworker', (who) =>
    care.setReturnHome(who, fifth.id, {
      expectedVersion: version,
      recipientName: '张建国',
      relation: '父亲',
      recipientPhone: '13800000000',
      address: '云南省昆明市五华区演示路1号',
      placeCode: '530102',
      plannedOn: day(-3),
    } as never),
  );
  await step(fifth.id, 'reunify', { handedOverAt: at(-2, 10) });
  // R17: the follow-up plan (the worker makes it from the event too; making it here shows it at once, once).
  await followup.createPlan(fifth.id);
  files.push({ ...fifth, person: '张小燕', state: 'reunified', story: '已返家团聚，长期跟踪回访计划已建立 / reunified, with the follow-up plan (R5, R17)' });

  const guandu = await handedOver('周小兰', 'demo.caseworker.guandu', { age: 15, circumstances: '演示数据：官渡区接收。' });
  files.push({ ...guandu, person: '周小兰', state: 'received', story: '官渡区民政局接收 / received by the second county bureau' });
  return files;
}
