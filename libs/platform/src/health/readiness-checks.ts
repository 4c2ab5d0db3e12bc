import { Injectable } from '@nestjs/common';

/**
 * What a capability adds to /health/ready: a name and a check returning
 * 'up' or 'degraded' (still serving, impaired) with details; a throw is 'down'.
 */
export interface ReadinessCheck {
  name: string;
  check(): Promise<{ status: 'up' | 'degraded'; details: Record<string, unknown> }>;
}

@Injectable()
export class ReadinessChecks {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  all(): readonly ReadinessCheck[] {
    return this.checks;
  }
}
