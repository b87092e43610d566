/**
 * Bulk writes below typeorm-store's query builder: one `INSERT … SELECT FROM unnest(…)` per entity
 * class and batch, with `ON CONFLICT (id) DO UPDATE` for state rows. typeorm-store's `upsert` and
 * `insert` build a VALUES list of every row and column through TypeORM's query builder (~0.2 ms a
 * row of processor CPU, most of a batch's time); here each column is one array parameter, so the
 * statement text is fixed per class and the rows only cost their values.
 *
 * Same rows as the query-builder path (test/store/bulk-write.test.ts for awkward values,
 * test/store/bulk-equivalence.test.ts for a whole chain with hot blocks and a reorg):
 * - columns, their database names and types come from TypeORM's entity metadata, values from
 *   `ColumnMetadata.getEntityValue(e, true)` (transformers applied: bigint -> numeric text;
 *   relations -> the referenced id, in `<name>_id`);
 * - a column whose value is `undefined` is left out, as TypeORM does: not written on conflict (a
 *   row loaded without its relations keeps its foreign keys), NULL on insert. Rows are grouped by
 *   which columns they leave out (typeorm-store groups by foreign keys the same way), so a class
 *   takes one statement per batch, two when loaded and new rows differ in relations set;
 * - it runs inside the store's transaction (its EntityManager), and in hot blocks it first hands
 *   every row to the store's ChangeTracker (`trackUpsert` / `trackInsert`, exactly what
 *   `Store.upsert` / `Store.insert` call), so a rollback restores the previous rows exactly.
 *
 * This reads two non-public members of typeorm-store 1.5.1's Store (`em`, `changes`); the version
 * is pinned exactly, and test/store/bulk-internals.test.ts fails with a clear message if they change.
 */
import type {Store} from '@subsquid/typeorm-store'
import type {EntityManager} from 'typeorm'
import type {ColumnMetadata} from 'typeorm/metadata/ColumnMetadata'

type Ctor = {new (...args: any[]): any; name: string}
type WithId = {id: string}

/** typeorm-store's ChangeTracker (lib/hot.js): records the previous state of rows before they are written. */
export interface ChangeTrackerLike {
    trackUpsert(cls: Ctor, entities: WithId[]): Promise<void>
    trackInsert(cls: Ctor, entities: WithId[]): Promise<void>
}

/** What the bulk path uses of a typeorm-store Store: its transaction's EntityManager and, in hot blocks, its change tracker. */
export interface StoreInternals {
    em: EntityManager
    changes?: ChangeTrackerLike
}

const CHANGED = 'typeorm-store changed (src/store/bulk-write.ts relies on Store of @subsquid/typeorm-store 1.5.1)'

/** The store's EntityManager and change tracker; throws a message naming what changed if typeorm-store's Store no longer has them. */
export function storeInternals(store: Store): StoreInternals {
    const s = store as unknown as {em?: unknown; changes?: unknown}
    if (typeof s.em !== 'function') throw new Error(`${CHANGED}: Store has no em() function; set BULK_WRITES=0 and update src/store/bulk-write.ts`)
    const em = (s.em as () => EntityManager)()
    if (em == null || typeof em.query !== 'function' || em.connection == null) throw new Error(`${CHANGED}: Store.em() did not return an EntityManager; set BULK_WRITES=0 and update src/store/bulk-write.ts`)
    const changes = s.changes as ChangeTrackerLike | undefined
    if (changes != null && (typeof changes.trackUpsert !== 'function' || typeof changes.trackInsert !== 'function')) {
        throw new Error(`${CHANGED}: Store.changes has no trackUpsert/trackInsert; hot blocks could not be rolled back. Set BULK_WRITES=0 and update src/store/bulk-write.ts`)
    }
    return {em, changes}
}

/** One column as the bulk statement writes it. */
export interface BulkColumn {
    /** Escaped database name. */
    name: string
    /** Array type of its unnest parameter, e.g. `numeric[]`. */
    arrayType: string
    meta: ColumnMetadata
    /** The array element of one value (not null), as PostgreSQL's array input reads it. */
    element: (v: any) => string
    primary: boolean
}

export interface Plan {
    table: string
    columns: BulkColumn[]
    /** Statement text by the set of columns written ('1' = written, '0' = left out). */
    sql: Map<string, {upsert?: string; insert?: string}>
}

const PLANS = new WeakMap<object, Map<Function, Plan>>()

/** The columns of `cls` as bulk statements write them (cached per connection and class). */
export function planOf(em: EntityManager, cls: Ctor): Plan {
    const con = em.connection
    let byClass = PLANS.get(con)
    if (byClass == null) PLANS.set(con, (byClass = new Map()))
    let plan = byClass.get(cls)
    if (plan != null) return plan
    const meta = con.getMetadata(cls)
    const driver = con.driver
    const columns: BulkColumn[] = meta.columns
        // not `isVirtual`: TypeORM marks the join columns it makes for relations (`<name>_id`) virtual
        .filter((c) => !c.isVirtualProperty && c.isInsert !== false && c.databaseName)
        .map((c) => {
            const type = driver.normalizeType(c)
            return {name: driver.escape(c.databaseName), arrayType: `${type}[]`, meta: c, element: elementOf(type), primary: c.isPrimary}
        })
    const ids = columns.filter((c) => c.primary)
    if (ids.length !== 1 || ids[0].meta.databaseName !== 'id') throw new Error(`${cls.name}: bulk writes need exactly one primary column named id (got ${ids.map((c) => c.meta.databaseName).join(', ') || 'none'})`)
    plan = {table: driver.escape(meta.tableName), columns, sql: new Map()}
    byClass.set(cls, plan)
    return plan
}

function statement(plan: Plan, key: string, kind: 'upsert' | 'insert'): string {
    let entry = plan.sql.get(key)
    if (entry == null) plan.sql.set(key, (entry = {}))
    let sql = entry[kind]
    if (sql != null) return sql
    const cols = plan.columns.filter((_c, i) => key[i] === '1')
    const names = cols.map((c) => c.name).join(', ')
    const arrays = cols.map((c, i) => `$${i + 1}::${c.arrayType}`).join(', ')
    sql = `INSERT INTO ${plan.table} (${names}) SELECT * FROM unnest(${arrays})`
    if (kind === 'upsert') {
        const set = cols.filter((c) => !c.primary).map((c) => `${c.name} = EXCLUDED.${c.name}`)
        sql += set.length ? ` ON CONFLICT ("id") DO UPDATE SET ${set.join(', ')}` : ` ON CONFLICT ("id") DO NOTHING`
    }
    entry[kind] = sql
    return sql
}

/** A value as TypeORM would bind it (transformers applied: bigint -> decimal text; relations -> the referenced id). */
export function valueOf(c: BulkColumn, e: object): unknown {
    return c.meta.getEntityValue(e as any, true)
}

const NUMBER = /^-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/i
const quoted = (s: string) => '"' + (/[\\"]/.test(s) ? s.replace(/[\\"]/g, '\\$&') : s) + '"'

/**
 * How a column's values are written as array elements (the parameters are array literals built
 * here, not by the pg driver: its generic per-element conversion was most of the remaining write
 * CPU). Numbers, decimal text and booleans need no quoting; text and JSON are always quoted;
 * bytea as `\\x<hex>`; timestamps as ISO-8601 UTC (the same instant the driver would send).
 */
function elementOf(type: string): (v: any) => string {
    switch (type) {
        case 'integer':
        case 'int':
        case 'int4':
        case 'smallint':
        case 'int2':
        case 'bigint':
        case 'int8':
        case 'numeric':
        case 'decimal':
        case 'double precision':
        case 'real':
            // checked, not quoted: a value with a comma or a brace would otherwise shift the array
            return (v) => {
                const t = String(v)
                if (!NUMBER.test(t)) throw new Error(`bulk write: ${JSON.stringify(t)} is not a ${type} value`)
                return t
            }
        case 'boolean':
        case 'bool':
            return (v) => (v ? 't' : 'f')
        case 'bytea':
            return (v) => (ArrayBuffer.isView(v) ? '"\\\\x' + Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex') + '"' : quoted(String(v)))
        case 'timestamp with time zone':
        case 'timestamptz':
            return (v) => quoted((v instanceof Date ? v : new Date(v)).toISOString())
        case 'json':
        case 'jsonb':
            return (v) => quoted(JSON.stringify(v))
        default:
            return (v) => quoted(String(v))
    }
}

/** One column's values as a PostgreSQL array literal (`{…}`; NULL for null). */
export function arrayLiteral(c: BulkColumn, values: unknown[]): string {
    let out = '{'
    for (let i = 0; i < values.length; i++) {
        if (i > 0) out += ','
        const v = values[i]
        out += v == null ? 'NULL' : c.element(v)
    }
    return out + '}'
}

/** Text values as one PostgreSQL array literal (for a `$n::text[]` parameter). */
export const textArray = (xs: string[]): string => '{' + xs.map(quoted).join(',') + '}'
/** Integers (or NULL) as one PostgreSQL array literal (for a `$n::int4[]` parameter). */
export const intArray = (xs: (number | null)[]): string => '{' + xs.map((x) => (x == null ? 'NULL' : String(x))).join(',') + '}'

/** Rows of one class grouped by the columns they write; each group's values column by column. */
function groups(plan: Plan, rows: object[]): Map<string, unknown[][]> {
    const out = new Map<string, unknown[][]>()
    const n = plan.columns.length
    const values = new Array<unknown>(n)
    for (const e of rows) {
        let key = ''
        for (let i = 0; i < n; i++) {
            const v = valueOf(plan.columns[i], e)
            values[i] = v
            key += v === undefined ? '0' : '1'
        }
        let g = out.get(key)
        if (g == null) {
            g = []
            for (let i = 0; i < n; i++) if (key[i] === '1') g.push([])
            out.set(key, g)
        }
        let j = 0
        for (let i = 0; i < n; i++) if (key[i] === '1') g[j++].push(values[i])
    }
    return out
}

/** Rows a statement carries at most (bounds the parameter sizes; a batch rarely has more of one class). */
const CHUNK = 20_000

async function write(store: Store, rows: WithId[], kind: 'upsert' | 'insert'): Promise<void> {
    if (rows.length === 0) return
    const cls = rows[0].constructor as Ctor
    for (const r of rows) if (r.constructor !== cls) throw new Error(`bulk ${kind} of ${cls.name}: every row must be of the same class (got a ${r.constructor.name})`)
    const {em, changes} = storeInternals(store)
    // Hot block: the change log first, from the rows as they are before this write.
    if (changes != null) await (kind === 'upsert' ? changes.trackUpsert(cls, rows) : changes.trackInsert(cls, rows))
    const plan = planOf(em, cls)
    for (let i = 0; i < rows.length; i += CHUNK) {
        for (const [key, cols] of groups(plan, rows.slice(i, i + CHUNK))) {
            const written = plan.columns.filter((_c, k) => key[k] === '1')
            await em.query(statement(plan, key, kind), cols.map((values, k) => arrayLiteral(written[k], values)))
        }
    }
}

/** Upserts rows of one entity class (same rows as `store.upsert(rows)`), hot blocks tracked. */
export function bulkUpsert(store: Store, rows: WithId[]): Promise<void> {
    return write(store, rows, 'upsert')
}

/** Inserts rows of one entity class (same rows as `store.insert(rows)`; an existing id fails), hot blocks tracked. */
export function bulkInsert(store: Store, rows: WithId[]): Promise<void> {
    return write(store, rows, 'insert')
}
