/**
 * The processor's database: typeorm-store's TypeormDatabase (hot blocks on), made to wait out a
 * PostgreSQL that goes away (restart, failover, network cut) instead of ending the processor with
 * a driver error such as `QueryRunnerAlreadyReleasedError`.
 *
 * A batch's transaction is all or nothing, and the callback rebuilds its working set from the
 * database each time (src/mapping/batch.ts keeps nothing between batches), so a transaction that
 * failed on a lost connection is simply run again once the server answers. The one ambiguous case
 * — the server committed but the acknowledgement was lost — is recognised by reading the status
 * row: if it already records the batch's head, the batch is done.
 */
import {TypeormDatabase, type TypeormDatabaseOptions} from '@subsquid/typeorm-store'
import type {DatabaseState, FinalTxInfo, HotTxInfo} from '@subsquid/typeorm-store/lib/interfaces'

export interface ResilientDatabaseOptions extends TypeormDatabaseOptions {
    /** How long to wait for PostgreSQL to come back before giving up (ms). */
    maxOutageMs?: number
    /** Called after each committed transaction with the highest block it wrote (hot blocks included). */
    onCommitted?: (height: number) => void
    log?: (msg: string) => void
    /** Checked on connect with the finalized head the database holds (e.g. that it is still on the chain). */
    checkFinalizedHead?: (head: {height: number; hash: string}) => Promise<void>
    /** Drop every indexed row and the processor status on connect, to index again from the start. */
    reindex?: boolean
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300'])
const CONNECTION_MESSAGE = /Connection terminated|connection error and is not queryable|terminating connection|server closed the connection|the database system is (starting up|shutting down|in recovery mode)|Query runner already released|timeout exceeded when trying to connect|Connection refused/i

/** Whether an error means that PostgreSQL could not be reached or dropped the connection. */
export function isDatabaseConnectionError(e: unknown): boolean {
    if (e == null || typeof e !== 'object') return false
    const err = e as {code?: unknown; name?: unknown; message?: unknown; errors?: unknown[]}
    if (typeof err.code === 'string' && (CONNECTION_CODES.has(err.code) || err.code.startsWith('08'))) return true
    if (err.name === 'QueryRunnerAlreadyReleasedError') return true
    if (typeof err.message === 'string' && CONNECTION_MESSAGE.test(err.message)) return true
    if (Array.isArray(err.errors)) return err.errors.some(isDatabaseConnectionError) // AggregateError (IPv4 + IPv6 refused)
    return false
}

export class DatabaseUnavailableError extends Error {}

export class ResilientDatabase extends TypeormDatabase {
    private readonly maxOutageMs: number
    private readonly onCommitted?: (height: number) => void
    private readonly log: (msg: string) => void

    constructor(private readonly opts: ResilientDatabaseOptions = {}) {
        super(opts)
        this.maxOutageMs = opts.maxOutageMs ?? 300_000
        this.onCommitted = opts.onCommitted
        this.log = opts.log ?? ((m) => console.error(m))
    }

    override async connect(): Promise<DatabaseState> {
        let state = (await this.withOutages('connecting', () => super.connect(), async () => false))!
        if (this.opts.reindex) {
            state = await this.dropIndexedData()
            this.log('re-indexing: dropped every indexed row and the processor status; indexing again from the start block')
        }
        if (state.height >= 0) await this.opts.checkFinalizedHead?.({height: state.height, hash: state.hash})
        return state
    }

    /** Empties every entity table (migrations and roles stay) and resets the processor status. */
    private async dropIndexedData(): Promise<DatabaseState> {
        const con = (this as any).con
        const tables: {t: string}[] = await con.query(
            `SELECT quote_ident(table_name) AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
        )
        await con.transaction(async (em: any) => {
            if (tables.length) await em.query(`TRUNCATE ${tables.map((r) => `public.${r.t}`).join(', ')} CASCADE`)
            await em.query(`DELETE FROM squid_processor.hot_block`)
            await em.query(`UPDATE squid_processor.status SET height = -1, hash = '0x', nonce = nonce + 1 WHERE id = 0`)
        })
        const [row] = await con.query(`SELECT nonce FROM squid_processor.status WHERE id = 0`)
        return {height: -1, hash: '0x', nonce: row?.nonce ?? 0, top: []}
    }

    override async transact(info: FinalTxInfo, cb: Parameters<TypeormDatabase['transact']>[1]): Promise<void> {
        const target = info.nextHead
        await this.withOutages(`writing blocks up to ${target.height}`, () => super.transact(info, cb), () => this.reached(target.hash))
        this.onCommitted?.(target.height)
    }

    override async transactHot2(info: HotTxInfo, cb: Parameters<TypeormDatabase['transactHot2']>[1]): Promise<void> {
        const top = info.newBlocks[info.newBlocks.length - 1] ?? info.finalizedHead
        await this.withOutages(`writing hot blocks up to ${top.height}`, () => super.transactHot2(info, cb), () => this.reached(top.hash))
        this.onCommitted?.(top.height)
    }

    /** Whether the status (finalized or hot) already ends at `hash`: the lost-ack case. */
    private async reached(hash: string): Promise<boolean> {
        const con = (this as any).con
        if (con == null) return false
        const rows: {hash: string}[] = await con.query(
            `SELECT hash FROM squid_processor.status WHERE id = 0 UNION ALL (SELECT hash FROM squid_processor.hot_block ORDER BY height DESC LIMIT 1)`,
        )
        return rows.some((r) => r.hash === hash)
    }

    private async withOutages<T>(what: string, run: () => Promise<T>, done: () => Promise<boolean>): Promise<T | undefined> {
        let started: number | undefined
        let attempt = 0
        for (;;) {
            try {
                if (started != null && (await done().catch(() => false))) return undefined
                const r = await run()
                if (started != null) this.log(`PostgreSQL is back after ${((Date.now() - started) / 1000).toFixed(1)} s; ${what} succeeded`)
                return r
            } catch (e: any) {
                if (!isDatabaseConnectionError(e)) throw e
                started ??= Date.now()
                attempt += 1
                const waited = Date.now() - started
                if (waited >= this.maxOutageMs) {
                    throw new DatabaseUnavailableError(
                        `PostgreSQL has been unreachable for ${Math.round(waited / 1000)} s while ${what} (${e?.message ?? e}). ` +
                            `Nothing was lost: restart the processor once the database is up and it resumes from the last committed block.`,
                    )
                }
                const pause = Math.min(10_000, 250 * 2 ** Math.min(attempt, 6)) * (0.75 + Math.random() * 0.5)
                this.log(`PostgreSQL unreachable while ${what} (${e?.message ?? e}); retry ${attempt} in ${(pause / 1000).toFixed(1)} s`)
                await new Promise((r) => setTimeout(r, pause))
                if ((this as any).con == null && what !== 'connecting') {
                    // connect() failed earlier and left no DataSource: reconnect first
                    await super.connect().catch(() => {})
                }
            }
        }
    }
}
