import {ConfigError, readEnv} from './schema'

/** Validated configuration of the API process (lib/api/main.js). */
export interface ApiConfig {
    /** Public port of the gateway (GraphQL, exports, /ready, /metrics). */
    port: number
    /** The squid database; the runners (npm start, test helpers) and SQD Cloud set DB_URL. */
    dbUrl: string
    /** Response cache in Redis instead of memory. */
    redisUrl?: string
    /** Read through the read-only role when the login may (API_READ_ONLY_ROLE=off: the login's own rights). */
    readOnlyRole: boolean
    /** Requests per rate window per client IP; 0 = off. */
    rateLimit: number
    /** /ready is 503 when indexing is more than this many blocks behind the chain head. */
    readyMaxLag: number
    /** Chain RPC for /ready's head check (unset: not checked). */
    rpcUrl?: string
}

export const API_VARS = ['GQL_PORT', 'DB_URL', 'REDIS_URL', 'API_READ_ONLY_ROLE', 'API_RATE_LIMIT', 'READY_MAX_LAG', 'RPC_URL'] as const

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
    const e = readEnv(env, API_VARS)
    if (!e.DB_URL) throw new ConfigError(['DB_URL is not set: the API needs the squid database as a postgres:// URL (npm start, npm run process and the test helpers set it)'])
    return {
        port: e.GQL_PORT,
        dbUrl: e.DB_URL,
        redisUrl: e.REDIS_URL,
        readOnlyRole: e.API_READ_ONLY_ROLE,
        rateLimit: e.API_RATE_LIMIT,
        readyMaxLag: e.READY_MAX_LAG,
        rpcUrl: e.RPC_URL,
    }
}
