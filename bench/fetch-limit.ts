/**
 * The fetch limit of a sync: how fast the node hands out what the processor needs (every block
 * header of the range and every log of the manifest's addresses) when nothing else is done with
 * it. Batched JSON-RPC over keep-alive HTTP, a few requests in flight, each response only
 * JSON.parse'd and counted: no decoding, no store. Our sync's events/s divided by this one is the
 * share of the node's speed the processor keeps (bench/sync.ts prints both).
 *
 * Logs are fetched in `eth_getLogs` calls over block ranges whose span follows the log density
 * seen so far (about `logsPerCall` logs a call), `batch` calls to a request, so that a dense chain
 * gets one-block calls and a sparse one long ranges without a tuning per chain.
 */
import http from 'http'
import {MANIFEST_CONTRACTS, type DeploymentManifest} from '../src/config/manifest'

export interface FetchLimitOptions {
    /** Calls per HTTP request (JSON-RPC batch). */
    batch?: number
    /** HTTP requests in flight, for headers and for logs each (they run side by side). */
    concurrency?: number
    /** Target logs per eth_getLogs call; the block span of a call follows the density seen. */
    logsPerCall?: number
    /** Block span of the first eth_getLogs calls, before any density is known. */
    firstSpan?: number
}

/**
 * Tuned on the saved medium chain (2 cores, anvil 1.7.1, ~525 logs a block): calls of ~500 logs
 * (one block on the dense chains, long ranges on sparse ones), 10 to a request, 2 requests in
 * flight for headers and 2 for logs (best of 6 runs each, on a loaded machine): larger calls and
 * batches (2 000-5 000 logs a call, 20-50 calls a request) were ~1.3x slower, 1-call requests ~1.4x
 * slower, 1 or 4 in flight the same within the noise (anvil and JSON.parse share the 2 cores).
 */
export const FETCH_LIMIT_DEFAULTS: Required<FetchLimitOptions> = {batch: 10, concurrency: 2, logsPerCall: 500, firstSpan: 1}

export interface FetchLimitResult {
    /** Logs fetched (every log of the manifest's addresses, whatever its topic). */
    events: number
    blocks: number
    seconds: number
    httpRequests: number
    calls: {eth_getBlockByNumber: number; eth_getLogs: number}
    /** CPU of this process while fetching (JSON.parse and HTTP), in seconds. */
    clientCpuSeconds: number
}

interface RpcAnswer {
    id: number
    result?: unknown
    error?: {code: number; message: string}
}

/** Fetches headers [from, to] and the manifest's logs in them; see the file comment. */
export async function fetchLimit(rpcUrl: string, manifest: DeploymentManifest, from: number, to: number, opts: FetchLimitOptions = {}): Promise<FetchLimitResult> {
    const o = {...FETCH_LIMIT_DEFAULTS, ...opts}
    if (!(o.batch >= 1 && o.concurrency >= 1 && o.logsPerCall >= 1 && o.firstSpan >= 1)) throw new Error(`fetch limit options must be >= 1: ${JSON.stringify(o)}`)
    const agent = new http.Agent({keepAlive: true, maxSockets: 2 * o.concurrency})
    const url = new URL(rpcUrl)
    const address = MANIFEST_CONTRACTS.map((n) => manifest.contracts[n])
    let httpRequests = 0
    const calls = {eth_getBlockByNumber: 0, eth_getLogs: 0}

    const post = (body: {jsonrpc: '2.0'; id: number; method: string; params: unknown[]}[]): Promise<RpcAnswer[]> => {
        httpRequests += 1
        const payload = Buffer.from(JSON.stringify(body))
        return new Promise((resolve, reject) => {
            const req = http.request(
                {host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: {'content-type': 'application/json', 'content-length': payload.length}},
                (res) => {
                    const chunks: Buffer[] = []
                    res.on('data', (c: Buffer) => chunks.push(c))
                    res.on('error', reject)
                    res.on('end', () => {
                        const text = Buffer.concat(chunks).toString()
                        if (res.statusCode !== 200) return reject(new Error(`fetch limit: HTTP ${res.statusCode} from ${rpcUrl}: ${text.slice(0, 200)}`))
                        try {
                            const answers = JSON.parse(text)
                            if (!Array.isArray(answers) || answers.length !== body.length) throw new Error(`expected a batch of ${body.length} answers: ${text.slice(0, 200)}`)
                            for (const a of answers as RpcAnswer[]) if (a.error) throw new Error(`${body[0].method}: ${a.error.message} (code ${a.error.code})`)
                            resolve(answers)
                        } catch (e) {
                            reject(new Error(`fetch limit against ${rpcUrl}: ${e instanceof Error ? e.message : e}`))
                        }
                    })
                },
            )
            req.on('error', (e) => reject(new Error(`fetch limit: ${rpcUrl} did not answer: ${e.message}`)))
            req.end(payload)
        })
    }

    /** Runs `worker` `concurrency` times side by side until each returns false. */
    const pool = async (worker: () => Promise<boolean>) => {
        await Promise.all(Array.from({length: o.concurrency}, async () => {
            while (await worker()) {}
        }))
    }

    const cpu = process.cpuUsage()
    const started = process.hrtime.bigint()

    // Headers: `batch` block numbers a request.
    let nextHeader = from
    const headers = pool(async () => {
        if (nextHeader > to) return false
        const body = []
        for (; body.length < o.batch && nextHeader <= to; nextHeader++) {
            body.push({jsonrpc: '2.0' as const, id: nextHeader, method: 'eth_getBlockByNumber', params: [`0x${nextHeader.toString(16)}`, false]})
        }
        calls.eth_getBlockByNumber += body.length
        for (const a of await post(body)) if (a.result == null) throw new Error(`fetch limit: block ${a.id} is missing on ${rpcUrl}`)
        return true
    })

    // Logs: ranges cut from a cursor, their span from the density seen so far.
    let nextLog = from
    let seenLogs = 0
    let seenBlocks = 0
    const logs = pool(async () => {
        if (nextLog > to) return false
        const span = seenBlocks === 0 ? o.firstSpan : Math.max(1, Math.round(o.logsPerCall / Math.max(seenLogs / seenBlocks, 1e-9)))
        const body = []
        const spans: number[] = []
        for (; body.length < o.batch && nextLog <= to; ) {
            const end = Math.min(to, nextLog + span - 1)
            body.push({jsonrpc: '2.0' as const, id: nextLog, method: 'eth_getLogs', params: [{address, fromBlock: `0x${nextLog.toString(16)}`, toBlock: `0x${end.toString(16)}`}]})
            spans.push(end - nextLog + 1)
            nextLog = end + 1
        }
        calls.eth_getLogs += body.length
        for (const a of await post(body)) seenLogs += (a.result as unknown[]).length
        seenBlocks += spans.reduce((s, n) => s + n, 0)
        return true
    })

    try {
        await Promise.all([headers, logs])
    } finally {
        agent.destroy()
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const used = process.cpuUsage(cpu)
    return {events: seenLogs, blocks: to - from + 1, seconds, httpRequests, calls, clientCpuSeconds: (used.user + used.system) / 1e6}
}
