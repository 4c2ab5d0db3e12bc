import { ApiProperty, ApiPropertyOptional, type SchemaObject } from '@nestjs/swagger';

/** One dependency's check: `up`, `degraded` (still serving, impaired) or `down`, with what it found (e.g. `loadedUntil`, `warning`, `message`). */
const INDICATOR: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['up', 'degraded', 'down'] } },
  additionalProperties: true,
};

/** The process is up. */
export class HealthLiveView {
  status!: 'ok';
}

/**
 * @nestjs/terminus' report: the overall status and each check by name
 * (postgres, migrations, redis, and what capabilities add, e.g. calendar).
 * `info` holds the checks up or degraded, `error` those down, `details` all.
 */
export class HealthReportView {
  @ApiProperty({ enum: ['ok', 'degraded', 'error', 'shutting_down'] })
  status!: 'ok' | 'degraded' | 'error' | 'shutting_down';

  @ApiPropertyOptional({ type: 'object', additionalProperties: INDICATOR })
  info?: Record<string, { status: 'up' | 'degraded' | 'down' }>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: INDICATOR })
  error?: Record<string, { status: 'up' | 'degraded' | 'down' }>;

  @ApiProperty({ type: 'object', additionalProperties: INDICATOR })
  details!: Record<string, { status: 'up' | 'degraded' | 'down' }>;
}
