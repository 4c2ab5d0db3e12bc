import { Injectable } from '@nestjs/common';
import { AppError, Outbox } from '#app/platform';
import { AccessErrors, type Actor } from '#app/access';
import { FileGateway } from '../kernel/file-gateway.js';
import type { AssignCaseworkerDto } from './workflow.dto.js';
import type { CaseworkerAssigned } from './workflow.view.js';

/**
 * Who is responsible for a file: a supervisor assigns a caseworker of the
 * responsible bureau (a file from an institution's discovery starts without
 * one); a caseworker may take a file of the bureau themselves. Versioned: a
 * stale version answers 409. The follow-up's reminders follow the new
 * caseworker (file.caseworker_assigned).
 */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly outbox: Outbox,
  ) {}

  assign(actor: Actor, fileId: string, input: AssignCaseworkerDto): Promise<CaseworkerAssigned> {
    return this.gateway.write(
      actor,
      fileId,
      { action: 'file.assign_caseworker', expectedVersion: input.expectedVersion, auditRefusals: [AccessErrors.ROLE_NOT_ALLOWED.code] },
      async ({ manager, file, now }) => {
        if (actor.role === 'caseworker' && input.caseworkerId !== actor.userId) {
          throw AppError.field(AccessErrors.ROLE_NOT_ALLOWED, 'caseworkerId', '个案工作者只能认领档案给自己 / a caseworker may only take a file themselves');
        }
        const [user] = await manager.query(`SELECT 1 FROM user_account WHERE id = $1 AND organisation_id = $2 AND active AND role IN ('caseworker', 'supervisor')`, [
          input.caseworkerId,
          file.responsibleOrganisationId,
        ]);
        if (!user)
          throw AppError.field(
            AccessErrors.UNKNOWN_USER,
            'caseworkerId',
            '须为负责该档案的民政部门的在岗个案工作者或主管 / must be an active caseworker or supervisor of the responsible bureau',
          );
        await manager.query('UPDATE victim_file SET responsible_caseworker_id = $2 WHERE id = $1', [fileId, input.caseworkerId]);
        await manager.query(`INSERT INTO file_history (file_id, event, from_state, to_state, actor_user_id, note, at) VALUES ($1, 'assign_caseworker', $2, $2, $3, $4, $5)`, [
          fileId,
          file.state,
          actor.userId,
          input.reason ?? null,
          now,
        ]);
        await this.outbox.emit(manager, {
          type: 'file.caseworker_assigned',
          subjectId: fileId,
          data: { caseworkerId: input.caseworkerId, previousCaseworkerId: file.responsibleCaseworkerId },
        });
        return {
          result: { fileId, caseworkerId: input.caseworkerId, version: file.version },
          details: { caseworkerId: input.caseworkerId, previousCaseworkerId: file.responsibleCaseworkerId },
          purpose: input.reason,
        };
      },
    );
  }
}
