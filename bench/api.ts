/**
 * npm run bench:api -- [--scale small|medium] [--seconds 10] [--connections 50] [--only name,name]
 *
 * Uncached API latency under load (issue 13). Set-up (bench/indexed-api.ts): the saved simulated
 * chain of the scale indexed to its head into a fresh database, VACUUM ANALYZE, then the real API
 * process with its own read-only login and API_RATE_LIMIT=0 (the limit counts per client IP, and
 * every connection here is 127.0.0.1). Then, per query, autocannon keeps --connections requests in
 * flight for --seconds (after 2 s of unmeasured warm-up), each request with the next set of
 * variables from a pool of real ids read from Postgres (assets with history, contributors with
 * receipts, payments with distributions, pages, day windows), so that requests in a row ask
 * different things wherever the chain has them (a chain of one day has one day window). The API
 * inherits this environment: GQL_DB_CONNECTION_POOL_SIZE, graphql-server's database connections
 * (default 5), can be varied that way.
 *
 * Uncached: the API keeps a response cache (src/api/main.ts: graphql-server's `dumbCache`,
 * keyed by query text and variables, 1 s) that no setting turns off. Every request carries a
 * variable `benchNonce` of its own, which the operation does not declare (GraphQL ignores it) but
 * the cache key includes: so no request can be answered from the cache. A hit would carry an
 * `age` header; the table counts them (must be 0). API_RESPONSE_CACHE=off is also passed, for
 * the day the API reads such a switch.
 *
 * Printed: per query req/s, latency p50 / p90 / p99 / max (ms), failed requests (connection
 * errors and timeouts / non-2xx / 200 with GraphQL errors), cache hits, CPU use of the API
 * process, of PostgreSQL and of this bench (share of one core, and CPU ms per request: what a
 * request costs, however busy other work keeps the machine), and the target: p99 <= 50 ms and
 * >= 1 000 req/s for the asset-history page and the entity lists, p99 <= 100 ms for the
 * analytics. Exit 0 when every request was answered without error (targets met or not: the table
 * says), 1 when some failed, 2 for a bad option. Progress goes to stderr, the table to stdout.
 */
import fs from 'fs'
import os from 'os'
import pg from 'pg'
import {parseArgs} from 'util'
import {table} from './abuse-report'
import {gql, indexedDatabase, log, requireBuilt, startBenchApi, step, withCleanup} from './indexed-api'
import {ASSET_HISTORY_QUERY, CONTRIBUTOR_RECEIPTS_QUERY} from './cookbook-queries'
import {seededRandom} from '../src/util/random'

const SCALES = ['small', 'medium'] as const
const USAGE = `usage: npm run bench:api -- [--scale small|medium] [--seconds N] [--connections N] [--only name,name]
  --scale        simulated chain to index (default medium; it takes about a minute to simulate the first time)
  --seconds      measured seconds per query, after 2 s of warm-up (default 10)
  --connections  requests kept in flight (default 50)
  --only         queries to run, comma-separated (default all): QUERY_NAMES
Database: an embedded PostgreSQL, or a fresh database on BENCH_DATABASE_URL's server.`

export interface Options {
    scale: (typeof SCALES)[number]
    seconds: number
    connections: number
    /** Query names, in QUERIES order; all when --only is not given. */
    only: string[]
}

export class UsageError extends Error {}

/** The options, or 'help'; a UsageError names the bad option and what it accepts. */
export function parseOptions(args: string[]): Options | 'help' {
    const spec = {scale: {type: 'string'}, seconds: {type: 'string'}, connections: {type: 'string'}, only: {type: 'string'}, help: {type: 'boolean', short: 'h'}} as const
    let values: Record<string, string | boolean | undefined>
    try {
        values = parseArgs({args, options: spec, strict: true, allowPositionals: false}).values
    } catch (e: any) {
        const message = String(e?.message ?? e)
        const what = /'([^' ]*)[^']*'/.exec(message)?.[1] ?? message
        const problem = /argument missing/.test(message) ? `${what} needs a value` : what.startsWith('-') ? `unknown option ${what}` : `unexpected argument "${what}"`
        throw new UsageError(`${problem}: the options are --scale small|medium, --seconds N, --connections N, --only name,name, --help`)
    }
    if (values.help) return 'help'
    const scale = (values.scale ?? 'medium') as Options['scale']
    if (!SCALES.includes(scale)) throw new UsageError(`--scale must be small or medium, got "${values.scale}"`)
    const int = (name: string, fallback: number, max: number) => {
        const v = values[name] as string | undefined
        if (v == null) return fallback
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, got "${v}"`)
        return Number(v)
    }
    const names = QUERIES.map((q) => q.name)
    let only = names
    if (values.only != null) {
        const asked = String(values.only).split(',').map((s) => s.trim()).filter(Boolean)
        const unknown = asked.filter((n) => !names.includes(n))
        if (!asked.length || unknown.length) throw new UsageError(`--only takes query names separated by commas, from ${names.join(', ')}; got "${values.only}"`)
        only = names.filter((n) => asked.includes(n))
    }
    return {scale, seconds: int('seconds', 10, 3600), connections: int('connections', 50, 1000), only}
}

// ---- queries and their variables ---------------------------------------------------------------

/** Real ids and ranges read from the indexed database, from which the queries' variables are drawn. */
export interface Pools {
    /** Assets with revenue distributions (the history page has something to show). */
    historyAssets: string[]
    /** Accounts holding receipts. */
    contributors: string[]
    /** Assets with receipts. */
    receiptAssets: string[]
    /** Payments with distributions. */
    payments: string[]
    distributions: number
    /** First and last UTC day (unix ms of its start) with treasury activity, and with proposals. */
    treasuryDays: [number, number]
    proposalDays: [number, number]
}

export type Kind = 'entity' | 'analytics'

/** The issue's targets: entity pages p99 <= 50 ms and >= 1 000 req/s; analytics p99 <= 100 ms. */
export const TARGETS: Record<Kind, {p99Ms: number; minRps?: number}> = {entity: {p99Ms: 50, minRps: 1000}, analytics: {p99Ms: 100}}

export interface BenchQuery {
    name: string
    kind: Kind
    query: string
    /** The variable sets requests rotate through (never empty). */
    variables(p: Pools): Record<string, unknown>[]
}

const DAY_MS = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

/** The bench's deterministic generator (src/util/random.ts), so that every run asks the same things. */
export const rng = seededRandom

/**
 * Up to `n` different windows of whole UTC days inside [first, last] (day starts in ms), as ISO
 * from/to (`to`: any time in the last day, included): the whole span first, then random sub-spans.
 */
export function dayWindows([first, last]: [number, number], n: number, seed = 1): {from: string; to: string}[] {
    const days = Math.max(0, Math.round((last - first) / DAY_MS))
    const r = rng(seed)
    const out = new Map([[`0-${days}`, {from: iso(first), to: iso(last)}]])
    // a chain of few days has few windows: stop when no new one turns up
    for (let tries = 0; out.size < n && tries < 20 * n; tries++) {
        const a = Math.floor(r() * (days + 1))
        const b = a + Math.floor(r() * (days - a + 1))
        out.set(`${a}-${b}`, {from: iso(first + a * DAY_MS), to: iso(first + b * DAY_MS)})
    }
    return [...out.values()]
}

/** `limit`-row page offsets from the first page, at most `pages` of them, none past `rows`. */
export function pageOffsets(rows: number, limit: number, pages: number): number[] {
    const n = Math.max(1, Math.min(pages, Math.ceil(rows / limit)))
    return Array.from({length: n}, (_, i) => i * limit)
}

const each = <T>(ids: T[], f: (id: T) => Record<string, unknown>) => (ids.length ? ids.map(f) : [])

export const QUERIES: BenchQuery[] = [
    {
        // README "Asset history for a frontend, paged"
        name: 'assetHistory',
        kind: 'entity',
        query: ASSET_HISTORY_QUERY,
        variables: (p) => each(p.historyAssets, (asset) => ({asset})),
    },
    {
        // README "A contributor's receipts and claims"
        name: 'contributorReceipts',
        kind: 'entity',
        query: CONTRIBUTOR_RECEIPTS_QUERY,
        variables: (p) => each(p.contributors, (account) => ({account})),
    },
    {
        // the issue's revenueDistributions(limit: 50, orderBy: block_DESC), paged by offset through the first 200 pages
        name: 'revenueDistributions',
        kind: 'entity',
        query: `query DistributionsPage($offset: Int!) {
  revenueDistributions(orderBy: block_DESC, limit: 50, offset: $offset) {
    id block timestamp depth amount toOwner toContributors toUpstream asset { id } payment { id }
  }
}`,
        variables: (p) => pageOffsets(p.distributions, 50, 200).map((offset) => ({offset})),
    },
    {
        // README "Attribution": the global ranking, page by page (offset 0..)
        name: 'topContributors',
        kind: 'analytics',
        query: `query Top($offset: Int!) { topContributors(limit: 10, offset: $offset) { page { totalCount } entries { rank account earned receiptCount } } }`,
        variables: (p) => pageOffsets(p.contributors.length, 10, 20).map((offset) => ({offset})),
    },
    {
        name: 'topContributorsAsset',
        kind: 'analytics',
        query: `query TopOfAsset($asset: String!) { topContributors(assetId: $asset, limit: 10) { page { totalCount } entries { rank account earned receiptCount } } }`,
        variables: (p) => each(p.receiptAssets, (asset) => ({asset})),
    },
    {
        // README "Attribution"
        name: 'paymentAttribution',
        kind: 'analytics',
        query: `query Attribution($payment: String!) {
  paymentAttribution(paymentId: $payment, receiptsLimit: 20) {
    amount protocolFee net toOwners toContributors maxDepth
    nodes { seq assetId depth amount toOwner toContributors toUpstream receiptShares { receiptId contributor weight amount } }
  }
}`,
        variables: (p) => each(p.payments, (payment) => ({payment})),
    },
    {
        // README "Treasury and governance statistics", over windows of the chain's days
        name: 'treasurySummary',
        kind: 'analytics',
        query: `query Treasury($from: DateTime!, $to: DateTime!) { treasurySummary(from: $from, to: $to, top: 5) {
  openingBalance closingBalance netFlow inflows { fees deposits transfersIn } outflows { disbursements transfersOut } } }`,
        variables: (p) => dayWindows(p.treasuryDays, 50),
    },
    {
        name: 'governanceStats',
        kind: 'analytics',
        query: `query Governance($track: Track, $from: DateTime, $to: DateTime) { governanceStats(track: $track, from: $from, to: $to) {
  proposals passRate { bps decimal } vetoRate { bps } averageTurnout { decimal } } }`,
        variables: (p) => {
            const windows: {from?: string; to?: string}[] = [{}, ...dayWindows(p.proposalDays, 20, 2)]
            return windows.flatMap((w) => ['DAO', 'COUNCIL', null].map((track) => ({track, ...w})))
        },
    },
]

/** Reads the pools from the indexed database (as its owner): up to 500 of each, in a fixed pseudo-random order. */
export async function readPools(dbUrl: string): Promise<Pools> {
    const c = new pg.Client(dbUrl)
    await c.connect()
    try {
        const ids = async (sql: string) => (await c.query(sql)).rows.map((r) => String(r.id))
        const span = async (sql: string): Promise<[number, number]> => {
            const r = (await c.query(sql)).rows[0]
            const first = r?.first ? Math.floor(new Date(r.first).getTime() / DAY_MS) * DAY_MS : Math.floor(Date.now() / DAY_MS) * DAY_MS
            const last = r?.last ? Math.floor(new Date(r.last).getTime() / DAY_MS) * DAY_MS : first
            return [first, last]
        }
        return {
            historyAssets: await ids(`SELECT asset_id AS id FROM revenue_distribution GROUP BY asset_id ORDER BY md5(asset_id) LIMIT 500`),
            contributors: await ids(`SELECT contributor_id AS id FROM receipt GROUP BY contributor_id ORDER BY md5(contributor_id) LIMIT 500`),
            receiptAssets: await ids(`SELECT asset_id AS id FROM receipt GROUP BY asset_id ORDER BY md5(asset_id) LIMIT 500`),
            payments: await ids(`SELECT id FROM payment WHERE distribution_count > 0 ORDER BY md5(id) LIMIT 500`),
            distributions: Number((await c.query(`SELECT count(*)::int AS n FROM revenue_distribution`)).rows[0].n),
            treasuryDays: await span(`SELECT min(date) AS first, max(date) AS last FROM treasury_day_data`),
            proposalDays: await span(`SELECT min(created_at) AS first, max(created_at) AS last FROM proposal`),
        }
    } finally {
        await c.end()
    }
}

/** The JSON body of request `n` of a query: its variable set n (round robin) and a nonce no other request has. */
export function requestBody(query: string, sets: Record<string, unknown>[], n: number): string {
    return JSON.stringify({query, variables: {...sets[n % sets.length], benchNonce: n}})
}

// ---- measuring -----------------------------------------------------------------------------------

/** What autocannon's result holds that the table uses (its histograms are in ms and req/s). */
export interface LoadResult {
    requests: {average: number}
    latency: {p50: number; p90: number; p99: number; max: number}
    errors: number
    timeouts: number
    non2xx: number
    duration: number
}

type Autocannon = (opts: Record<string, unknown>) => Promise<LoadResult> & {on(event: string, f: (...a: any[]) => void): void}
// autocannon ships no types
const autocannon: Autocannon = require('autocannon')

export interface Counts {
    /** 200 answers with a GraphQL `errors` member (first message kept). */
    graphqlErrors: number
    firstError?: string
    /** Answers with an `age` header: served from the response cache. */
    cacheHits: number
}

/** CPU seconds used so far by the API process, by the PostgreSQL server (postmaster and its children), and by this process. */
interface CpuSample {
    api: number
    pg: number
    bench: number
}

const TICK = 100 // USER_HZ on Linux
function cpuOfPid(pid: number): number {
    try {
        const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
        const rest = f.slice(f.lastIndexOf(')') + 2).split(' ')
        return (Number(rest[11]) + Number(rest[12])) / TICK // utime, stime
    } catch {
        return 0
    }
}

/** The pids of `root` and its children (PostgreSQL backends are children of the postmaster). */
function withChildren(root: number): number[] {
    const out = [root]
    for (const d of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(d)) continue
        try {
            const f = fs.readFileSync(`/proc/${d}/stat`, 'utf8')
            if (Number(f.slice(f.lastIndexOf(')') + 2).split(' ')[1]) === root) out.push(Number(d))
        } catch {
            // exited
        }
    }
    return out
}

/** Reads CPU time of the processes involved; the PostgreSQL part only when its postmaster.pid is readable (a server on this machine). */
function cpuMeter(apiPid: number, postmaster: number | undefined): () => CpuSample {
    return () => ({
        api: cpuOfPid(apiPid),
        pg: postmaster ? withChildren(postmaster).reduce((s, p) => s + cpuOfPid(p), 0) : NaN,
        bench: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    })
}

async function postmasterPid(dbUrl: string): Promise<number | undefined> {
    const c = new pg.Client(dbUrl)
    await c.connect()
    try {
        const dir = (await c.query(`SELECT current_setting('data_directory') AS d`)).rows[0].d
        return Number(fs.readFileSync(`${dir}/postmaster.pid`, 'utf8').split('\n')[0]) || undefined
    } catch {
        return undefined
    } finally {
        await c.end()
    }
}

/** `connections` requests in flight for `seconds`, request n with requestBody(n); counts GraphQL errors and cache hits. */
async function load(url: string, q: BenchQuery, sets: Record<string, unknown>[], connections: number, seconds: number, start: number): Promise<{result: LoadResult; counts: Counts; sent: number}> {
    const counts: Counts = {graphqlErrors: 0, cacheHits: 0}
    let n = start
    const result = await autocannon({
        url: `${url}/graphql`,
        connections,
        duration: seconds,
        timeout: 30,
        method: 'POST',
        headers: {'content-type': 'application/json'},
        requests: [
            {
                setupRequest: (req: any) => ({...req, body: requestBody(q.query, sets, n++)}),
                onResponse: (status: number, body: string, _ctx: unknown, headers: Record<string, unknown>) => {
                    if (headers.age != null || headers.Age != null) counts.cacheHits++
                    if (status === 200 && body.includes('"errors"')) {
                        counts.graphqlErrors++
                        counts.firstError ??= body.slice(0, 300)
                    }
                },
            },
        ],
    })
    return {result, counts, sent: n - start}
}

export interface Row {
    query: string
    kind: Kind
    rps: number
    p50: number
    p90: number
    p99: number
    max: number
    /** Connection errors and timeouts / non-2xx / 200 with GraphQL errors. */
    failed: [number, number, number]
    cacheHits: number
    /** Share of one core over the run (NaN: not measured). */
    cpu: {api: number; pg: number; bench: number}
    /** The variable sets the requests rotated through. */
    variety: number
}

/** Whether a row meets its target, and the target as text. */
export function verdict(r: Pick<Row, 'kind' | 'p99' | 'rps'>): {target: string; met: boolean} {
    const t = TARGETS[r.kind]
    const target = `p99 <= ${t.p99Ms} ms${t.minRps ? `, >= ${t.minRps} req/s` : ''}`
    return {target, met: r.p99 <= t.p99Ms && (t.minRps == null || r.rps >= t.minRps)}
}

export function rowOf(query: string, kind: Kind, r: LoadResult, c: Counts, cpu: Row['cpu'], variety: number): Row {
    return {
        query,
        kind,
        rps: r.requests.average,
        p50: r.latency.p50,
        p90: r.latency.p90,
        p99: r.latency.p99,
        max: r.latency.max,
        failed: [r.errors + r.timeouts, r.non2xx, c.graphqlErrors],
        cacheHits: c.cacheHits,
        cpu,
        variety,
    }
}

export const HEADER = ['query', 'ids', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'err/non2xx/gqlerr', 'cache hits', 'cpu % api/pg/bench', 'cpu ms/req api/pg', 'target', 'met']

const pct = (v: number) => (Number.isNaN(v) ? '-' : String(Math.round(v * 100)))
/** CPU milliseconds per request from a share of one core and a rate: what a request costs, however busy the machine. */
const perRequest = (share: number, rps: number) => (Number.isNaN(share) || rps <= 0 ? '-' : ((share * 1000) / rps).toFixed(1))

export function tableRows(rows: Row[]): string[][] {
    return rows.map((r) => {
        const v = verdict(r)
        return [
            r.query,
            String(r.variety),
            r.rps.toFixed(0),
            r.p50.toFixed(0),
            r.p90.toFixed(0),
            r.p99.toFixed(0),
            r.max.toFixed(0),
            r.failed.join('/'),
            String(r.cacheHits),
            `${pct(r.cpu.api)}/${pct(r.cpu.pg)}/${pct(r.cpu.bench)}`,
            `${perRequest(r.cpu.api, r.rps)}/${perRequest(r.cpu.pg, r.rps)}`,
            v.target,
            v.met ? 'yes' : 'NO',
        ]
    })
}

// ---- the run -------------------------------------------------------------------------------------

async function bench(o: Options): Promise<number> {
    return withCleanup(async (cleanup) => {
        const db = await indexedDatabase(o.scale, 'bench_api', cleanup, {analyze: true})
        const pools = await readPools(db.url)
        log(`pools: ${pools.historyAssets.length} assets with history, ${pools.contributors.length} contributors, ${pools.receiptAssets.length} assets with receipts, ${pools.payments.length} payments with distributions, ${pools.distributions} distributions`)
        const api = await step('API with API_RATE_LIMIT=0', () => startBenchApi(db.url, `sahara_api_bench_${process.pid}`, {RPC_URL: db.rpcUrl, API_RATE_LIMIT: '0', API_RESPONSE_CACHE: 'off'}, cleanup))
        const meter = cpuMeter(api.child.pid!, await postmasterPid(db.url))
        const rows: Row[] = []
        const loadBefore = os.loadavg()
        let n = 0
        for (const q of QUERIES.filter((q) => o.only.includes(q.name))) {
            const sets = q.variables(pools)
            if (!sets.length) {
                log(`${q.name}: skipped, the chain has nothing for it to ask about`)
                continue
            }
            const probe = await gql(api.url, q.query, sets[0])
            if (probe.status !== 200 || probe.body?.errors || probe.body?.data == null) throw new Error(`${q.name} fails before any load: ${probe.status} ${JSON.stringify(probe.body).slice(0, 500)}`)
            log(`${q.name}: ${sets.length} variable sets, a ${JSON.stringify(probe.body).length}-byte answer; 2 s warm-up, then ${o.seconds} s with ${o.connections} connections`)
            n += (await load(api.url, q, sets, o.connections, 2, n)).sent
            const before = meter()
            const run = await load(api.url, q, sets, o.connections, o.seconds, n)
            const after = meter()
            n += run.sent
            const secs = run.result.duration || o.seconds
            const cpu = {api: (after.api - before.api) / secs, pg: (after.pg - before.pg) / secs, bench: (after.bench - before.bench) / secs}
            const row = rowOf(q.name, q.kind, run.result, run.counts, cpu, sets.length)
            rows.push(row)
            log(`${q.name}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms${run.counts.firstError ? `; first GraphQL error: ${run.counts.firstError}` : ''}`)
        }
        console.log(`\nbench:api, ${o.scale} chain, ${o.connections} connections, ${o.seconds} s a query, uncached (a nonce per request), API_RATE_LIMIT=0, ${process.env.GQL_DB_CONNECTION_POOL_SIZE || 5} database connections in the API, ${os.cpus().length} CPUs shared by the API, PostgreSQL and this bench`)
        // other work on the machine competes for the same cores: say how busy it was
        console.log(`load average (1 min) ${loadBefore[0].toFixed(1)} before the queries, ${os.loadavg()[0].toFixed(1)} after`)
        console.log(`ids: variable sets rotated through; err/non2xx/gqlerr: connection errors and timeouts / non-2xx answers / 200 with GraphQL errors;`)
        console.log(`cpu %: share of one core used by the API process, PostgreSQL and this bench; cpu ms/req: CPU time per answered request\n`)
        console.log(table(HEADER, tableRows(rows)))
        const failed = rows.filter((r) => r.failed.some((f) => f > 0) || r.cacheHits > 0)
        if (failed.length) console.log(`\nfailed or cached requests in: ${failed.map((r) => r.query).join(', ')}`)
        return failed.length ? 1 : 0
    })
}

async function main() {
    let o: Options | 'help'
    try {
        o = parseOptions(process.argv.slice(2))
    } catch (e) {
        if (!(e instanceof UsageError)) throw e
        console.error(`bench:api: ${e.message}`)
        process.exit(2)
    }
    if (o === 'help') return void console.log(USAGE.replace('QUERY_NAMES', QUERIES.map((q) => q.name).join(', ')))
    requireBuilt()
    process.exitCode = await bench(o)
}

if (require.main === module) {
    main().then(
        () => process.exit(process.exitCode ?? 0),
        (e) => {
            console.error(process.env.DEBUG ? e : e instanceof Error ? e.message : e)
            process.exit(1)
        },
    )
}
