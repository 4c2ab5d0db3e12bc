import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainEventSubscriptions } from '#app/platform';
import { TRANSITIONS } from '#app/case';
import { InboxWriter } from './inbox-writer.js';
import { halves } from '../reminders/halves.js';

const LABELS = new Map(TRANSITIONS.map((transition) => [transition.event, transition.label]));
/** A step's label in its two halves (`安置到救助机构 / place in an institution (R5)`), so a text quoting it keeps one ` / ` between its own. */
const label = (event: string) => halves(LABELS.get(event) ?? event);

interface FileFacts {
  reference: string;
  responsible_organisation_id: string;
}

/**
 * Everyone's inbox gets the file's events that concern them, once each
 * (issue 13): an approval asked for → the bureau's supervisors; decided →
 * whoever asked; a transfer asked for → the receiving bureau's caseworkers
 * and supervisors; a DNA comparison asked for → the police unit's staff (R9).
 * The texts name the file by its reference and the step by its label, never
 * the person. (The referrals' events: libs/referral's ReferralNotifications;
 * a household-registration task raised reaches the caseworker and the police
 * unit as its reminder, R11.)
 */
@Injectable()
export class EventNotifications implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly subscriptions: DomainEventSubscriptions,
    private readonly inbox: InboxWriter,
  ) {}

  onModuleInit(): void {
    this.subscriptions.subscribe('file.approval_requested', 'inbox.approval_requested', async (event) => {
      const file = await this.file(event.subjectId);
      const [approval]: { requested_by: string }[] = await this.dataSource.query('SELECT requested_by FROM approval WHERE id = $1', [event.data.approvalId]);
      await this.inbox.deliver({
        eventId: event.eventId,
        // Not the supervisor who asked: another one decides.
        to: { organisations: [{ id: file.responsible_organisation_id, roles: ['supervisor'] }], except: approval ? [approval.requested_by] : [] },
        kind: 'approval_requested',
        title: `待审批：${label(event.data.event)[0]}，档案 ${file.reference} / approval requested: ${label(event.data.event)[1]}, file ${file.reference}`,
        body: `请审批：${label(event.data.event)[0]} / please approve or reject: ${label(event.data.event)[1]}`,
        fileId: event.subjectId,
        subjectType: 'approval',
        subjectId: event.data.approvalId,
      });
    });
    this.subscriptions.subscribe('file.state_changed', 'inbox.approval_approved', async (event) => {
      if (!event.data.approvalId) return;
      await this.decided(event.eventId, event.subjectId, event.data.approvalId, 'approved');
    });
    this.subscriptions.subscribe('file.approval_rejected', 'inbox.approval_rejected', async (event) => {
      await this.decided(event.eventId, event.subjectId, event.data.approvalId, 'rejected');
    });
    this.subscriptions.subscribe('file.transfer_requested', 'inbox.transfer_incoming', async (event) => {
      const file = await this.file(event.subjectId);
      const [from]: { name: string }[] = await this.dataSource.query('SELECT name FROM organisation WHERE id = $1', [event.data.fromOrganisationId]);
      await this.inbox.deliver({
        eventId: event.eventId,
        to: { organisations: [{ id: event.data.toOrganisationId, roles: ['caseworker', 'supervisor'] }] },
        kind: 'transfer_incoming',
        title: `转入待接收：档案 ${file.reference} / incoming transfer: file ${file.reference}`,
        body: `转出单位：${from?.name ?? '—'}；请接收或退回 / from ${from?.name ?? '—'}: accept or decline it`,
        fileId: event.subjectId,
        subjectType: 'file_transfer',
        subjectId: event.data.transferId,
      });
    });
    this.subscriptions.subscribe('tracing.dna_requested', 'inbox.dna_requested', async (event) => {
      const file = await this.file(event.subjectId);
      const [comparison]: { police_reference: string; requested_on: string }[] = await this.dataSource.query(
        `SELECT police_reference, to_char(requested_on, 'YYYY-MM-DD') AS requested_on FROM dna_comparison WHERE id = $1`,
        [event.data.comparisonId],
      );
      await this.inbox.deliver({
        eventId: event.eventId,
        to: { organisations: [{ id: event.data.policeOrganisationId }] },
        kind: 'dna_comparison_requested',
        title: `DNA 比对请求：档案 ${file.reference} / DNA comparison requested: file ${file.reference} (R9)`,
        body: `公安编号 ${comparison?.police_reference ?? '—'}，${comparison?.requested_on ?? ''} 提出 / police reference ${comparison?.police_reference ?? '—'}, asked ${comparison?.requested_on ?? ''}`,
        fileId: event.subjectId,
        subjectType: 'dna_comparison',
        subjectId: event.data.comparisonId,
      });
    });
  }

  /** Whoever asked learns the supervisor's decision (the reason of a rejection with it: the same bureau's staff). */
  private async decided(eventId: string, fileId: string, approvalId: string, decision: 'approved' | 'rejected'): Promise<void> {
    const file = await this.file(fileId);
    const [approval]: { event: string; requested_by: string; reason: string | null }[] = await this.dataSource.query(
      'SELECT event, requested_by, reason FROM approval WHERE id = $1',
      [approvalId],
    );
    if (!approval) return;
    const approved = decision === 'approved';
    await this.inbox.deliver({
      eventId,
      to: { users: [approval.requested_by] },
      kind: approved ? 'approval_approved' : 'approval_rejected',
      title: `${approved ? '审批已通过' : '审批未通过'}：${label(approval.event)[0]}，档案 ${file.reference} / approval ${decision}: ${label(approval.event)[1]}, file ${file.reference}`,
      body: approved ? '已批准并执行 / approved and done' : `理由：${approval.reason ?? '—'} / reason: ${approval.reason ?? '—'}`,
      fileId,
      subjectType: 'approval',
      subjectId: approvalId,
    });
  }

  private async file(fileId: string): Promise<FileFacts> {
    const [file]: FileFacts[] = await this.dataSource.query('SELECT reference, responsible_organisation_id FROM victim_file WHERE id = $1', [fileId]);
    return file;
  }
}
