/**
 * Runs `processBatch` (src/mapping/batch.ts) on synthetic logs against a real, migrated
 * PostgreSQL: the handler tests beside src/mapping/handlers use it to feed the corner cases a
 * simulated chain rarely produces, then read what was written.
 *
 *     const h = useBatchHarness()                 // a fresh migrated database for the file, tables emptied before each test
 *     await h.run([block(1, registerAsset(1, ALICE, {kind: 2})), block(2, [ev.AssetStatusChanged({assetId: 1, status: 1})])])
 *     expect((await h.get(Asset, '1'))!.status).toBe(AssetStatus.PAUSED)
 *
 * Each `run` is one processor batch in one transaction, the way typeorm-store runs a batch
 * (`TypeormDatabase.performUpdates`: `new Store(() => em)` inside `DataSource.transaction`), so a
 * batch that throws writes nothing, and consecutive `run`s share nothing but the database.
 *
 * Logs are ABI-encoded with the codecs of the generated facades (src/abi/*.ts): @subsquid/evm-abi
 * only decodes events, so `encodeEvent` below writes topics and data with the same evm-codec
 * codecs (and checks the integers round-trip). `ev.<Kind>` takes the decoder's kind names
 * (src/mapping/decode.ts: TokenTransfer, AssetTransfer, ...). Missing arguments default to zero;
 * a `string` argument may be given as a Uint8Array to emit arbitrary bytes (invalid UTF-8, NUL).
 *
 * Models are imported from src/model, as the handlers import them (one set of entity classes).
 * This works under vitest 4.1 as configured: Vite 8 transpiles TypeScript with Oxc, which
 * honours tsconfig.json's `experimentalDecorators` + `emitDecoratorMetadata` and emits the
 * `design:type` metadata TypeORM reads for `@PrimaryColumn_()`. (Without it, importing src/model
 * throws TypeORM's ColumnTypeUndefinedError; src/store/entity-cache.test.ts checks every column
 * against the migrated schema.)
 */
import 'reflect-metadata'
import crypto from 'crypto'
import {SnakeNamingStrategy} from '@subsquid/typeorm-config/lib/namingStrategy'
import {Store} from '@subsquid/typeorm-store'
import * as p from '@subsquid/evm-codec'
import type {AbiEvent} from '@subsquid/evm-abi'
import {afterAll, beforeAll, beforeEach, inject} from 'vitest'
import {DataSource, getMetadataArgsStorage, type EntityTarget, type FindOptionsRelations, type FindOptionsWhere, type ObjectLiteral} from 'typeorm'
import * as AssetRegistry from '../../src/abi/AssetRegistry'
import * as ContributionReceipts from '../../src/abi/ContributionReceipts'
import * as DualTrackGovernor from '../../src/abi/DualTrackGovernor'
import * as InvocationRouter from '../../src/abi/InvocationRouter'
import * as LicenseRegistry from '../../src/abi/LicenseRegistry'
import * as RevenueVault from '../../src/abi/RevenueVault'
import * as SaharaToken from '../../src/abi/SaharaToken'
import * as Treasury from '../../src/abi/Treasury'
import type {DeploymentManifest, ManifestContract} from '../../src/config/manifest'
import {processBatch, type BatchStats} from '../../src/mapping/batch'
import {EventDecoder} from '../../src/mapping/decode'
import * as model from '../../src/model'
import type {ProcessorContext} from '../../src/processor'
import {openTestDatabase} from './database'
import {requestTestDatabase} from './database-service'
import {isView} from '../../src/store/views'

// ---------------------------------------------------------------------------------------------
// Deployment and accounts

/** A fake deployment: every address is distinct and lowercase (as decoded logs carry them). */
export const MANIFEST: DeploymentManifest = {
    chainId: 31337,
    rpcUrl: 'http://127.0.0.1:1',
    startBlock: 0,
    contracts: {
        SaharaToken: '0x5a00000000000000000000000000000000000001',
        AssetRegistry: '0x5a00000000000000000000000000000000000002',
        ContributionReceipts: '0x5a00000000000000000000000000000000000003',
        LicenseRegistry: '0x5a00000000000000000000000000000000000004',
        InvocationRouter: '0x5a00000000000000000000000000000000000005',
        RevenueVault: '0x5a00000000000000000000000000000000000006',
        Treasury: '0x5a00000000000000000000000000000000000007',
        DualTrackGovernor: '0x5a00000000000000000000000000000000000008',
    },
}
export const TOKEN = MANIFEST.contracts.SaharaToken
export const TREASURY = MANIFEST.contracts.Treasury
export const VAULT = MANIFEST.contracts.RevenueVault
export const GOVERNOR = MANIFEST.contracts.DualTrackGovernor
export const ZERO = '0x0000000000000000000000000000000000000000'
const addr = (prefix: string, n: number) => `0x${prefix}${String(n).padStart(40 - prefix.length, '0')}`
export const ALICE = addr('a11ce', 1)
export const BOB = addr('b0b', 2)
export const CAROL = addr('ca201', 3)
export const DAVE = addr('da7e', 4)
/** An address outside the deployment. */
export const STRANGER = addr('0bad', 5)

export const MAX_UINT32 = 2 ** 32 - 1
export const MAX_UINT64 = 2n ** 64n - 1n
export const MAX_UINT128 = 2n ** 128n - 1n
export const MAX_UINT256 = 2n ** 256n - 1n

/** UTF-8 bytes of a text (for the `bytes` form of string arguments). */
export function utf8(text: string): Uint8Array {
    return new Uint8Array(Buffer.from(text, 'utf8'))
}

// ---------------------------------------------------------------------------------------------
// Events

/** A log before it is placed in a block (id, index and transaction come from `block`). */
export interface SyntheticLog {
    address: string
    topics: string[]
    data: string
    /** Transaction number within the block (default 0: every log of a block in one transaction). */
    tx?: number
}

type Codec = p.Codec<any, any> & {indexed?: boolean}
type Widen<T> = {[K in keyof T]?: T[K] extends string ? string | Uint8Array : T[K]}
type ArgsOf<E> = E extends AbiEvent<infer T> ? Widen<p.EncodedStruct<T>> : never

/** Encodes an event's topics and data with its facade codecs; omitted arguments are zero. */
export function encodeEvent<E extends AbiEvent<any>>(event: E, args: ArgsOf<E>): {topics: string[]; data: string} {
    const params = event.params as Record<string, Codec>
    const topics = [event.topic]
    const body: [Codec, unknown][] = []
    for (const [name, codec] of Object.entries(params)) {
        const value = (args as Record<string, unknown>)[name] ?? zeroOf(codec)
        let c: Codec = codec
        if (codec.baseType === 'string' && value instanceof Uint8Array) c = p.bytes // same ABI encoding
        // evm-codec 0.3.0's Sink.u128 writes the two 64-bit halves swapped (5 encodes as 5 * 2^64;
        // decoding is right): encode a uint128 as the uint256 word it equals.
        if (codec === p.uint128) {
            if (BigInt(value as any) > 2n ** 128n - 1n || BigInt(value as any) < 0n) throw new Error(`encodeEvent: ${name} = ${value} is not a uint128`)
            c = p.uint256
        }
        if (codec.indexed) {
            if (codec.isDynamic) throw new Error(`encodeEvent: indexed dynamic argument ${name} is not supported`)
            const sink = new p.Sink(1)
            c.encode(sink, value)
            topics.push(sink.toString())
        } else {
            body.push([c, value])
        }
    }
    const sink = new p.Sink(body.reduce((n, [c]) => n + (c.slotsCount ?? 1), 0))
    for (const [c, value] of body) c.encode(sink, value)
    const rec = {topics, data: sink.toString()}
    // Round trip of the integers: a wrong encoding would make a test test the encoder.
    const back = event.decode(rec) as Record<string, unknown>
    for (const [name, codec] of Object.entries(params)) {
        const given = (args as Record<string, unknown>)[name]
        if (codec.baseType === 'int' && given != null && BigInt(back[name] as any) !== BigInt(given as any)) {
            throw new Error(`encodeEvent: ${event.signature} ${name} = ${given} decodes as ${back[name]}`)
        }
    }
    return rec
}

function zeroOf(codec: Codec): unknown {
    switch (codec.baseType) {
        case 'int':
            return 0
        case 'address':
            return ZERO
        case 'bool':
            return false
        case 'string':
            return ''
        case 'bytes':
            return codec.isDynamic ? '0x' : '0x' + '00'.repeat(32)
        default:
            throw new Error(`encodeEvent: no default for a ${codec.baseType} argument`)
    }
}

/** The decoder's event kinds (src/mapping/decode.ts), each with its contract and facade event. */
const EVENTS = {
    TokenTransfer: ['SaharaToken', SaharaToken.events.Transfer],
    TokenApproval: ['SaharaToken', SaharaToken.events.Approval],
    DelegateChanged: ['SaharaToken', SaharaToken.events.DelegateChanged],
    DelegateVotesChanged: ['SaharaToken', SaharaToken.events.DelegateVotesChanged],
    AssetRegistered: ['AssetRegistry', AssetRegistry.events.AssetRegistered],
    AssetUpdated: ['AssetRegistry', AssetRegistry.events.AssetUpdated],
    AssetLinked: ['AssetRegistry', AssetRegistry.events.AssetLinked],
    ContributorShareSet: ['AssetRegistry', AssetRegistry.events.ContributorShareSet],
    AssetStatusChanged: ['AssetRegistry', AssetRegistry.events.AssetStatusChanged],
    AssetTransfer: ['AssetRegistry', AssetRegistry.events.Transfer],
    AssetApproval: ['AssetRegistry', AssetRegistry.events.Approval],
    AssetApprovalForAll: ['AssetRegistry', AssetRegistry.events.ApprovalForAll],
    ReceiptIssued: ['ContributionReceipts', ContributionReceipts.events.ReceiptIssued],
    ReceiptRevoked: ['ContributionReceipts', ContributionReceipts.events.ReceiptRevoked],
    ReceiptTransfer: ['ContributionReceipts', ContributionReceipts.events.Transfer],
    LicenseTermsCreated: ['LicenseRegistry', LicenseRegistry.events.LicenseTermsCreated],
    LicenseIssued: ['LicenseRegistry', LicenseRegistry.events.LicenseIssued],
    LicenseRevoked: ['LicenseRegistry', LicenseRegistry.events.LicenseRevoked],
    LicenseTransfer: ['LicenseRegistry', LicenseRegistry.events.Transfer],
    Invoked: ['InvocationRouter', InvocationRouter.events.Invoked],
    PaymentReceived: ['RevenueVault', RevenueVault.events.PaymentReceived],
    RevenueDistributed: ['RevenueVault', RevenueVault.events.RevenueDistributed],
    OwnerClaimed: ['RevenueVault', RevenueVault.events.OwnerClaimed],
    ReceiptClaimed: ['RevenueVault', RevenueVault.events.ReceiptClaimed],
    ProtocolFeeUpdated: ['RevenueVault', RevenueVault.events.ProtocolFeeUpdated],
    TreasuryDeposit: ['Treasury', Treasury.events.TreasuryDeposit],
    FeeReceived: ['Treasury', Treasury.events.FeeReceived],
    TreasuryDisbursement: ['Treasury', Treasury.events.TreasuryDisbursement],
    ProposalCreated: ['DualTrackGovernor', DualTrackGovernor.events.ProposalCreated],
    VoteCast: ['DualTrackGovernor', DualTrackGovernor.events.VoteCast],
    ProposalCanceled: ['DualTrackGovernor', DualTrackGovernor.events.ProposalCanceled],
    ProposalExecuted: ['DualTrackGovernor', DualTrackGovernor.events.ProposalExecuted],
    CouncilMemberAdded: ['DualTrackGovernor', DualTrackGovernor.events.CouncilMemberAdded],
    CouncilMemberRemoved: ['DualTrackGovernor', DualTrackGovernor.events.CouncilMemberRemoved],
    GovernanceParamsSet: ['DualTrackGovernor', DualTrackGovernor.events.GovernanceParamsSet],
} as const satisfies Record<string, readonly [ManifestContract, AbiEvent<any>]>

export interface LogOptions {
    /** Emitting contract (default: the event's contract in MANIFEST). */
    address?: string
    /** Transaction number within the block (default 0). */
    tx?: number
}

type EventBuilders = {[K in keyof typeof EVENTS]: (args?: ArgsOf<(typeof EVENTS)[K][1]>, opts?: LogOptions) => SyntheticLog}

/** `ev.<Kind>(args, opts)`: a log of that decoder kind, emitted by its manifest contract. */
export const ev = Object.fromEntries(
    Object.entries(EVENTS).map(([kind, [contract, event]]) => [
        kind,
        (args: any = {}, opts: LogOptions = {}): SyntheticLog => ({
            address: opts.address ?? MANIFEST.contracts[contract],
            ...encodeEvent(event as AbiEvent<any>, args),
            tx: opts.tx,
        }),
    ]),
) as EventBuilders

/** A log with the given topics and data, as is (unknown topics, malformed data). */
export function rawLog(address: string, topics: string[], data: string, tx?: number): SyntheticLog {
    return {address, topics, data, tx}
}

// ---------------------------------------------------------------------------------------------
// Blocks

/** Block time of height 0 (UTC midnight): block n is at BASE_TIME + 12 s * n unless given. */
export const BASE_TIME = Date.UTC(2026, 0, 1)
export const BLOCK_SECONDS = 12

export interface SyntheticBlock {
    header: {id: string; height: number; hash: string; parentHash: string; timestamp: number}
    logs: {
        id: string
        logIndex: number
        transactionIndex: number
        transactionHash: string
        address: string
        topics: string[]
        data: string
        block: SyntheticBlock['header']
    }[]
}

function hash32(...parts: (string | number)[]): string {
    return '0x' + crypto.createHash('sha256').update(parts.join(':')).digest('hex')
}

/** A block at `height` with the logs in order (log index = position). */
export function block(height: number, logs: SyntheticLog[] = [], opts: {timestamp?: number | Date} = {}): SyntheticBlock {
    const timestamp = opts.timestamp == null ? BASE_TIME + height * BLOCK_SECONDS * 1000 : new Date(opts.timestamp).getTime()
    const hash = hash32('block', height)
    const header = {id: `${String(height).padStart(10, '0')}-${hash.slice(2, 7)}`, height, hash, parentHash: hash32('block', height - 1), timestamp}
    return {
        header,
        logs: logs.map((l, logIndex) => ({
            id: `${String(height).padStart(10, '0')}-${String(logIndex).padStart(6, '0')}-${hash.slice(2, 7)}`,
            logIndex,
            transactionIndex: l.tx ?? 0,
            transactionHash: hash32('tx', height, l.tx ?? 0),
            address: l.address,
            topics: l.topics,
            data: l.data,
            block: header,
        })),
    }
}

/** The transaction hash `block` gives transaction `tx` of `height`. */
export function txHash(height: number, tx = 0): string {
    return hash32('tx', height, tx)
}

// ---------------------------------------------------------------------------------------------
// Harness

export interface BatchResult {
    stats: BatchStats
    /** What processBatch logged at warn level (skipped logs). */
    warnings: string[]
}

export interface BatchHarness {
    /** The test database (fresh and migrated, this file's own). */
    url: string
    ds: DataSource
    manifest: DeploymentManifest
    /** Runs one batch of `blocks` through processBatch in one transaction (rolled back if it throws). */
    run(blocks: SyntheticBlock[]): Promise<BatchResult>
    /** Runs a callback with a Store inside one transaction (as typeorm-store does for a batch). */
    withStore<T>(cb: (store: Store) => Promise<T>): Promise<T>
    get<E extends ObjectLiteral>(cls: EntityTarget<E>, id: string, relations?: FindOptionsRelations<E>): Promise<E | null>
    find<E extends ObjectLiteral>(cls: EntityTarget<E>, where?: FindOptionsWhere<E>, relations?: FindOptionsRelations<E>): Promise<E[]>
    count(cls: EntityTarget<any>): Promise<number>
    /** Rows of every entity table, by table name (tables with rows only). */
    counts(): Promise<Record<string, number>>
    query<T = any>(sql: string, params?: unknown[]): Promise<T[]>
    /** Empties every entity table (DELETE, ~20 ms; TRUNCATE of 33 tables takes ~0.5 s). */
    reset(): Promise<void>
    close(): Promise<void>
}

/** The generated entity classes (every class src/model exports that TypeORM knows as a table). */
export const ENTITIES: Function[] = (Object.values(model) as unknown[]).filter(
    (v): v is Function => typeof v === 'function' && getMetadataArgsStorage().tables.some((t) => t.target === v),
)

/** Fails fast with a clear message if the test transpiler dropped decorator metadata. */
export function assertDecoratorMetadata(): void {
    const t = Reflect.getMetadata('design:type', model.Account.prototype, 'id')
    if (t !== String) {
        throw new Error('src/model was transpiled without emitDecoratorMetadata (design:type of Account.id is missing): TypeORM cannot map @PrimaryColumn_(). Check vitest.config.mts / tsconfig.json.')
    }
}

/** A fresh migrated test database, a TypeORM DataSource on it and `run`. */
export async function openBatchHarness(manifest: DeploymentManifest = MANIFEST): Promise<BatchHarness> {
    assertDecoratorMetadata()
    // This run's shared server when the globalSetup test/helpers/database-service.ts runs (see
    // vitest.config.mts), else an embedded PostgreSQL of this file's own.
    const service = inject('testDatabaseService')
    let url: string
    let stop = async () => {}
    if (service != null) {
        url = await requestTestDatabase(service)
    } else {
        const db = await openTestDatabase()
        url = db.url
        stop = () => db.close()
    }
    const ds = new DataSource({type: 'postgres', url, namingStrategy: new SnakeNamingStrategy(), entities: ENTITIES, logging: false})
    try {
        await ds.initialize()
    } catch (e) {
        await stop()
        throw e
    }
    const decoder = new EventDecoder(manifest)
    const tables = ds.entityMetadatas.filter((m) => !isView(m.tableName)).map((m) => `"${m.tableName}"`)

    const withStore = <T>(cb: (store: Store) => Promise<T>): Promise<T> =>
        ds.transaction('SERIALIZABLE', async (em) => {
            let open = true
            const store = new Store(() => {
                if (!open) throw new Error('store used after its transaction ended (a missing await?)')
                return em
            })
            try {
                return await cb(store)
            } finally {
                open = false
            }
        })

    return {
        url,
        ds,
        manifest,
        async run(blocks) {
            const warnings: string[] = []
            const log = {
                warn: (m: unknown) => warnings.push(String(m)),
                debug() {},
                info() {},
                trace() {},
                error: (m: unknown) => warnings.push(String(m)),
                fatal: (m: unknown) => warnings.push(String(m)),
                isDebug: () => false,
                isTrace: () => false,
                child() {
                    return log
                },
            }
            const stats = await withStore((store) => {
                const ctx = {_chain: {} as any, log: log as any, store, blocks: blocks as any, isHead: false} as ProcessorContext<Store>
                return processBatch(ctx, manifest, decoder)
            })
            return {stats, warnings}
        },
        withStore,
        get: (cls, id, relations) => ds.manager.findOne(cls, {where: {id} as any, relations}),
        find: (cls, where, relations) => ds.manager.find(cls, {where, relations, order: {id: 'ASC'} as any}),
        count: (cls) => ds.manager.count(cls),
        async counts() {
            const parts = ds.entityMetadatas.filter((m) => !isView(m.tableName)).map((m) => `SELECT '${m.tableName}' AS t, count(*)::int AS n FROM "${m.tableName}"`)
            const rows: {t: string; n: number}[] = await ds.query(parts.join(' UNION ALL '))
            return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.t, r.n]))
        },
        query: (sql, params) => ds.query(sql, params as any[]),
        async reset() {
            // DELETE, not TRUNCATE: the tables hold a few rows, and TRUNCATE of 33 tables costs
            // ~0.5 s (new files per table and index). Foreign keys are skipped for the deletion only.
            await ds.transaction(async (em) => {
                await em.query(`SET LOCAL session_replication_role = replica`)
                for (const t of tables) await em.query(`DELETE FROM ${t}`)
            })
        },
        async close() {
            await ds.destroy().catch(() => {})
            await stop()
        },
    }
}

/**
 * Registers the file's hooks (open once, empty the tables before each test, close at the end)
 * and returns the harness; use it at the top level of a test file.
 */
export function useBatchHarness(manifest: DeploymentManifest = MANIFEST): BatchHarness {
    let h: BatchHarness | undefined
    const open = () => {
        if (h == null) throw new Error('the batch harness is not open yet (use it inside tests)')
        return h
    }
    beforeAll(async () => {
        h = await openBatchHarness(manifest)
    })
    afterAll(async () => {
        await h?.close()
    })
    beforeEach(async () => {
        await h?.reset()
    })
    return {
        get url() {
            return open().url
        },
        get ds() {
            return open().ds
        },
        manifest,
        run: (blocks) => open().run(blocks),
        withStore: (cb) => open().withStore(cb),
        get: (cls, id, relations) => open().get(cls, id, relations),
        find: (cls, where, relations) => open().find(cls, where, relations),
        count: (cls) => open().count(cls),
        counts: () => open().counts(),
        query: (sql, params) => open().query(sql, params),
        reset: () => open().reset(),
        close: () => open().close(),
    }
}

// ---------------------------------------------------------------------------------------------
// Common sequences (in the order the contracts emit them)

/** `register`: the ownership NFT's mint Transfer, then AssetRegistered. */
export function registerAsset(assetId: number | bigint, owner: string, args: ArgsOf<typeof AssetRegistry.events.AssetRegistered> = {}): SyntheticLog[] {
    return [ev.AssetTransfer({from: ZERO, to: owner, tokenId: assetId}), ev.AssetRegistered({assetId, owner, kind: 0, uri: `ipfs://asset/${assetId}`, contributorBps: 2000, ...args})]
}

/** `issue`: the soulbound mint Transfer, then ReceiptIssued. */
export function issueReceipt(receiptId: number | bigint, assetId: number | bigint, contributor: string, weight: bigint, contributionType = 0): SyntheticLog[] {
    return [ev.ReceiptTransfer({from: ZERO, to: contributor, tokenId: receiptId}), ev.ReceiptIssued({receiptId, assetId, contributor, contributionType, weight})]
}

/** A SAHARA mint (Transfer from the zero address). */
export function mintTokens(to: string, value: bigint): SyntheticLog {
    return ev.TokenTransfer({from: ZERO, to, value})
}
