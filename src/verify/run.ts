/**
 * `npm run verify`: reads served figures through the public GraphQL API and calls the matching
 * view functions (./figures.ts) with eth_call at the block each answer was served at, batched.
 * Every page the API answers carries its indexed head, so a processor that moves on meanwhile
 * never mixes two heights: each figure is checked at the height it was served at.
 */
import {createPublicClient, http, parseAbiItem, type AbiFunction, type Address, type PublicClient} from 'viem'
import type {DeploymentManifest} from '../config/manifest'
import {seededRandom} from '../util/random'
import {FIGURE_KINDS, protocolFigures, PROTOCOL_SELECTION, type Figure, type FigureKind} from './figures'

export interface VerifyOptions {
    /** The API's GraphQL endpoint (http://host:port/graphql). */
    apiUrl: string
    rpcUrl: string
    manifest: DeploymentManifest
    /** Check about this many values, sampled with `seed` (ignored with `all`). */
    sample: number
    seed: number
    /** Every row of every kind. */
    all: boolean
    /** The block to check at (default: the indexed head): the API answers as of it (`asOfBlock`) and the views are called at it. */
    block?: number
    /** Called after each checked page: values done, values planned. */
    onProgress?: (done: number, total: number) => void
}

export interface Mismatch {
    entity: string
    id: string
    field: string
    served: string
    chain: string
    block: number
}

export interface VerifyResult {
    checked: number
    mismatches: Mismatch[]
    /** The indexed height (and its hash) at the start; `heights` every height pages were served at. */
    block: number
    hash: string
    heights: number[]
    /** JSON-RPC HTTP requests and eth_calls made. */
    rpcRequests: number
    calls: number
}

/** A problem that stops the run (the API or the RPC cannot be used), with what to do. */
export class VerifyError extends Error {}

const PAGE = 500

export async function verify(o: VerifyOptions): Promise<VerifyResult> {
    const counter = {requests: 0}
    const client = verifyClient(o.rpcUrl, counter)
    const gql = graphqlClient(o.apiUrl)
    const contracts = o.manifest.contracts

    // with --block, every query is answered as of that block (asOfBlock) and checked there
    const asOf = o.block == null ? '' : `, asOfBlock: ${o.block}`
    const start = await gql(
        `{ indexedHeadById(id: "head"${asOf}) { height hash } ${withAsOf(PROTOCOL_SELECTION, asOf)} vault: accountById(id: "${contracts.RevenueVault.toLowerCase()}"${asOf}) { balance } ${FIGURE_KINDS.map((k) => `${k.name}: ${k.list}Connection(orderBy: id_ASC${asOf}) { totalCount }`).join(' ')} }`,
    )
    const head = start.indexedHeadById as {height: number; hash: string} | null
    if (head == null) throw new VerifyError(`the API at ${o.apiUrl} has indexed nothing yet (no IndexedHead): wait for the processor's first batch`)
    const mismatches: Mismatch[] = []
    const heights = new Set<number>([head.height])
    let calls = 0
    const chainHash = await client.getBlock({blockNumber: BigInt(head.height)}).then(
        (b) => b.hash,
        (e) => {
            throw new VerifyError(`the RPC at ${o.rpcUrl} has no block ${head.height} (${short(e)}): point --rpc at the chain the API indexed`)
        },
    )
    if (chainHash.toLowerCase() !== head.hash.toLowerCase()) mismatches.push({entity: 'IndexedHead', id: 'head', field: 'hash', served: head.hash, chain: chainHash, block: head.height})

    const counts = new Map(FIGURE_KINDS.map((k) => [k.name, (start[k.name] as {totalCount: number}).totalCount]))
    const plan = o.all ? allRows(counts) : sampleRows(counts, o.sample, o.seed)
    const total = 5 + plan.reduce((n, p) => n + p.rows * perRow(p.kind), 0)
    let done = 0

    const check = async (figures: Figure[], block: number) => {
        const r = await checkFigures(client, contracts, figures, block, o.rpcUrl)
        calls += r.calls
        mismatches.push(...r.mismatches)
        done += figures.length
        o.onProgress?.(done, total)
    }

    await check(protocolFigures(start.protocolById ?? {}, start.vault?.balance ?? null, contracts), head.height)
    for (const p of plan) {
        if (p.ranks) p.ids = await idsAtRanks(gql, p.kind, p.ranks, asOf)
        const pages = p.ids ? chunks(p.ids, PAGE).map((ids) => ({ids})) : Array.from({length: Math.ceil(p.rows / PAGE)}, (_, i) => ({offset: i * PAGE}))
        for (const page of pages) {
            const where = 'ids' in page ? `where: {${p.kind.idFilter}: ${JSON.stringify(page.ids)}}, ` : ''
            const offset = 'offset' in page ? `, offset: ${page.offset}` : ''
            const answer = await gql(`{ indexedHeadById(id: "head"${asOf}) { height } rows: ${p.kind.list}(${where}orderBy: ${p.kind.order}, limit: ${PAGE}${offset}${asOf}) { ${p.kind.selection} } }`)
            const block = (answer.indexedHeadById as {height: number}).height
            heights.add(block)
            await check((answer.rows as any[]).flatMap((row) => p.kind.figures(row, contracts)), block)
        }
    }
    return {checked: done, mismatches, block: head.height, hash: head.hash, heights: [...heights].sort((a, b) => a - b), rpcRequests: counter.requests, calls}
}

/** The ids at `ranks` (ascending) of `kind` in its order, reading its ids a page at a time. */
async function idsAtRanks(gql: ReturnType<typeof graphqlClient>, kind: FigureKind, ranks: number[], asOf: string): Promise<string[]> {
    const out: string[] = []
    const ID_PAGE = 5000
    for (let offset = 0, i = 0; i < ranks.length; offset += ID_PAGE) {
        const page = (await gql(`{ rows: ${kind.list}(orderBy: ${kind.order}, limit: ${ID_PAGE}, offset: ${offset}${asOf}) { id } }`)).rows as {id: string}[]
        for (; i < ranks.length && ranks[i] < offset + page.length; i++) out.push(page[ranks[i] - offset].id)
        if (page.length < ID_PAGE) break
    }
    return out
}

/**
 * Calls the view functions of `figures` at `block` (one JSON-RPC batch per 250 calls) and returns
 * the figures whose served value differs from the chain's. A reverted call is a mismatch; a
 * transport failure throws a VerifyError.
 */
export async function checkFigures(client: PublicClient, contracts: Record<string, string>, figures: Figure[], block: number, rpcUrl: string): Promise<{mismatches: Mismatch[]; calls: number}> {
    let calls = 0
    const results = await Promise.all(
        figures.map((f) =>
            Promise.all(
                f.calls.map((c) => {
                    calls++
                    const item = abiItem(c.signature)
                    return client
                        .readContract({address: contracts[c.contract] as Address, abi: [item], functionName: item.name, args: c.args as readonly unknown[], blockNumber: BigInt(block)})
                        .then((v) => ({ok: true as const, v}), (e) => ({ok: false as const, e}))
                }),
            ),
        ),
    )
    const mismatches: Mismatch[] = []
    for (const [i, f] of figures.entries()) {
        const r = results[i]
        const failed = r.find((x) => !x.ok)
        if (failed && !failed.ok && isTransportError(failed.e)) throw new VerifyError(`the RPC at ${rpcUrl} failed: ${short(failed.e)}`)
        const chain = failed && !failed.ok ? `call reverted (${short(failed.e)})` : f.expected(r.map((x) => (x as {v: unknown}).v))
        if (chain !== f.served) mismatches.push({entity: f.entity, id: f.id, field: f.field, served: f.served, chain, block})
    }
    return {mismatches, calls}
}

/** One line per mismatch, as `npm run verify` and the processor's self-check print it. */
export function mismatchLine(m: Mismatch): string {
    return `MISMATCH ${m.entity} ${m.id} ${m.field} at block ${m.block}: served ${m.served}, chain ${m.chain}`
}

/** A viem client for eth_call batches (250 calls per HTTP request), counting its HTTP requests in `counter.requests`. */
export function verifyClient(rpcUrl: string, counter: {requests: number} = {requests: 0}): PublicClient {
    return createPublicClient({
        transport: http(rpcUrl, {batch: {batchSize: 250}, retryCount: 3, timeout: 60_000, onFetchRequest: () => void counter.requests++}),
    }) as PublicClient
}

interface PlannedKind {
    kind: FigureKind
    rows: number
    /** Sampled ids (every row when neither this nor `ranks` is set). */
    ids?: string[]
    /** Sampled ranks in `order`, for kinds whose ids are not 1..n (accounts). */
    ranks?: number[]
}

const perRow = (k: FigureKind) => k.figures(sampleRow(k), {} as any).length

/** A row of `k` with every field present, to count its figures. */
function sampleRow(k: FigureKind): any {
    return {id: '1', owner: {id: '0x'}, holder: {id: '0x'}, parents: [], accrual: {}, validity: {}}
}

function allRows(counts: Map<string, number>): PlannedKind[] {
    return FIGURE_KINDS.map((kind) => ({kind, rows: counts.get(kind.name) ?? 0}))
}

/**
 * About `values` figures in rows drawn uniformly (seeded) from every row of every kind. Decimal
 * ids run from 1 to the count (SPEC: ids start at 1 and increase); accounts are drawn by rank
 * and resolved to addresses when read (see below).
 */
function sampleRows(counts: Map<string, number>, values: number, seed: number): PlannedKind[] {
    const rnd = seededRandom(seed)
    const pool: [FigureKind, number][] = []
    for (const kind of FIGURE_KINDS) for (let i = 0; i < (counts.get(kind.name) ?? 0); i++) pool.push([kind, i])
    const picked = new Map<string, number[]>()
    let planned = 5
    for (let n = 0; n < pool.length && planned < values; n++) {
        const j = n + Math.floor(rnd() * (pool.length - n))
        ;[pool[n], pool[j]] = [pool[j], pool[n]]
        const [kind, i] = pool[n]
        picked.set(kind.name, [...(picked.get(kind.name) ?? []), i])
        planned += perRow(kind)
    }
    return FIGURE_KINDS.filter((k) => picked.has(k.name)).map((kind) => {
        const ranks = picked.get(kind.name)!.sort((a, b) => a - b)
        // decimal ids are rank + 1; addresses (accounts) are looked up by rank before reading
        return kind.idFilter === 'number_in' ? {kind, rows: ranks.length, ids: ranks.map((r) => String(r + 1))} : {kind, rows: ranks.length, ranks}
    })
}

const ABI_ITEMS = new Map<string, AbiFunction>()
/** The ABI item of a Solidity signature (parsed once). */
export function abiItem(signature: string): AbiFunction {
    let item = ABI_ITEMS.get(signature)
    if (item == null) ABI_ITEMS.set(signature, (item = parseAbiItem(signature) as AbiFunction))
    return item
}


/** A root field selection (`name(args) { … }`) with `asOf` appended to its arguments. */
function withAsOf(selection: string, asOf: string): string {
    return asOf === '' ? selection : selection.replace(/\)/, `${asOf})`)
}

function chunks<T>(xs: T[], n: number): T[][] {
    const out: T[][] = []
    for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n))
    return out
}

function graphqlClient(url: string) {
    return async (query: string): Promise<Record<string, any>> => {
        let res: Response
        try {
            res = await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query})})
        } catch (e) {
            throw new VerifyError(`the API at ${url} does not answer (${short(e)}): is it running (npm start)? pass its address with --api`)
        }
        const body: any = await res.json().catch(() => undefined)
        if (body?.errors?.length) throw new VerifyError(`the API at ${url} refused a query: ${body.errors[0].message}`)
        if (!res.ok || body?.data == null) throw new VerifyError(`the API at ${url} answered HTTP ${res.status} without data: is it this project's API?`)
        return body.data
    }
}

const short = (e: unknown) => String((e as any)?.shortMessage ?? (e as any)?.message ?? e).split('\n')[0].slice(0, 200)
const isTransportError = (e: unknown) => /HttpRequestError|TimeoutError|fetch failed|ECONNREFUSED/i.test(`${(e as any)?.name} ${short(e)}`)
