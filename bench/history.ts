/**
 * `npm run bench:history -- [--scale small|medium|large] [--requests N]`: what the history of the
 * state rows (asOfBlock) costs on a saved simulated chain indexed to its head:
 * - storage: the history tables (rows, bytes with their indexes) against the rest of the database
 *   (target: history adds <= 50 % on medium);
 * - latency: the same queries (varied ids) at the head and as of an old and a middle block,
 *   through the real API with the response cache off, one request at a time: p50 / p99 and the
 *   as-of / head ratio (target: as-of within 2x of head).
 */
import pg from 'pg'
import {performance} from 'perf_hooks'
import {seededRandom} from '../src/util/random'
import {gql, indexedDatabase, log, requireBuilt, scaleAndCount, startBenchApi, withCleanup} from './indexed-api'

const USAGE = 'usage: npm run bench:history -- [--scale small|medium|large] [--requests N]'

interface Ids {
    assets: string[]
    accounts: string[]
    receipts: string[]
}

/** The measured queries: each gets the ids of its request and the as-of argument (`, asOfBlock: B` or ''). */
const QUERIES: {name: string; query: (ids: Ids, i: number, asOf: string) => string}[] = [
    {
        name: 'asset page (asset, owner, receipts with accrual)',
        query: (ids, i, asOf) =>
            `{ assetById(id: "${ids.assets[i % ids.assets.length]}"${asOf}) { id status owner { id votes ownerClaimable } totalWeight grossRevenue receipts(orderBy: id_ASC, limit: 10) { id weight accrual { accrued claimable } } } }`,
    },
    {name: 'account by id', query: (ids, i, asOf) => `{ accountById(id: "${ids.accounts[i % ids.accounts.length]}"${asOf}) { id balance votes ownerEarned ownerClaimable receiptCount } }`},
    {name: 'receipt by id (accrual)', query: (ids, i, asOf) => `{ receiptById(id: "${ids.receipts[i % ids.receipts.length]}"${asOf}) { id weight claimed accrual { accrued claimable } } }`},
    {name: 'accounts by votes (list)', query: (_ids, _i, asOf) => `{ accounts(orderBy: votes_DESC, limit: 20${asOf}) { id votes balance } }`},
    {name: 'assets page at offset (list)', query: (_ids, i, asOf) => `{ assets(orderBy: id_ASC, limit: 20, offset: ${(i * 20) % 200}${asOf}) { id ownerRevenue totalWeight } }`},
    {name: 'protocol (treasury)', query: (_ids, _i, asOf) => `{ protocolById(id: "sahara"${asOf}) { treasuryBalance totalSupply paymentCount grossPayments } }`},
    {name: 'proposals (list)', query: (_ids, _i, asOf) => `{ proposals(orderBy: id_DESC, limit: 20${asOf}) { id state yes no veto } }`},
]

async function main(): Promise<number> {
    const args = scaleAndCount('bench:history', USAGE, {name: 'requests', default: 200, min: 10})
    if (typeof args === 'number') return args
    const {scale, count: requests} = args
    requireBuilt()
    return withCleanup(async (cleanup) => {
        const db = await indexedDatabase(scale, 'bench_history', cleanup, {analyze: true})
        const c = new pg.Client(db.url)
        await c.connect()
        cleanup.push(() => c.end())
        console.log(storageTable(await storage(c)))
        const [head] = (await c.query(`SELECT height, start_block FROM indexed_head`)).rows
        const first = Number((await c.query(`SELECT min(block) AS b FROM invocation`)).rows[0].b ?? head.start_block)
        const blocks = {old: Math.round(first + (head.height - first) * 0.1), middle: Math.round(first + (head.height - first) * 0.5)}
        const rnd = seededRandom(7)
        const pick = async (sql: string) => {
            const all = (await c.query(sql)).rows.map((r) => String(r.id))
            return Array.from({length: Math.min(500, all.length)}, () => all[Math.floor(rnd() * all.length)])
        }
        // ids that exist at the old block, so that every as-of answer has a row to build
        const ids: Ids = {
            assets: await pick(`SELECT id FROM asset WHERE created_at_block <= ${blocks.old}`),
            accounts: await pick(`SELECT id FROM account WHERE first_seen_block <= ${blocks.old}`),
            receipts: await pick(`SELECT DISTINCT id FROM receipt_history WHERE valid_from <= ${blocks.old}`),
        }
        const api = await startBenchApi(db.url, `sahara_api_bench_history_${process.pid}`, {API_RATE_LIMIT: '0', API_RESPONSE_CACHE: 'off', RPC_URL: db.rpcUrl}, cleanup)
        const url = `${api.url}/graphql`
        const rows: string[][] = []
        for (const q of QUERIES) {
            log(`${q.name}...`)
            const at = async (asOf: string) => {
                for (let i = 0; i < 10; i++) await timed(url, q.query(ids, i, asOf)) // warm-up
                const ms: number[] = []
                for (let i = 0; i < requests; i++) ms.push(await timed(url, q.query(ids, i, asOf)))
                return ms.sort((a, b) => a - b)
            }
            const h = await at('')
            const old = await at(`, asOfBlock: ${blocks.old}`)
            const mid = await at(`, asOfBlock: ${blocks.middle}`)
            rows.push([q.name, fmt(h, 0.5), fmt(h, 0.99), fmt(old, 0.5), fmt(old, 0.99), fmt(mid, 0.5), fmt(mid, 0.99), (p(old, 0.5) / p(h, 0.5)).toFixed(2), (p(mid, 0.5) / p(h, 0.5)).toFixed(2)])
        }
        const header = ['query', 'head p50 ms', 'head p99', `as of ${blocks.old} p50`, 'p99', `as of ${blocks.middle} p50`, 'p99', 'old/head p50', 'middle/head p50']
        console.log(`\nlatency, ${requests} sequential requests each (indexed head ${head.height}):`)
        console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`)
        return 0
    })
}

async function timed(url: string, query: string): Promise<number> {
    const t0 = performance.now()
    const r = await gql(url, query)
    const ms = performance.now() - t0
    if (r.status !== 200 || r.body?.errors?.length) throw new Error(`${query}: HTTP ${r.status} ${JSON.stringify(r.body?.errors ?? r.body).slice(0, 500)}`)
    return ms
}

const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
const fmt = (sorted: number[], q: number) => p(sorted, q).toFixed(1)

interface Storage {
    table: string
    rows: number
    bytes: number
    /** Of `bytes`: the table itself (heap and TOAST), and its indexes. */
    heap: number
    indexes: number
}

/** Rows and bytes (indexes and TOAST included) of each history table, and of the rest of the schema. */
async function storage(c: pg.Client): Promise<{history: Storage[]; rest: number; restRows: number}> {
    const {rows} = await c.query(`
        SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_total_relation_size(c.oid) AS bytes, pg_table_size(c.oid) AS heap, pg_indexes_size(c.oid) AS indexes
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'migrations' ORDER BY c.relname`)
    const history = rows.filter((r) => r.table.endsWith('_history')).map((r) => ({table: r.table, rows: Number(r.rows), bytes: Number(r.bytes), heap: Number(r.heap), indexes: Number(r.indexes)}))
    const others = rows.filter((r) => !r.table.endsWith('_history'))
    return {history, rest: others.reduce((n, r) => n + Number(r.bytes), 0), restRows: others.reduce((n, r) => n + Number(r.rows), 0)}
}

function storageTable(s: {history: Storage[]; rest: number; restRows: number}): string {
    const mb = (b: number) => (b / 1024 / 1024).toFixed(1)
    const total = s.history.reduce((n, h) => n + h.bytes, 0)
    const lines = s.history.map((h) => `| ${h.table} | ${h.rows} | ${mb(h.bytes)} | ${mb(h.heap)} | ${mb(h.indexes)} |`)
    const sum = (k: 'heap' | 'indexes') => s.history.reduce((n, h) => n + h[k], 0)
    return [
        'storage (after VACUUM ANALYZE):',
        '| table | rows | MB | of which table | indexes |',
        '|---|---|---|---|---|',
        ...lines,
        `| all history tables | ${s.history.reduce((n, h) => n + h.rows, 0)} | ${mb(total)} | ${mb(sum('heap'))} | ${mb(sum('indexes'))} |`,
        `| every other table | ${s.restRows} | ${mb(s.rest)} | | |`,
        `history adds ${((100 * total) / s.rest).toFixed(0)} % to the database`,
    ].join('\n')
}

main().then(
    (code) => process.exit(code),
    (e) => {
        console.error(`bench:history: ${e instanceof Error ? e.stack : e}`)
        process.exit(1)
    },
)
