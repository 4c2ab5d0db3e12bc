export { APP_CONFIG, ConfigError, loadConfig, loadConfigOrExit, loadSettings, migrationDatabaseUrl, redactUrl, type AppConfig } from './config/config.js';
export { ENV_SCHEMA, type NodeEnv, type SettingName } from './config/env-schema.js';
export { RequestContext, type RequestActor, type RequestContextStore } from './context/request-context.js';
export { dataSourceOptions } from './database/data-source-options.js';
export { MIGRATIONS } from './database/migrations/index.js';
export { SnakeNamingStrategy } from './database/naming-strategy.js';
export { AppError, defineErrors, type ErrorDefinition, type FieldProblem } from './errors/app-error.js';
export { ErrorEnvelopeFilter, type ErrorEnvelope } from './errors/error-envelope.filter.js';
export { isTransientConflict } from './errors/database-errors.js';
export { PlatformErrors } from './errors/platform-errors.js';
export { flattenValidationErrors, validationExceptionFactory } from './errors/validation.js';
export { HealthModule } from './health/health.module.js';
export { ReadinessChecks, type ReadinessCheck } from './health/readiness-checks.js';
export { configureHttpApp } from './http/configure-http.js';
export { WEB_BASE, webContentSecurityPolicy, webRootDir } from './http/web-app.js';
export { Public, PUBLIC_ROUTE } from './http/public.decorator.js';
export { uuidParam } from './http/pipes.js';
export { EARLIEST_DATE, IsPlausibleDate, MAX_AMOUNT_YUAN, MAX_INT4, OptionalNotNull } from './http/input-bounds.js';
export { REQUEST_SHAPE_LIMITS } from './http/request-shape.guard.js';
export { AUDIT_SINK, type AuditEntry, type AuditSink } from './audit/audit-sink.js';
export { loggerParams, REQUEST_ID_HEADER } from './logging/logging.js';
export { Outbox, OutboxOutsideTransaction } from './outbox/outbox.js';
export { DOMAIN_EVENT_TYPES, type DomainEventInput, type DomainEventMap, type DomainEventType, type ReferralFacts, type TypedDomainEvent } from './events/domain-events.js';
export { OutboxRelay, outboxJobId } from './outbox/outbox-relay.js';
export { PlatformModule } from './platform.module.js';
export { checkDatabaseRole, checkPostgres, checkRedis, preflightOrExit, UnreachableDependency } from './preflight.js';
export { DomainEventSubscriptions, DomainEventsProcessor, type DomainEventHandler } from './queues/domain-events.js';
export { ProcessorFor, type QueueProcessor } from './queues/processor.js';
export { defineQueue, InvalidJobPayload, type QueueDefinition } from './queues/queue-definition.js';
export { QueueRegistry, type JobToAdd } from './queues/queue-registry.js';
export { PausedQueuesReadiness, PausedQueuesWatch, pausedWarning } from './queues/paused-queues.js';
export {
  ALL_QUEUES,
  AuditCheckpointPayload,
  AuditVerificationPayload,
  DomainEventPayload,
  EscalationPayload,
  OutgoingNotificationPayload,
  QUEUES,
  queueByName,
  ReminderDuePayload,
  TracingMatchPayload,
  type QueueKey,
} from './queues/queues.js';
export { createRedis } from './queues/redis.js';
export { CHANNELS, PubSub, type ChannelMessages, type ChannelName } from './queues/pubsub.js';
export { MissingProcessorError, WorkerHost } from './queues/worker-host.js';
export { PlatformWorkerModule } from './queues/worker.module.js';
export * from './embedded/index.js';
export { refuseToMigrateAsAppRole, runMigrations } from './database/migrate.js';
export { APP_ROLE, databaseRole, provisionAppRole, urlAsRole, type DatabaseRole } from './database/app-role.js';
export { installShutdownWatchdog } from './lifecycle/shutdown-watchdog.js';
export { FieldCipher, normaliseIdentifier } from './crypto/field-cipher.js';
export { Clock, TEST_CLOCK_FILE } from './time/clock.js';
export { addDays, addMonths, ageOn, ageRange, chinaDate, daysBetween, dueAtNine, endOfChinaDay, isCalendarDate, mayBeMinor, yearsBefore } from './time/dates.js';
export { findGeneticContent, findGeneticField, type GeneticFinding } from './genetic/genetic-data.js';
export { EncodedFileFields, GeneticDataInterceptor, GeneticErrors } from './genetic/genetic-data.interceptor.js';
export { Cursor, PageOf, PageQuery, afterCursor, keysetPage, pageSize, toPage, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type SortKey } from './contract/pagination.js';
export { API_CONTRACT, ApiErrors, CONTRACT, completeContract, createApiDocument, operationIdOf, type ApiContractOptions } from './contract/openapi.js';
export { AgeRange, CodeName, IdName, UserRef } from './contract/common.view.js';
export { PgListener } from './database/pg-listener.js';
