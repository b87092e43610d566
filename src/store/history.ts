/**
 * History of the state rows (state at any past block, `asOfBlock` in the API).
 *
 * Every state class in HISTORY_ENTITIES has a table `<table>_history` with the same columns plus
 * `valid_from` (the block whose events produced this version) and `valid_to` (the block of the
 * next version; NULL while it is current), and `block_range = [valid_from, valid_to)`
 * (db/migrations/1796400000000-History.js). The version current at block B is the one whose
 * range contains B: the API's as-of views (schema `sahara_asof`) read exactly that.
 *
 * Versions are per block, not per batch: the batch applies its events block by block and, after
 * each block, `record` copies the column values of the rows that block changed. So a batch of
 * 1 000 blocks stores what a batch of one block stores, and reorgs, restarts and batch sizes do
 * not change the history (test/history compares it with a fresh index).
 *
 * Written in the store's transaction, never through typeorm-store's change tracker: instead each
 * batch first deletes the versions at or above its first block and reopens the versions they had
 * closed (`undoFrom`). After a rollback the processor writes from the fork point again in the same
 * transaction (typeorm-store's transactHot2), so the rolled-back versions never outlive it; a
 * rollback with no new blocks leaves versions above the indexed height, invisible to every as-of
 * query (those are bounded by the indexed height) until the next batch removes them.
 */
import type {EntityManager} from 'typeorm'
import {Account, Asset, License, LicenseTerms, Proposal, Protocol, Receipt} from '../model'
import {arrayLiteral, intArray, planOf, textArray, valueOf, type BulkColumn} from './bulk-write'

type Ctor = {new (...args: any[]): any; name: string}
type WithId = {id: string}

/** The state classes whose every version is kept, in foreign-key order. */
export const HISTORY_ENTITIES: readonly Ctor[] = [Protocol, Account, Asset, LicenseTerms, License, Receipt, Proposal]

/**
 * Columns a history table leaves out, by entity class: large values that do not change with the
 * row's other columns, read from where they already are by the as-of views (the migration):
 * an asset's uri and content hash from its AssetVersion row (`<id>-<version>`), a proposal's
 * description and actions hash and a receipt's evidence from the entity row (set once, at creation).
 * A 100 kB proposal description is thus stored once, not once per vote.
 */
export const HISTORY_OMITS: Readonly<Record<string, readonly string[]>> = {
    Asset: ['uri', 'uri_raw', 'uri_truncated', 'content_hash'],
    Proposal: ['description', 'description_raw', 'description_truncated', 'actions_hash'],
    Receipt: ['evidence'],
}

/** The history table of an entity table. */
export const historyTable = (table: string): string => `${table}_history`

interface Version {
    id: string
    block: number
    values: unknown[]
}

/** The versions one batch adds, by class: `record` after each block, `flush` once at the end. */
export class HistoryLog {
    private readonly versions = new Map<Ctor, Version[]>()

    constructor(private readonly em: EntityManager) {}

    /** Records, as of the end of `block`, the rows of `cls` that block changed. */
    record(cls: Ctor, rows: WithId[], block: number): void {
        if (rows.length === 0) return
        const columns = historyColumns(this.em, cls)
        let list = this.versions.get(cls)
        if (list == null) this.versions.set(cls, (list = []))
        for (const e of rows) list.push({id: e.id, block, values: columns.map((c) => frozen(valueOf(c, e)))})
    }

    /**
     * Writes the batch's versions: first removes any history at or above `firstBlock` (left by a
     * rollback), then closes the versions current before the batch and inserts the new ones.
     */
    async flush(firstBlock: number): Promise<number> {
        await undoFrom(this.em, firstBlock)
        let n = 0
        for (const cls of HISTORY_ENTITIES) {
            const list = this.versions.get(cls)
            if (list == null || list.length === 0) continue
            n += await this.write(cls, list)
        }
        this.versions.clear()
        return n
    }

    private async write(cls: Ctor, list: Version[]): Promise<number> {
        const table = this.em.connection.driver.escape(historyTable(this.em.connection.getMetadata(cls).tableName))
        // versions of one id in block order; each closes at the next one's block
        const byId = new Map<string, Version[]>()
        for (const v of list) {
            const vs = byId.get(v.id)
            if (vs == null) byId.set(v.id, [v])
            else if (vs[vs.length - 1].block === v.block) vs[vs.length - 1] = v // recorded twice in one block: the later wins
            else vs.push(v)
        }
        const closeIds: string[] = []
        const closeAt: number[] = []
        const rows: Version[] = []
        const validTo: (number | null)[] = []
        for (const [id, vs] of byId) {
            closeIds.push(id)
            closeAt.push(vs[0].block)
            for (let i = 0; i < vs.length; i++) {
                rows.push(vs[i])
                validTo.push(i + 1 < vs.length ? vs[i + 1].block : null)
            }
        }
        for (let i = 0; i < closeIds.length; i += CHUNK) {
            await this.em.query(`UPDATE ${table} AS h SET valid_to = u.at FROM unnest($1::text[], $2::int4[]) AS u(id, at) WHERE h.id = u.id AND h.valid_to IS NULL`, [
                textArray(closeIds.slice(i, i + CHUNK)),
                intArray(closeAt.slice(i, i + CHUNK)),
            ])
        }
        const cols = historyColumns(this.em, cls)
        const names = [...cols.map((c) => c.name), '"valid_from"', '"valid_to"'].join(', ')
        const params = [...cols.map((c, k) => `$${k + 1}::${c.arrayType}`), `$${cols.length + 1}::int4[]`, `$${cols.length + 2}::int4[]`].join(', ')
        const sql = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${params})`
        for (let i = 0; i < rows.length; i += CHUNK) {
            const part = rows.slice(i, i + CHUNK)
            const values = cols.map((c: BulkColumn, k) => arrayLiteral(c, part.map((v) => v.values[k])))
            await this.em.query(sql, [...values, intArray(part.map((v) => v.block)), intArray(validTo.slice(i, i + CHUNK))])
        }
        return rows.length
    }
}

const CHUNK = 20_000

const COLUMNS = new WeakMap<object, Map<Ctor, BulkColumn[]>>()

/** The columns of `cls` its history table keeps (every entity column but HISTORY_OMITS'), in the bulk writer's form. */
function historyColumns(em: EntityManager, cls: Ctor): BulkColumn[] {
    let byClass = COLUMNS.get(em.connection)
    if (byClass == null) COLUMNS.set(em.connection, (byClass = new Map()))
    let cols = byClass.get(cls)
    if (cols == null) {
        const omit = new Set(HISTORY_OMITS[cls.name] ?? [])
        cols = planOf(em, cls).columns.filter((c) => !omit.has(c.meta.databaseName))
        byClass.set(cls, cols)
    }
    return cols
}

/**
 * Removes the versions of blocks >= `block` and reopens the ones they closed: one statement per
 * history table, sent together (an index probe on `valid_from` when there is nothing to undo).
 */
export async function undoFrom(em: EntityManager, block: number): Promise<void> {
    if (!Number.isSafeInteger(block) || block < 0) throw new Error(`history: bad block ${block}`)
    const driver = em.connection.driver
    const sql = HISTORY_ENTITIES.map((cls) => {
        const t = driver.escape(historyTable(em.connection.getMetadata(cls).tableName))
        return (
            `WITH gone AS (DELETE FROM ${t} WHERE valid_from >= ${block} RETURNING id, valid_from) ` +
            `UPDATE ${t} AS h SET valid_to = NULL FROM (SELECT id, min(valid_from) AS first FROM gone GROUP BY id) AS g WHERE h.id = g.id AND h.valid_to = g.first`
        )
    }).join(';\n')
    await em.query(sql)
}

/** A copy of a value that later changes to the entity cannot reach (JSON columns are objects). */
function frozen(v: unknown): unknown {
    if (v == null || typeof v !== 'object') return v
    if (v instanceof Date) return new Date(v.getTime())
    if (ArrayBuffer.isView(v)) return v
    return structuredClone(v)
}

