/**
 * A chain-ordered live stream of immutable event rows (payments, votes) for a GraphQL
 * subscription, with reorg retractions. Each poll reads, in one REPEATABLE READ snapshot, the
 * finalized height, the fingerprints of the rows this stream sent that are not final yet, and the
 * rows after its cursor. A sent row whose fingerprint changed or vanished was rolled back by a
 * reorg: the stream then retracts every row it sent from that row's block on (a reorg replaces
 * whole blocks), moves its cursor back before that block and sends what the new chain has there.
 * So a client that applies ADD and RETRACT events in order holds exactly the indexed rows.
 *
 * The rows come from the processor's committed batches: a block's rows are written together (and
 * the IndexedHead with them), so a cursor of (block, key) never skips a row of a block half-seen.
 */
import type {DataSource, EntityManager} from 'typeorm'

/** Where a stream stands: after every row of blocks < `block`, and those of `block` with key <= `key` (all of it when key is null). */
export interface Cursor {
    block: number
    key: string | null
}

/** A row as a spec's SQL returns it: id, block, sort key within the block, fingerprint, payload (JSON). */
export interface LiveRow {
    id: string
    block: number
    key: string
    fp: string
    payload: any
}

export interface StreamSpec {
    /** Rows after (block, key), in chain order, at most `limit`: params $1 block, $2 key (text or null), $3 limit. */
    rowsAfterSql: string
    /** Fingerprints of rows by id: param $1 text[]; returns (id, fp). */
    fingerprintsSql: string
}

export type LiveEvent =
    | {kind: 'ADD'; row: LiveRow; cursor: string}
    | {kind: 'RETRACT'; fromBlock: number; retracted: string[]; cursor: string}

/** Rows one poll sends at most; a longer backlog continues on the next poll without waiting. */
export const LIVE_PAGE = 200

/** Opaque resume cursor: where the stream stands, and the last row sent with its fingerprint. */
export function encodeCursor(c: Cursor, last?: {id: string; fp: string}): string {
    return Buffer.from(JSON.stringify({b: c.block, k: c.key, id: last?.id, fp: last?.fp})).toString('base64url')
}

export function decodeCursor(s: string): {cursor: Cursor; last?: {id: string; fp: string}} {
    let v: any
    try {
        v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
    } catch {
        v = undefined
    }
    if (v == null || !Number.isInteger(v.b) || v.b < -1 || (v.k != null && typeof v.k !== 'string')) {
        throw new Error(`after must be a cursor received from this subscription (an event's cursor field), got "${s.slice(0, 80)}"`)
    }
    return {cursor: {block: v.b, key: v.k ?? null}, last: typeof v.id === 'string' && typeof v.fp === 'string' ? {id: v.id, fp: v.fp} : undefined}
}

/** The snapshot queries every live stream shares: heights from the processor's status tables. */
export const HEIGHTS_SQL = `
    SELECT (SELECT height FROM squid_processor.status WHERE id = 0) AS finalized,
           GREATEST((SELECT max(height) FROM squid_processor.hot_block), (SELECT height FROM squid_processor.status WHERE id = 0)) AS head`

export async function snapshot<T>(db: DataSource, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return db.transaction('REPEATABLE READ', async (em) => {
        await em.query('SET TRANSACTION READ ONLY')
        return fn(em)
    })
}

export async function heights(em: EntityManager): Promise<{finalized: number; head: number}> {
    const r = (await em.query(HEIGHTS_SQL))[0] ?? {}
    return {finalized: r.finalized == null ? -1 : Number(r.finalized), head: r.head == null ? -1 : Number(r.head)}
}

/**
 * The state of one subscriber's stream. `poll()` returns the events of one snapshot (possibly
 * none); the caller waits its interval between empty polls.
 */
export class LiveStream {
    private cursor: Cursor | undefined
    /** Rows sent that were not final when last checked: they may still be retracted. */
    private hot: {id: string; block: number; fp: string}[] = []
    /** A resume cursor to check on the first poll. */
    private resume: {cursor: Cursor; last?: {id: string; fp: string}} | undefined

    constructor(
        private spec: StreamSpec,
        after: string | null | undefined,
    ) {
        if (after != null) this.resume = decodeCursor(after)
    }

    async poll(em: EntityManager): Promise<LiveEvent[]> {
        const {finalized, head} = await heights(em)
        const events: LiveEvent[] = []
        if (this.cursor == null) {
            // a new subscriber gets what is indexed from now on; a resumed one continues after its cursor
            this.cursor = this.resume?.cursor ?? {block: head, key: null}
            const last = this.resume?.last
            this.resume = undefined
            if (last) {
                const now = (await em.query(this.spec.fingerprintsSql, [[last.id]]))[0]?.fp
                if (now === last.fp) {
                    this.hot.push({...last, block: this.cursor.block})
                } else {
                    // its last row was rolled back while away: this stream cannot know which other rows the
                    // client holds, so it retracts every block not final (or from that row's block, if final)
                    const from = Math.min(this.cursor.block, finalized + 1)
                    this.cursor = {block: from - 1, key: null}
                    events.push({kind: 'RETRACT', fromBlock: from, retracted: [last.id], cursor: encodeCursor(this.cursor)})
                }
            }
        } else if (this.hot.length > 0) {
            // retractions: the earliest sent row that changed or vanished
            const fps = new Map<string, string>()
            for (const r of await em.query(this.spec.fingerprintsSql, [this.hot.map((h) => h.id)])) fps.set(r.id, r.fp)
            let from: number | undefined
            for (const h of this.hot) if (fps.get(h.id) !== h.fp && (from == null || h.block < from)) from = h.block
            if (from != null) {
                const retracted = this.hot.filter((h) => h.block >= from!).map((h) => h.id)
                this.hot = this.hot.filter((h) => h.block < from!)
                this.cursor = {block: from - 1, key: null}
                events.push({kind: 'RETRACT', fromBlock: from, retracted, cursor: encodeCursor(this.cursor)})
            }
        }
        this.hot = this.hot.filter((h) => h.block > finalized)
        const rows: LiveRow[] = await em.query(this.spec.rowsAfterSql, [this.cursor.block, this.cursor.key, LIVE_PAGE])
        for (const r of rows) {
            const row = {...r, block: Number(r.block), key: String(r.key)}
            this.cursor = {block: row.block, key: row.key}
            if (row.block > finalized) this.hot.push({id: row.id, block: row.block, fp: row.fp})
            events.push({kind: 'ADD', row, cursor: encodeCursor(this.cursor, row)})
        }
        return events
    }

    /** True when the last poll filled a page: more rows wait. */
    static full(events: LiveEvent[]): boolean {
        return events.filter((e) => e.kind === 'ADD').length >= LIVE_PAGE
    }
}
