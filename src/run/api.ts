import {ChildProcess} from 'child_process'
import {runNode} from './child'

/** Limits the API enforces (README "API protection"); each rejects with a clear GraphQL error. */
export const API_LIMITS = {
    maxRequestSizeKb: 256,
    maxRootFields: 20,
    maxResponseNodes: 50_000,
    sqlStatementTimeoutMs: 10_000,
    cacheTtlMs: 1_000,
}

/**
 * Starts Subsquid's GraphQL server (OpenReader over schema.graphql plus our type-graphql
 * resolvers in lib/server-extension) on `port`, with limits and a response cache (Redis when
 * REDIS_URL is set, else in memory).
 */
export function startApi(opts: {dbUrl: string; port: number; verbose?: boolean; env?: NodeJS.ProcessEnv}): ChildProcess {
    const bin = require.resolve('@subsquid/graphql-server/bin/run.js')
    const args = [
        '--max-request-size', String(API_LIMITS.maxRequestSizeKb),
        '--max-root-fields', String(API_LIMITS.maxRootFields),
        '--max-response-size', String(API_LIMITS.maxResponseNodes),
        '--sql-statement-timeout', String(API_LIMITS.sqlStatementTimeoutMs),
        '--dumb-cache', process.env.REDIS_URL ? 'redis' : 'in-memory',
        '--dumb-cache-ttl', String(API_LIMITS.cacheTtlMs),
        '--dumb-cache-max-age', String(API_LIMITS.cacheTtlMs),
        '--subscriptions',
    ]
    return runNode(bin, args, {NODE_ENV: 'production', DB_URL: opts.dbUrl, GQL_PORT: String(opts.port), ...opts.env}, {prefix: '[api] ', quiet: !opts.verbose})
}
