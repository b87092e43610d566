/**
 * The API process: Subsquid's GraphQL server (generated entity API + our analytics resolvers)
 * on an internal port, behind a gateway on GQL_PORT (default 4350) that also serves
 * /ready, /metrics and /export/<dataset>.<csv|parquet>.
 */
import 'reflect-metadata'
import path from 'path'
import pg from 'pg'
import {Server} from '@subsquid/graphql-server/lib/server'
import {loadApiConfig} from '../config/api'
import {freePort} from '../util/ports'
import {createApiMetrics, createGateway, Route, sendJson} from './gateway'
import {API_LIMITS} from './limits'
import {readinessProbe} from './readiness'
import {installStableOrder} from './stable-order'
import {RateLimiter} from './graphql-guard'
import {installWebSocketGuard} from './ws-guard'

async function main() {
    installStableOrder()
    const cfg = loadApiConfig(process.env)
    const rateLimit = cfg.rateLimit
    const limiter = new RateLimiter(rateLimit === 0 ? Number.MAX_SAFE_INTEGER : rateLimit, API_LIMITS.rateLimitWindowMs)
    installWebSocketGuard(limiter)
    const publicPort = cfg.port
    const dbUrl = cfg.dbUrl
    await useReadOnlyRole(dbUrl, cfg.readOnlyRole)
    const internalPort = await freePort()
    process.env.GQL_PORT = String(internalPort)
    const redis = cfg.redisUrl
    const gql = new Server({
        dir: path.resolve(__dirname, '../..'),
        maxRequestSizeBytes: API_LIMITS.maxRequestSizeKb * 1024,
        maxRootFields: API_LIMITS.maxRootFields,
        maxResponseNodes: API_LIMITS.maxResponseNodes,
        sqlStatementTimeout: API_LIMITS.sqlStatementTimeoutMs,
        subscriptions: true,
        dumbCache: redis
            ? {kind: 'redis', url: redis, maxAgeMs: API_LIMITS.cacheTtlMs}
            : {kind: 'in-memory', maxSizeMb: 50, ttlMs: API_LIMITS.cacheTtlMs, maxAgeMs: API_LIMITS.cacheTtlMs},
    })
    const listening = await gql.start()
    const pool = new pg.Pool({connectionString: dbUrl, max: 4, statement_timeout: API_LIMITS.sqlStatementTimeoutMs})
    pool.on('error', () => {})
    const metrics = createApiMetrics()
    const ready = readinessProbe({pool, rpcUrl: cfg.rpcUrl, maxLag: cfg.readyMaxLag})
    const routes: Route[] = [
        async (req, res) => {
            if (req.url !== '/metrics') return false
            res.writeHead(200, {'content-type': metrics.registry.contentType})
            res.end(await metrics.registry.metrics())
            return true
        },
        async (req, res) => {
            const path = (req.url ?? '').split('?')[0]
            if (path !== '/ready' && path !== '/health') return false
            const r = await ready()
            sendJson(res, r.ready ? 200 : 503, r)
            return true
        },
        ...exportRoutes(pool),
    ]
    const gateway = createGateway({upstreamPort: internalPort, routes, metrics, limiter})
    await new Promise<void>((resolve, reject) => {
        gateway.once('error', reject)
        gateway.listen(publicPort, resolve)
    })
    console.log(`API listening on port ${publicPort} (GraphQL on /graphql, /ready, /metrics)`)
    const stop = async () => {
        gateway.close()
        await listening.close()
        await pool.end()
        process.exit(0)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
}

export const READ_ONLY_ROLE = 'sahara_api_readonly'

/**
 * Makes every connection of this process (the GraphQL server's included: node-pg reads
 * PGOPTIONS) switch to the read-only role created by the migrations, when the login may.
 */
async function useReadOnlyRole(dbUrl: string, enabled: boolean): Promise<void> {
    if (!enabled) return
    const c = new pg.Client({connectionString: dbUrl})
    await c.connect()
    try {
        const r = await c.query(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AND pg_has_role(current_user, $1, 'MEMBER') AS ok",
            [READ_ONLY_ROLE],
        )
        if (r.rows[0]?.ok) {
            process.env.PGOPTIONS = `${process.env.PGOPTIONS ?? ''} -c role=${READ_ONLY_ROLE}`.trim()
            console.log(`API reads through the read-only role ${READ_ONLY_ROLE}`)
        } else {
            console.warn(`role ${READ_ONLY_ROLE} is not available to ${r.rows.length ? 'this login' : 'the API'}: reading with the login's own rights`)
        }
    } finally {
        await c.end()
    }
}

/** Research exports over HTTP, when the export module is built. */
function exportRoutes(pool: pg.Pool): Route[] {
    let mod: {handleExport(req: any, res: any, pool: pg.Pool): Promise<boolean>} | undefined
    try {
        mod = require('./export-http')
    } catch {
        return []
    }
    return [(req, res) => mod!.handleExport(req, res, pool)]
}

// A failure before the API listens (configuration, database login) is one a restart cannot help: exit 2.
main().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(2)
})
