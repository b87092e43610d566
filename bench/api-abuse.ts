/**
 * npm run bench:abuse -- [--scale small|medium] [--seconds 20] [--clients 10] [--attackers 4]
 *
 * A normal query's latency while the API is attacked (issue 12). Set-up (bench/indexed-api.ts):
 * the saved simulated chain of the scale (bench/chain.ts), indexed to its head into a fresh
 * database (bench/export.ts: an embedded PostgreSQL, or a server named by BENCH_DATABASE_URL),
 * then the real API process twice, each with its own read-only login:
 *  - the measured API, with API_RATE_LIMIT=0: the limiter counts per client IP and every client
 *    here is 127.0.0.1, so with the limit on, the attackers would get the normal clients refused;
 *  - a second API with the default rate limit, the target of the two floods (HTTP requests and
 *    WebSocket messages as fast as they are answered), which must end in 429 / RATE_LIMITED. Its
 *    allowance for the current minute is spent before phase 2 (primeFloods), so that the phase
 *    measures floods in their steady state: refused.
 * Phase 1 "baseline": --clients normal clients loop over README cookbook queries for --seconds.
 * Phase 2 "under attack": the same, while --attackers loops in a worker thread (its own event loop,
 * so that the attack traffic does not delay the normal clients' timers) send every hostile
 * request of test/api/hostile.test.ts, over HTTP and over WebSocket (graphql-ws), plus slow
 * clients (headers or body a byte at a time, each kept --attackers times) and the floods.
 * Printed: latency per normal query and phase, and per attack kind the time to its refusal, the
 * answers and whether each was a GraphQL error in JSON. Exit 0, or 1 when an attack got another
 * answer (not refused, or not JSON); 2 for a bad option. Progress goes to stderr, tables to stdout.
 */
import net from 'net'
import os from 'os'
import {performance} from 'perf_hooks'
import {parseArgs} from 'util'
import {isMainThread, parentPort, Worker, workerData} from 'worker_threads'
import WebSocket from 'ws'
import {API_LIMITS} from '../src/api/limits'
import {ATTACK_HEADER, attackFailures, attackRows, NORMAL_HEADER, normalRows, summaryLine, table, type AttackSample, type NormalSample} from './abuse-report'
import {gql, indexedDatabase, log, requireBuilt, startBenchApi, step, withCleanup} from './indexed-api'
import {ASSET_HISTORY_QUERY, CONTRIBUTOR_RECEIPTS_QUERY} from './cookbook-queries'

const SCALES = ['small', 'medium'] as const
const USAGE = `usage: npm run bench:abuse -- [--scale small|medium] [--seconds N] [--clients N] [--attackers N]
  --scale      simulated chain to index (default small; medium takes minutes to simulate the first time)
  --seconds    length of each phase, baseline and under attack (default 20)
  --clients    normal concurrent clients (default 10)
  --attackers  concurrent attack loops, and slow clients of each kind (default 4)
Database: an embedded PostgreSQL, or a fresh database on BENCH_DATABASE_URL's server.`

interface Options {
    scale: (typeof SCALES)[number]
    seconds: number
    clients: number
    attackers: number
}

class UsageError extends Error {}

/** The options, or 'help'; a UsageError names the bad option and what it accepts. */
export function parseOptions(args: string[]): Options | 'help' {
    const spec = {scale: {type: 'string'}, seconds: {type: 'string'}, clients: {type: 'string'}, attackers: {type: 'string'}, help: {type: 'boolean', short: 'h'}} as const
    let values: Record<string, string | boolean | undefined>
    try {
        values = parseArgs({args, options: spec, strict: true, allowPositionals: false}).values
    } catch (e: any) {
        const message = String(e?.message ?? e)
        const what = /'([^' ]*)[^']*'/.exec(message)?.[1] ?? message
        const problem = /argument missing/.test(message) ? `${what} needs a value` : what.startsWith('-') ? `unknown option ${what}` : `unexpected argument "${what}"`
        throw new UsageError(`${problem}: the options are --scale small|medium, --seconds N, --clients N, --attackers N, --help`)
    }
    if (values.help) return 'help'
    const scale = (values.scale ?? 'small') as Options['scale']
    if (!SCALES.includes(scale)) throw new UsageError(`--scale must be small or medium, got "${values.scale}"`)
    const int = (name: string, fallback: number, max: number) => {
        const v = values[name] as string | undefined
        if (v == null) return fallback
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, got "${v}"`)
        return Number(v)
    }
    return {scale, seconds: int('seconds', 20, 3600), clients: int('clients', 10, 500), attackers: int('attackers', 4, 100)}
}

// ---- normal clients -------------------------------------------------------------------------

/** Real ids the normal queries take (the README cookbook's FindIds, with more of each). */
interface Ids {
    assets: string[]
    accounts: string[]
}

/** The README cookbook's queries (AssetHistory, ContributorReceipts, a payments page by cursor, the treasury and governance statistics). */
const NORMAL_QUERIES: {name: string; query: string; variables(ids: Ids, n: number, cursor?: string): Record<string, unknown>}[] = [
    {
        name: 'assetHistory',
        query: ASSET_HISTORY_QUERY,
        variables: (ids, n) => ({asset: ids.assets[n % ids.assets.length]}),
    },
    {
        name: 'contributorReceipts',
        query: CONTRIBUTOR_RECEIPTS_QUERY,
        variables: (ids, n) => ({account: ids.accounts[n % ids.accounts.length]}),
    },
    {
        name: 'paymentsPage',
        query: `query PaymentsPage($after: String) {
  paymentsConnection(orderBy: block_DESC, first: 20, after: $after) { totalCount pageInfo { endCursor hasNextPage } edges { node { id block amount } } }
}`,
        variables: (_ids, _n, cursor) => ({after: cursor}),
    },
    {
        name: 'treasurySummary',
        query: `{ treasurySummary(from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z", top: 5) {
  openingBalance closingBalance netFlow inflows { fees deposits transfersIn } outflows { disbursements transfersOut } } }`,
        variables: () => ({}),
    },
    {
        name: 'governanceStats',
        query: `{ governanceStats(track: DAO) { proposals passRate { bps decimal } vetoRate { bps } averageTurnout { decimal } } }`,
        variables: () => ({}),
    },
]

/** `clients` loops of normal queries for `seconds`; each request's latency. Client i starts at query i and pages payments with its own cursor. */
async function normalLoad(url: string, ids: Ids, clients: number, seconds: number): Promise<NormalSample[]> {
    const samples: NormalSample[] = []
    const end = performance.now() + seconds * 1000
    await Promise.all(
        Array.from({length: clients}, async (_, i) => {
            let cursor: string | undefined
            for (let n = i; performance.now() < end; n++) {
                const q = NORMAL_QUERIES[n % NORMAL_QUERIES.length]
                const t0 = performance.now()
                try {
                    const r = await gql(url, q.query, q.variables(ids, n * 7 + i, cursor))
                    const ms = performance.now() - t0
                    const err = r.body?.errors?.[0]
                    const ok = r.status === 200 && !err && r.body?.data != null
                    samples.push({query: q.name, ms, ok, ...(ok ? {} : {error: `${r.status} ${err?.extensions?.code ?? err?.message?.slice(0, 60) ?? 'no data'}`})})
                    if (q.name === 'paymentsPage' && ok) {
                        const page = r.body.data.paymentsConnection.pageInfo
                        cursor = page.hasNextPage ? page.endCursor : undefined
                    }
                } catch (e: any) {
                    samples.push({query: q.name, ms: performance.now() - t0, ok: false, error: e?.name === 'TimeoutError' ? 'timeout' : String(e?.cause?.code ?? e?.message ?? e)})
                }
            }
        }),
    )
    return samples
}

// ---- attacks (in the worker thread) ---------------------------------------------------------

/** Fragment spreads doubling at each level: 2^levels fields once expanded. */
function fragmentBomb(levels: number): string {
    const frags = [`fragment F0 on Asset { id }`]
    for (let i = 1; i <= levels; i++) frags.push(`fragment F${i} on Asset { ...F${i - 1} ...F${i - 1} }`)
    return `{ assets(limit: 1) { ...F${levels} } } ${frags.join(' ')}`
}
const ALIAS_BOMB = `{ ${Array.from({length: 24}, (_, i) => `r${i}: protocolResidual { residual }`).join(' ')} }`
const DEEP_QUERY = (() => {
    let deep = 'id'
    for (let i = 0; i < API_LIMITS.maxQueryDepth + 5; i++) deep = `owner { assets(limit: 1) { ${deep} } }`
    return `{ assets(limit: 1) { ${deep} } }`
})()
const NUL_QUERY = 'query($u: String) { assets(where: {uri_eq: $u}) { id } }'
/** What the floods send: the cheapest real query. */
const FLOOD_QUERY = '{ squidStatus { height } }'
/** A slow client sends one byte per this many ms. */
const SLOW_BYTE_MS = 250
/** How long a client waits for any refusal before it counts the attack as not refused: the server's own cut-off plus a margin. */
const GIVE_UP_MS = API_LIMITS.requestTimeoutMs + 10_000

const json = (body: Buffer | string) => {
    const text = body.toString()
    try {
        return JSON.parse(text)
    } catch {
        return undefined
    }
}

/** An attack sample from an HTTP answer: refused with a JSON GraphQL error when the body has errors[0].extensions.code and no data. */
function httpSample(kind: string, ms: number, status: string, body: Buffer | string): AttackSample {
    const j = json(body)
    const code = j?.errors?.[0]?.extensions?.code
    const refused = typeof code === 'string' && j.data == null
    return {kind, ms, status, code: typeof code === 'string' ? code : body.length ? 'not a GraphQL error' : 'no body', json: refused, ...(refused ? {} : {detail: body.toString().slice(0, 200) || '(empty)'})}
}

async function post(kind: string, url: string, body: string | Buffer): Promise<AttackSample> {
    const t0 = performance.now()
    try {
        const res = await fetch(`${url}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body: body as BodyInit, signal: AbortSignal.timeout(GIVE_UP_MS)})
        const text = await res.text()
        return httpSample(kind, performance.now() - t0, String(res.status), text)
    } catch (e: any) {
        return {kind, ms: performance.now() - t0, status: e?.name === 'TimeoutError' ? 'timeout' : 'error', code: String(e?.cause?.code ?? e?.message ?? e), json: false}
    }
}

/**
 * One request on a raw socket: `parts` written in order, `gapMs` apart (a slow client), until the
 * server answers or closes. The time runs from the connection to the end of the answer (its
 * whole body by content-length) or the close.
 */
function raw(kind: string, port: number, parts: Iterable<string | Buffer>, gapMs: number): Promise<AttackSample> {
    return new Promise((resolve) => {
        const t0 = performance.now()
        const socket = net.connect(port, '127.0.0.1')
        const got: Buffer[] = []
        let done = false
        const finish = (status?: string) => {
            if (done) return
            done = true
            clearTimeout(giveUp)
            socket.destroy()
            const all = Buffer.concat(got)
            const head = all.indexOf('\r\n\r\n')
            const statusLine = /^HTTP\/1\.\d (\d{3})/.exec(all.toString('latin1', 0, 20))
            resolve(httpSample(kind, performance.now() - t0, status ?? (statusLine ? statusLine[1] : 'closed'), head >= 0 ? all.subarray(head + 4) : all))
        }
        const giveUp = setTimeout(() => finish('timeout'), GIVE_UP_MS)
        socket.on('data', (d) => {
            got.push(d)
            const all = Buffer.concat(got)
            const head = all.indexOf('\r\n\r\n')
            const length = /\r\ncontent-length: *(\d+)/i.exec(all.toString('latin1', 0, Math.max(0, head)))
            if (head >= 0 && length && all.length - head - 4 >= Number(length[1])) finish()
        })
        socket.on('close', () => finish())
        socket.on('error', () => {}) // a reset after the answer, or before it: 'close' follows
        socket.once('connect', async () => {
            for (const part of parts) {
                if (done || got.length) return // answered: stop sending
                if (!socket.write(part)) await new Promise((r) => socket.once('drain', r).once('close', r))
                if (gapMs) await new Promise((r) => setTimeout(r, gapMs))
            }
        })
    })
}

function* slowHeaders(): Generator<string> {
    for (const c of `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Slow: `) yield c
    for (;;) yield 'a' // the head never ends
}
function* slowBody(): Generator<string> {
    yield `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`
    for (;;) yield ' ' // 100 000 bytes at 4 a second: never finishes
}
function* chunkedOversize(): Generator<string> {
    yield `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`
    const chunk = 'x'.repeat(64 * 1024)
    for (let sent = 0; sent <= 2 * API_LIMITS.maxRequestSizeKb * 1024; sent += chunk.length) yield `${chunk.length.toString(16)}\r\n${chunk}\r\n`
    yield '0\r\n\r\n'
}

type WsResult = AttackSample & {answered?: boolean}

/** An acknowledged graphql-ws (graphql-transport-ws) connection; `operation` runs one subscribe on it (many may be in flight). */
interface WsSession {
    ws: WebSocket
    /**
     * Sends one operation as `id` and waits for its end: an `error` message (a refusal: JSON when
     * its payload carries extensions.code), a `next` with data (answered: not refused), or the close.
     */
    operation(kind: string, id: string, payload: object): Promise<WsResult>
}

function wsConnect(url: string): Promise<WsSession> {
    return new Promise((resolve, reject) => {
        const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws')
        const pending = new Map<string, (m: any) => void>()
        const timer = setTimeout(() => (ws.terminate(), reject(new Error('no connection_ack within 10 s'))), 10_000)
        ws.once('open', () => ws.send(JSON.stringify({type: 'connection_init', payload: {}})))
        ws.on('error', (e) => (clearTimeout(timer), reject(e)))
        ws.once('close', (code, reason) => {
            clearTimeout(timer)
            reject(new Error(`closed ${code} before connection_ack`))
            for (const end of pending.values()) end({type: 'close', code, reason: reason.toString()})
        })
        ws.on('message', (data) => {
            const m = json(data as Buffer)
            if (m?.type === 'connection_ack') {
                clearTimeout(timer)
                resolve({ws, operation})
            } else if (m?.id != null) pending.get(m.id)?.(m)
        })
        const operation = (kind: string, id: string, payload: object) =>
            new Promise<WsResult>((done) => {
                const t0 = performance.now()
                let answer: any
                const end = (r: Omit<WsResult, 'kind' | 'ms'>) => {
                    clearTimeout(giveUp)
                    pending.delete(id)
                    done({kind, ms: performance.now() - t0, ...r})
                }
                const giveUp = setTimeout(() => end({status: 'timeout', code: `no answer in ${GIVE_UP_MS} ms`, json: false}), GIVE_UP_MS)
                pending.set(id, (m) => {
                    if (m.type === 'error') {
                        const code = Array.isArray(m.payload) ? m.payload[0]?.extensions?.code : undefined
                        end({status: 'ws error', code: code ?? 'no code', json: typeof code === 'string', ...(code ? {} : {detail: JSON.stringify(m).slice(0, 200)})})
                    } else if (m.type === 'next') answer = m.payload
                    else if (m.type === 'complete') {
                        const code = answer?.errors?.[0]?.extensions?.code
                        if (typeof code === 'string' && answer.data == null) end({status: 'ws next', code, json: true})
                        else end({status: 'ws next', code: 'answered with data', json: false, answered: true, detail: JSON.stringify(answer).slice(0, 200)})
                    } else if (m.type === 'close') end({status: `closed ${m.code}`, code: m.reason || 'no reason', json: false})
                })
                ws.send(JSON.stringify({id, type: 'subscribe', payload}))
            })
    })
}

/** One operation on a new connection, as a client that opens one per attack would. */
async function wsAttack(kind: string, url: string, payload: object): Promise<AttackSample> {
    let session: WsSession | undefined
    try {
        session = await wsConnect(url)
        return await session.operation(kind, '1', payload)
    } catch (e: any) {
        return {kind, ms: 0, status: 'no connection', code: String(e?.message ?? e), json: false}
    } finally {
        session?.ws.terminate()
    }
}

interface AttackTargets {
    /** The measured API (rate limit off). */
    url: string
    /** The API with the default rate limit, target of the floods. */
    limitedUrl: string
    attackers: number
}

const port = (url: string) => Number(new URL(url).port)

/** Attacks each attacker loop sends in turn, answered at once (every one must be refused). */
const QUICK_ATTACKS: Record<string, (t: AttackTargets) => Promise<AttackSample>> = {
    'fragment bomb 2^30': (t) => post('fragment bomb 2^30', t.url, JSON.stringify({query: fragmentBomb(30)})),
    'alias bomb residual x24': (t) => post('alias bomb residual x24', t.url, JSON.stringify({query: ALIAS_BOMB})),
    'deep nesting': (t) => post('deep nesting', t.url, JSON.stringify({query: DEEP_QUERY})),
    'huge limit': (t) => post('huge limit', t.url, JSON.stringify({query: '{ tokenTransfers(limit: 10000000) { id } }'})),
    'oversized body 300 kB': (t) => post('oversized body 300 kB', t.url, JSON.stringify({query: `{ assets(where: {uri_eq: "${'x'.repeat(300 * 1024)}"}) { id } }`})),
    'oversized chunked body': (t) => raw('oversized chunked body', port(t.url), chunkedOversize(), 0),
    'malformed JSON': (t) => post('malformed JSON', t.url, '{"query": "{ assets { id } }"'),
    'invalid UTF-8': (t) => post('invalid UTF-8', t.url, Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x7d])),
    'NUL in variable': (t) => post('NUL in variable', t.url, JSON.stringify({query: NUL_QUERY, variables: {u: 'a\u0000b'}})),
    'ws fragment bomb': (t) => wsAttack('ws fragment bomb', t.url, {query: fragmentBomb(30)}),
    'ws deep nesting': (t) => wsAttack('ws deep nesting', t.url, {query: DEEP_QUERY}),
    'ws alias bomb': (t) => wsAttack('ws alias bomb', t.url, {query: ALIAS_BOMB}),
    'ws NUL in variable': (t) => wsAttack('ws NUL in variable', t.url, {query: NUL_QUERY, variables: {u: 'a\u0000b'}}),
}
/** Slow clients, `attackers` of each kind kept connected: refused only by the server's timeouts. */
const SLOW_ATTACKS: Record<string, (t: AttackTargets) => Promise<AttackSample>> = {
    'slow headers': (t) => raw('slow headers', port(t.url), slowHeaders(), SLOW_BYTE_MS),
    'slow body': (t) => raw('slow body', port(t.url), slowBody(), SLOW_BYTE_MS),
}
const FLOODS = ['http flood (rate-limited API)', 'ws message flood (rate-limited API)']
export const ATTACK_KINDS = [...Object.keys(QUICK_ATTACKS), ...Object.keys(SLOW_ATTACKS), ...FLOODS]

/** Requests as fast as they are answered (8 in flight) at the rate-limited API: 429 RATE_LIMITED once its allowance is spent. */
async function httpFlood(kind: string, url: string, running: () => boolean, out: {push(s: AttackSample): void}) {
    const body = JSON.stringify({query: FLOOD_QUERY})
    await Promise.all(
        Array.from({length: 8}, async () => {
            while (running()) {
                const s = await post(kind, url, body)
                out.push(s.status === '200' && !s.json ? {...s, admitted: true, json: true, detail: undefined} : s)
            }
        }),
    )
}

/** Subscribe messages in bursts of 50 on one connection at the rate-limited API: RATE_LIMITED errors once its allowance is spent. */
async function wsFlood(kind: string, url: string, running: () => boolean, out: {push(s: AttackSample): void}) {
    let n = 0
    while (running()) {
        let session: WsSession | undefined
        try {
            session = await wsConnect(url)
            while (running() && session.ws.readyState === WebSocket.OPEN) {
                const burst = await Promise.all(Array.from({length: 50}, () => session!.operation(kind, `f${++n}`, {query: FLOOD_QUERY})))
                for (const s of burst) out.push(s.answered ? {...s, admitted: true, json: true, detail: undefined} : s)
            }
        } catch (e: any) {
            out.push({kind, ms: 0, status: 'no connection', code: String(e?.message ?? e), json: false})
            await new Promise((r) => setTimeout(r, 500))
        } finally {
            session?.ws.terminate()
        }
    }
}

/** Every attack lane until `running()` turns false; then waits for the attacks in flight (slow ones until the server cuts them off). */
async function runAttacks(t: AttackTargets, running: () => boolean): Promise<AttackSample[]> {
    const out: AttackSample[] = []
    const quick = Object.entries(QUICK_ATTACKS)
    const lanes: Promise<void>[] = []
    for (let a = 0; a < t.attackers; a++) {
        lanes.push(
            (async () => {
                for (let i = a; running(); i++) out.push(await quick[i % quick.length][1](t))
            })(),
        )
        for (const attack of Object.values(SLOW_ATTACKS)) {
            lanes.push(
                (async () => {
                    do {
                        out.push(await attack(t))
                    } while (running())
                })(),
            )
        }
    }
    lanes.push(httpFlood(FLOODS[0], t.limitedUrl, running, out), wsFlood(FLOODS[1], t.limitedUrl, running, out))
    await Promise.all(lanes)
    return out
}

/**
 * Spends the flood target's allowance in its current rate window: each flood runs until its
 * first answer that is not admitted (at most 2 minutes). The limiter counts from the first
 * request of a window, so without this a phase would mostly measure admitted flood requests;
 * with it, phase 2 sees floods in their steady state, refused (and admitted again each new window).
 */
async function primeFloods(t: AttackTargets): Promise<number[]> {
    const prime = async (flood: typeof httpFlood | typeof wsFlood) => {
        let admitted = 0
        let refused = false
        const until = Date.now() + 120_000
        await flood('priming', t.limitedUrl, () => !refused && Date.now() < until, {push: (s) => (s.admitted ? admitted++ : (refused = true))})
        return admitted
    }
    return Promise.all([prime(httpFlood), prime(wsFlood)])
}

/** The worker thread's side: spends the flood target's allowance, attacks until the main thread posts 'stop', then posts the samples. */
async function attackerThread(t: AttackTargets) {
    let running = true
    parentPort!.on('message', (m) => {
        if (m === 'stop') running = false
    })
    const primed = await primeFloods(t)
    parentPort!.postMessage({started: true, primed})
    runAttacks(t, () => running).then(
        (samples) => parentPort!.postMessage({samples}),
        (e) => parentPort!.postMessage({error: String(e?.stack ?? e)}),
    )
}

/** Starts the attacks in a worker thread (this file again, through tsx); `stop()` resolves with their samples. */
async function startAttackers(t: AttackTargets): Promise<{primed: number[]; stop(): Promise<AttackSample[]>; terminate(): Promise<number>}> {
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(__filename)})`
    const worker = new Worker(code, {eval: true, workerData: {role: 'attacker', targets: t}})
    const result = new Promise<AttackSample[]>((resolve, reject) => {
        worker.on('message', (m) => {
            if (m.samples) resolve(m.samples)
            if (m.error) reject(new Error(`attacker thread: ${m.error}`))
        })
        worker.once('error', reject)
        worker.once('exit', (c) => reject(new Error(`attacker thread exited with ${c}`)))
    })
    result.catch(() => {})
    const primed = await new Promise<number[]>((resolve, reject) => {
        worker.on('message', (m) => m.started && resolve(m.primed))
        worker.once('error', reject)
        result.catch(reject)
    })
    return {
        primed,
        stop: () => (worker.postMessage('stop'), result),
        terminate: () => worker.terminate(),
    }
}

// ---- set-up and phases ----------------------------------------------------------------------

/** Real ids for the normal queries: the README's FindIds filters, more of each; any ids when those find none. */
async function findIds(url: string): Promise<Ids> {
    const r = await gql(
        url,
        `{ assets(where: {parentCount_gt: 0}, orderBy: grossRevenue_DESC, limit: 20) { id } anyAssets: assets(orderBy: id_ASC, limit: 20) { id }
           accounts(where: {receiptCount_gt: 0}, orderBy: receiptCount_DESC, limit: 20) { id } anyAccounts: accounts(orderBy: id_ASC, limit: 20) { id } }`,
    )
    if (r.body.errors) throw new Error(`listing ids failed: ${JSON.stringify(r.body.errors).slice(0, 500)}`)
    const d = r.body.data
    const ids = {assets: (d.assets.length ? d.assets : d.anyAssets).map((a: any) => a.id), accounts: (d.accounts.length ? d.accounts : d.anyAccounts).map((a: any) => a.id)}
    if (!ids.assets.length || !ids.accounts.length) throw new Error('the indexed chain has no assets or no accounts to query')
    return ids
}

async function bench(o: Options): Promise<number> {
    return withCleanup(async (cleanup) => {
        const db = await indexedDatabase(o.scale, 'bench_abuse', cleanup)
        const env = {RPC_URL: db.rpcUrl}
        const main = await step('API with API_RATE_LIMIT=0 (measured)', () => startBenchApi(db.url, `sahara_api_bench_${process.pid}_1`, {...env, API_RATE_LIMIT: '0'}, cleanup))
        const limited = await step('API with the default rate limit (flood target)', () => startBenchApi(db.url, `sahara_api_bench_${process.pid}_2`, {...env, API_RATE_LIMIT: ''}, cleanup))
        const ids = await findIds(main.url)
        log(`normal queries take ${ids.assets.length} asset and ${ids.accounts.length} account ids; warming up`)
        await normalLoad(main.url, ids, o.clients, 2)

        const baseline = await step(`phase 1 baseline: ${o.clients} normal clients for ${o.seconds} s`, () => normalLoad(main.url, ids, o.clients, o.seconds))
        const attackers = await step(`attacker thread: spending the flood target's allowance (${API_LIMITS.rateLimitPerWindow} requests a minute, HTTP and WebSocket each)`, () =>
            startAttackers({url: main.url, limitedUrl: limited.url, attackers: o.attackers}),
        )
        cleanup.push(() => attackers.terminate())
        log(`flood target refusing: after ${attackers.primed[0]} HTTP requests and ${attackers.primed[1]} WebSocket operations admitted`)
        const underAttack = await step(`phase 2 under attack: ${o.clients} normal clients and ${o.attackers} attackers for ${o.seconds} s`, () => normalLoad(main.url, ids, o.clients, o.seconds))
        const attacks = await step(`waiting for the attacks in flight (slow clients until the server cuts them off: up to ${API_LIMITS.requestTimeoutMs / 1000} s)`, () => attackers.stop())

        console.log(`\nbench:abuse, ${o.scale} chain, ${o.clients} normal clients, ${o.attackers} attackers, ${o.seconds} s a phase, ${os.cpus().length} CPUs (the API, PostgreSQL and this bench share them)`)
        console.log(`normal clients on the API with API_RATE_LIMIT=0 (the limit is per IP and all clients are 127.0.0.1); the floods go to a second API with the default limit (${API_LIMITS.rateLimitPerWindow} a minute)\n`)
        console.log(table(NORMAL_HEADER, [...normalRows('baseline', baseline, o.seconds), ...normalRows('under attack', underAttack, o.seconds)]))
        console.log()
        console.log(table(ATTACK_HEADER, attackRows(ATTACK_KINDS, attacks)))
        for (const kind of ATTACK_KINDS) {
            const s = attacks.find((a) => a.kind === kind && !a.admitted && !a.json)
            if (s) console.log(`  ${kind}: not a JSON refusal, e.g. ${s.status} ${s.code}: ${s.detail ?? ''}`.trimEnd())
        }
        console.log()
        console.log(summaryLine(baseline, underAttack, ATTACK_KINDS, attacks))
        const f = attackFailures(ATTACK_KINDS, attacks)
        return f.notJson > 0 || f.unrefusedKinds.length > 0 ? 1 : 0
    })
}

async function main() {
    let o: Options | 'help'
    try {
        o = parseOptions(process.argv.slice(2))
    } catch (e) {
        if (!(e instanceof UsageError)) throw e
        console.error(`bench:abuse: ${e.message}`)
        process.exit(2)
    }
    if (o === 'help') return void console.log(USAGE)
    requireBuilt()
    process.exitCode = await bench(o)
}

if (!isMainThread && workerData?.role === 'attacker') void attackerThread(workerData.targets)
else if (require.main === module) {
    main().then(
        () => process.exit(process.exitCode ?? 0), // keep-alive sockets of fetch would hold it a few seconds more
        (e) => {
            console.error(process.env.DEBUG ? e : e instanceof Error ? e.message : e)
            process.exit(1)
        },
    )
}
