import { AppError, type AuditSink } from '#app/platform';
import { AccessErrors, isWithin, type Actor } from '#app/access';

/**
 * R20, R22: a statistics read names a division that exists and lies within one's own (an office sees its own level
 * and those below); a read outside it is refused and on the record as `action`.
 */
export async function requireInScope(audit: AuditSink, actor: Actor, target: { code: string; exists: boolean; action: string; details: Record<string, unknown> }): Promise<void> {
  if (!target.exists) throw new AppError(AccessErrors.UNKNOWN_JURISDICTION, { details: [{ field: 'jurisdictionCode', reason: '行政区划代码不存在 / no such division code' }] });
  if (!isWithin(target.code, actor.jurisdictionCode)) {
    await audit.record({ action: target.action, outcome: 'denied', entityType: 'statistics', details: target.details });
    throw new AppError(AccessErrors.OUTSIDE_JURISDICTION, { details: [{ field: 'jurisdictionCode', reason: '超出您的辖区 / outside your jurisdiction' }] });
  }
}
