/**
 * `asOfBlock`: the generated entity queries (`assets`, `assetById`, `assetsConnection`, … of every
 * entity with history or a block) answer as of a past block.
 *
 * The schema OpenReader generates gets an `asOfBlock: Int` argument on those root fields. When it
 * is given, the field's SQL (OpenReader compiles a root field with all its nested selections into
 * one statement over unqualified table names) runs in a transaction of its own whose search_path
 * puts the schema `sahara_asof` first: there every entity table is a view of that table as of the
 * block (db/migrations/1796400000000-History.js; state tables read their history, event tables
 * their rows up to the block). So a nested selection (`asset { owner { votes } receipts { accrual
 * { accrued } } }`) is as of the same block all the way down, with no per-entity code.
 *
 * The block must lie between IndexedHead.startBlock and the indexed height (checked in the same
 * transaction, so a reorg in between cannot slip through); otherwise the answer is a
 * BAD_USER_INPUT error that says which blocks are served. The block's hash and time (LicenseValidity
 * is valid at that block's time) come from the IndexedHead row at the head, else from the chain
 * (RPC_URL), cached once final.
 *
 * This wraps one method of the exactly pinned @subsquid/graphql-server (Server.schema); a test
 * guards that it is still there (test/api/as-of.test.ts).
 */
import {GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, type GraphQLField, type GraphQLNamedType, type GraphQLOutputType, type GraphQLSchema} from 'graphql'
import pg from 'pg'
import type {EntityManager} from 'typeorm'
import type {RpcClient} from '@subsquid/rpc-client'
import {chainRpc} from '../rpc/client'
import {ArgumentError} from './errors'

/** Entities without history: their day buckets change in place (as-of reads of them are refused by the database too). */
const UNVERSIONED = new Set(['AssetDayData', 'CallerDayData', 'ParticipationDayData', 'RoyaltyDepthDayData', 'TreasuryDayData'])

export const AS_OF_ARG = 'asOfBlock'
const AS_OF_DESCRIPTION =
    'Answer as of this block (state after its events): from IndexedHead.startBlock to the indexed height; nested selections are as of the same block. Omit for the indexed head.'

export interface AsOfOptions {
    /** The chain's JSON-RPC endpoint, for the hash and time of a block below the indexed head. */
    rpcUrl?: string
    /** The API's database (its read-only login), for the as-of transactions' own pool. */
    dbUrl?: string
    statementTimeoutMs?: number
}

let installed = false
/** Block hashes and times for as-of transactions (installAsOf sets the RPC). */
let sharedPool: Pick<AsOfPool, 'run'> = {run: () => Promise.reject(new Error('as-of queries need the API database (installAsOf({dbUrl}))'))}
let sharedBlocks: Pick<BlockInfo, 'get'> = {get: (block) => Promise.reject(new ArgumentError(`asOfBlock ${block}: the API was started without installAsOf (no RPC for block times)`))}

/** Adds `asOfBlock` to the generated entity queries of the GraphQL server (call before `Server.start`). */
export function installAsOf(opts: AsOfOptions): void {
    if (installed) return
    const {Server} = require('@subsquid/graphql-server/lib/server')
    const proto = Server?.prototype
    const schemaOf = proto?.schema
    if (typeof schemaOf !== 'function') throw new Error('@subsquid/graphql-server changed: Server.prototype.schema is gone; update src/api/as-of.ts')
    const blocks = new BlockInfo(opts.rpcUrl)
    sharedBlocks = blocks
    sharedPool = new AsOfPool({dbUrl: opts.dbUrl, statementTimeoutMs: opts.statementTimeoutMs})
    const done = new WeakSet<GraphQLSchema>()
    proto.schema = async function (this: unknown, ...args: unknown[]) {
        const schema: GraphQLSchema = await schemaOf.apply(this, args)
        if (!done.has(schema)) {
            addAsOfArgument(schema, blocks)
            done.add(schema)
        }
        return schema
    }
    installed = true
}

/** The root query fields that get the argument, by name: the entity each one reads. */
export function addAsOfArgument(schema: GraphQLSchema, blocks: BlockInfo): string[] {
    const query = schema.getQueryType()
    if (query == null) return []
    const out: string[] = []
    for (const field of Object.values(query.getFields())) {
        const entity = entityOf(field)
        if (entity == null || UNVERSIONED.has(entity) || field.resolve == null) continue
        if (field.args.some((a) => a.name === AS_OF_ARG)) continue
        field.args.push({name: AS_OF_ARG, description: AS_OF_DESCRIPTION, type: GraphQLInt, defaultValue: undefined, deprecationReason: undefined, extensions: undefined, astNode: undefined})
        const resolve = field.resolve
        field.resolve = (source, args, context, info) => {
            const block = args?.[AS_OF_ARG]
            if (block == null) return resolve(source, args, context, info)
            return resolve(source, args, {...context, openreader: asOfOpenreader(context.openreader, block, blocks)}, info)
        }
        out.push(field.name)
    }
    return out
}

/** The entity an OpenReader root field reads (`assets`, `assetById`, `assetsConnection` -> Asset), if it is one. */
function entityOf(field: GraphQLField<any, any>): string | undefined {
    const named = unwrap(field.type)
    if (!(named instanceof GraphQLObjectType)) return undefined
    let entity = named
    if (named.name.endsWith('Connection') && named.getFields().edges != null) {
        const edge = unwrap(named.getFields().edges.type)
        const node = edge instanceof GraphQLObjectType ? unwrap(edge.getFields().node?.type) : undefined
        if (!(node instanceof GraphQLObjectType)) return undefined
        entity = node
    }
    const lc = entity.name[0].toLowerCase() + entity.name.slice(1)
    // OpenReader's names: <entity>ById, <entity>ByUniqueInput, <plural>, <plural>Connection
    if (!field.name.startsWith(lc)) return undefined
    if (entity.getFields().id == null) return undefined
    return entity.name
}

function unwrap(t: GraphQLOutputType | undefined): GraphQLNamedType | undefined {
    let x: any = t
    while (x instanceof GraphQLNonNull || x instanceof GraphQLList) x = x.ofType
    return x
}

interface OpenreaderLike {
    executeQuery(query: {sql: string; params: unknown[]; map(rows: unknown[]): unknown}): Promise<unknown>
}
interface EntityManagerLike {
    query(sql: string, params?: unknown[]): Promise<any[]>
}

/** The `asOfBlock` argument of the analytics resolvers that read state. */
export const AS_OF_ANALYTICS_DOC = 'Answer as of this block (state after its events), from IndexedHead.startBlock to the indexed height; omit for the indexed head.'

/**
 * Runs an analytics resolver's queries as of `block` (null: at the head, in the request's
 * transaction `tx`): in a read-only transaction of their own where the unqualified tables are
 * the sahara_asof views (see enterAsOf). `fn` may only use `em.query`.
 */
export async function withAsOf<T>(tx: () => Promise<EntityManager>, block: number | null | undefined, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    if (block == null) return fn(await tx())
    requireBlock(block)
    return sharedPool.run(block, sharedBlocks, (db) => fn({query: (sql: string, params?: unknown[]) => db.query(sql, params)} as unknown as EntityManager))
}

function requireBlock(block: unknown): asserts block is number {
    if (typeof block !== 'number' || !Number.isSafeInteger(block) || block < 0) throw new ArgumentError(`asOfBlock must be a block number >= 0 (got ${JSON.stringify(block)})`)
}

/** The request's OpenReader context, whose queries run as of `block` (each in its own read-only transaction). */
function asOfOpenreader(base: OpenreaderLike, block: unknown, blocks: Pick<BlockInfo, 'get'>): OpenreaderLike {
    requireBlock(block)
    const ctx = Object.create(base) as OpenreaderLike
    ctx.executeQuery = (query) =>
        sharedPool.run(block, blocks, async (db) => {
            const rows = await db.query(query.sql, query.params, true)
            return query.map(rows)
        })
    return ctx
}

/**
 * The connections as-of transactions run on: a pool of their own, so that they never wait for a
 * connection that a request's own (head) transaction holds until the request ends (with one pool,
 * as many requests as connections, each with a head and an as-of root field, would wait forever).
 */
export class AsOfPool {
    private pool?: pg.Pool
    constructor(private readonly opts: {dbUrl?: string; statementTimeoutMs?: number; size?: number} = {}) {}

    /** Runs `fn` in a read-only transaction as of `block`; a day bucket in the selection is a BAD_USER_INPUT error. */
    async run<T>(block: number, blocks: Pick<BlockInfo, 'get'>, fn: (db: {query(sql: string, params?: unknown[], arrays?: boolean): Promise<any[]>}) => Promise<T>): Promise<T> {
        if (!this.opts.dbUrl) throw new Error('as-of queries need the API database (installAsOf({dbUrl}))')
        if (this.pool == null) {
            this.pool = new pg.Pool({connectionString: this.opts.dbUrl, max: this.opts.size ?? 4, statement_timeout: this.opts.statementTimeoutMs || undefined})
            this.pool.on('error', () => {}) // an idle connection dropped: the next run connects anew
        }
        const c = await this.pool.connect()
        const db = {
            query: (sql: string, params?: unknown[], arrays = false) =>
                (arrays ? c.query({text: sql, values: params as unknown[], rowMode: 'array'}) : c.query(sql, params as unknown[])).then(
                    (r: pg.QueryResult) => r.rows,
                    (e: {code?: string; message?: string}) => {
                        // a day bucket inside an as-of selection (sahara_asof.unversioned raises it)
                        if (e?.code === '0A000' && /has no history/.test(e.message ?? '')) throw new ArgumentError(e.message!)
                        throw e
                    },
                ),
        }
        try {
            await c.query('BEGIN')
            await enterAsOf(db, block, blocks)
            const out = await fn(db)
            await c.query('COMMIT')
            return out
        } catch (e) {
            await c.query('ROLLBACK').catch(() => {})
            throw e
        } finally {
            c.release()
        }
    }

    async close(): Promise<void> {
        await this.pool?.end()
    }
}

/**
 * Makes the rest of the transaction read the database as of `block`: checks it against the
 * indexed range, then sets the search_path and the settings the sahara_asof views read. Also for
 * resolvers that run their own SQL (analytics with asOfBlock).
 */
export async function enterAsOf(em: EntityManagerLike, block: number, blocks: Pick<BlockInfo, 'get'>): Promise<void> {
    await em.query('SET TRANSACTION READ ONLY')
    const [head] = await em.query(`SELECT h.height, h.hash, floor(extract(epoch FROM h."timestamp"))::bigint AS time, h.start_block, (SELECT height FROM squid_processor.status WHERE id = 0) AS finalized FROM public.indexed_head h WHERE h.id = 'head'`)
    if (head == null) throw new ArgumentError(`asOfBlock ${block}: nothing is indexed yet; try again once the processor has written its first batch`)
    if (block > head.height) throw new ArgumentError(`asOfBlock ${block} is beyond the indexed height ${head.height}: ask for a block from ${head.start_block} to ${head.height}, or omit asOfBlock for the head`)
    if (block < head.start_block) throw new ArgumentError(`asOfBlock ${block} is before the first indexed block ${head.start_block}: ask for a block from ${head.start_block} to ${head.height}`)
    const info = block === head.height ? {hash: String(head.hash), time: String(head.time)} : await blocks.get(block, Number(head.finalized ?? -1))
    await em.query(
        `SELECT set_config('search_path', 'sahara_asof, public', true), set_config('sahara.as_of_block', $1, true), set_config('sahara.as_of_hash', $2, true), set_config('sahara.as_of_time', $3, true)`,
        [String(block), info.hash, info.time],
    )
}

/** Hash and time (unix seconds, decimal) of chain blocks, from the RPC; final ones are cached. */
export class BlockInfo {
    private readonly cache = new Map<number, {hash: string; time: string}>()
    private readonly rpc?: RpcClient
    constructor(rpcUrl?: string) {
        if (rpcUrl) this.rpc = chainRpc(rpcUrl, {retryAttempts: 2, requestTimeout: 10_000})
    }

    async get(block: number, finalized: number): Promise<{hash: string; time: string}> {
        const hit = this.cache.get(block)
        if (hit != null) return hit
        if (this.rpc == null) throw new ArgumentError(`asOfBlock ${block}: the API has no RPC_URL to read that block's time from the chain (only the indexed head is answered without it)`)
        let b: {hash?: string; timestamp?: string} | null | undefined
        try {
            b = await this.rpc.call<typeof b>('eth_getBlockByNumber', ['0x' + block.toString(16), false])
        } catch (e) {
            throw new Error(`asOfBlock ${block}: the chain's RPC did not answer for that block (${(e as Error).message}); try again`)
        }
        if (b?.hash == null || b.timestamp == null || !/^0x[0-9a-f]+$/i.test(b.timestamp)) throw new Error(`asOfBlock ${block}: the chain's RPC has no block ${block}; try again`)
        const info = {hash: b.hash.toLowerCase(), time: BigInt(b.timestamp).toString()}
        if (block <= finalized) {
            if (this.cache.size >= 10_000) this.cache.delete(this.cache.keys().next().value!)
            this.cache.set(block, info)
        }
        return info
    }
}
