export { freePort } from './free-port.js';
export { EmbeddedPostgres, localAppRoleUrl, runningLocalPostgres, type EmbeddedPostgresOptions } from './postgres-server.js';
export { isAlive, stopChild } from './process-tools.js';
export { findOnPath, RedisServer, RedisServerMissing, type RedisServerOptions } from './redis-server.js';
