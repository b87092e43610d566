import {ConfigError, readEnv} from './schema'

/** Validated configuration of the API process (lib/api/main.js). */
export interface ApiConfig {
    /** Public port of the gateway (GraphQL, exports, /ready, /metrics). */
    port: number
    /**
     * The database login of every connection of the API: API_DATABASE_URL (its own read-only
     * login, see src/config/api-login.ts), else DB_URL (the runners and SQD Cloud set it).
     */
    dbUrl: string
    /** Response cache in Redis instead of memory. */
    redisUrl?: string
    /**
     * On a login that may do more than read: switch to the read-only role when the login may
     * (API_READ_ONLY_ROLE=off: not). A fallback that stops mistakes, not a boundary.
     */
    readOnlyRole: boolean
    /** Requests per rate window per client IP; 0 = off. */
    rateLimit: number
    /** Serve repeated requests from the response cache (API_RESPONSE_CACHE). */
    responseCache: boolean
    /** Poll interval of the live subscriptions (ms, at least 250). */
    livePollMs: number
    /** /ready is 503 when indexing is more than this many blocks behind the chain head. */
    readyMaxLag: number
    /** Chain RPC for /ready's head check (unset: not checked). */
    rpcUrl?: string
}

export const API_VARS = ['GQL_PORT', 'DB_URL', 'API_DATABASE_URL', 'REDIS_URL', 'API_READ_ONLY_ROLE', 'API_RATE_LIMIT', 'API_RESPONSE_CACHE', 'LIVE_POLL_INTERVAL_MS', 'READY_MAX_LAG', 'RPC_URL'] as const

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
    const e = readEnv(env, API_VARS)
    const dbUrl = e.API_DATABASE_URL ?? e.DB_URL
    if (!dbUrl) {
        throw new ConfigError(['DB_URL is not set: the API needs the squid database as a postgres:// URL (npm start, npm run process and the test helpers set it; API_DATABASE_URL names the API\'s own login)'])
    }
    return {
        port: e.GQL_PORT,
        dbUrl,
        redisUrl: e.REDIS_URL,
        readOnlyRole: e.API_READ_ONLY_ROLE,
        rateLimit: e.API_RATE_LIMIT,
        responseCache: e.API_RESPONSE_CACHE,
        livePollMs: Math.max(250, e.LIVE_POLL_INTERVAL_MS),
        readyMaxLag: e.READY_MAX_LAG,
        rpcUrl: e.RPC_URL,
    }
}

/** The API's own login when API_DATABASE_URL is set (npm start then uses it as it is). */
export function apiDatabaseUrlOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
    return readEnv(env, ['API_DATABASE_URL']).API_DATABASE_URL
}

/** The variables through which Subsquid's GraphQL server (@subsquid/typeorm-config) finds its database. */
const SUBSQUID_DB_VARS = ['DB_URL', 'DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASS', 'API_DATABASE_URL'] as const

/**
 * Points Subsquid's GraphQL server at `dbUrl` only: DB_URL is set to it and the other database
 * variables are removed from `env`, so that no connection of the process uses another login
 * (DB_PASS, for one, would fill in a URL without a password).
 */
export function useOnlyDatabase(env: NodeJS.ProcessEnv, dbUrl: string): void {
    for (const name of SUBSQUID_DB_VARS) delete env[name]
    env.DB_URL = dbUrl
}
