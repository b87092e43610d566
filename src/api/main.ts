/**
 * The API process: Subsquid's GraphQL server (generated entity API + our analytics resolvers)
 * on an internal port, behind a gateway on GQL_PORT (default 4350) that also serves
 * /ready, /metrics and /export/<dataset>.<csv|parquet>.
 */
import 'reflect-metadata'
import path from 'path'
import pg from 'pg'
import {Server} from '@subsquid/graphql-server/lib/server'
import {loadApiConfig, useOnlyDatabase} from '../config/api'
import {LOGIN_RIGHTS_SQL, loginProblems, READ_ONLY_ROLE, type LoginRights} from '../config/api-login'
import {freePort} from '../util/ports'
import {createApiMetrics, createGateway, Route, sendJson} from './gateway'
import {API_LIMITS} from './limits'
import {readinessProbe} from './readiness'
import {installStableOrder} from './stable-order'
import {installPagedJoins} from './paged-joins'
import {installAsOf} from './as-of'
import {RateLimiter} from './graphql-guard'
import {installWebSocketGuard} from './ws-guard'

async function main() {
    installPagedJoins() // before installStableOrder, which wraps it
    installStableOrder()
    enableIntrospection()
    const cfg = loadApiConfig(process.env)
    installAsOf({rpcUrl: cfg.rpcUrl, dbUrl: cfg.dbUrl, statementTimeoutMs: API_LIMITS.sqlStatementTimeoutMs})
    const rateLimit = cfg.rateLimit
    const limiter = new RateLimiter(rateLimit === 0 ? Number.MAX_SAFE_INTEGER : rateLimit, API_LIMITS.rateLimitWindowMs)
    installWebSocketGuard(limiter)
    const publicPort = cfg.port
    const dbUrl = cfg.dbUrl
    useOnlyDatabase(process.env, dbUrl) // the GraphQL server reads DB_URL
    await checkLogin(dbUrl, cfg.readOnlyRole)
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
        // OpenReader's live queries (`subscription { payments(...) }`) re-run every second; the
        // newPayments / newVotes / indexedHead subscriptions poll on their own (LIVE_POLL_INTERVAL_MS)
        subscriptionPollInterval: 1_000,
        // API_RESPONSE_CACHE=off: no cache plugin at all (uncached load benchmarks)
        dumbCache: !cfg.responseCache
            ? undefined
            : redis
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

export {READ_ONLY_ROLE}

/**
 * Says, once at start, whether the API's login is a read-only boundary (src/config/api-login.ts:
 * no write, no temporary table, no role to switch to that may write). When it is not, it warns
 * how to fix it and, unless API_READ_ONLY_ROLE=off, makes every connection of this process (the
 * GraphQL server's included: node-pg reads PGOPTIONS) switch to the read-only role where the
 * login may: that stops a resolver's mistaken write, not a query that switches back.
 */
async function checkLogin(dbUrl: string, readOnlyRole: boolean): Promise<void> {
    const c = new pg.Client({connectionString: dbUrl})
    await c.connect()
    let r: LoginRights
    try {
        r = (await c.query(LOGIN_RIGHTS_SQL, [null])).rows[0]
    } finally {
        await c.end()
    }
    const problems = loginProblems(r)
    if (problems.length === 0 && r.reads) {
        console.log(`API reads as ${r.login}: its own login, which can neither write nor switch to a role that can`)
        return
    }
    const fix = `give the API its own login (npm start makes one where it may create roles; else README, "API database login") and set API_DATABASE_URL to it`
    const switched = readOnlyRole && r.readerMember === true
    if (switched) process.env.PGOPTIONS = `${process.env.PGOPTIONS ?? ''} -c role=${READ_ONLY_ROLE}`.trim()
    if (problems.length === 0) {
        // a login without the rights of its membership (NOINHERIT): reading needs the switch
        if (switched) console.log(`API reads as ${r.login} through the role ${READ_ONLY_ROLE}`)
        else console.warn(`WARNING: the API login ${r.login} cannot read every served table and may not switch to ${READ_ONLY_ROLE}: ${fix}`)
        return
    }
    const meanwhile = switched
        ? `; meanwhile it switches to the role ${READ_ONLY_ROLE}, which stops a mistaken write but not a query that switches back`
        : ''
    console.warn(`WARNING: the API reads as ${r.login}, which ${problems.join(', ')}: this is no read-only boundary${meanwhile}. To fix it, ${fix}.`)
}

/**
 * Introspection on in every mode: the schema is public (docs/api-schema.graphql), and the
 * playground, its docs and client code generators need it. Apollo Server turns it off when
 * NODE_ENV=production unless its config says `introspection: true`, and graphql-server builds
 * that config itself (openreader's runApollo), so the ApolloServer class it constructs is
 * replaced by one that sets it; NODE_ENV=production keeps its other effects (no stack traces in
 * errors, express and graphql in production mode). The gateway bounds introspection queries
 * (src/api/query-cost.ts); test/api/schema-introspection.test.ts checks it end to end.
 */
function enableIntrospection(): void {
    const from = {paths: [path.dirname(require.resolve('@subsquid/openreader/lib/server'))]}
    const mod = require(require.resolve('@subsquid/apollo-server-express/dist/ApolloServer', from))
    const Base = mod.ApolloServer
    if (typeof Base !== 'function') throw new Error('@subsquid/apollo-server-express changed: dist/ApolloServer has no ApolloServer class; update enableIntrospection in src/api/main.ts')
    if (Base.introspectionForced) return
    mod.ApolloServer = class extends Base {
        static introspectionForced = true
        constructor(config: object) {
            super({...config, introspection: true})
        }
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
