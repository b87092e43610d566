import {Store} from '@subsquid/typeorm-store'
import type {EntityManager} from 'typeorm'
import type {ColumnMetadata} from 'typeorm/metadata/ColumnMetadata'
import {bulkInsert, bulkUpsert, storeInternals, textArray} from './bulk-write'

type Ctor<E> = {new (props?: Partial<E>): E; name: string}
type WithId = {id: string}

/**
 * The batch's working set of one entity class: ids requested during decoding are loaded with
 * one `IN` query per class, changes are applied in memory, and every touched row is written
 * once at the end of the batch (upsert). No per-event query and no per-event write.
 */
export class EntityCache<E extends WithId> {
    private rows = new Map<string, E>()
    private wanted = new Set<string>()
    private dirty = new Set<string>()
    /** Ids changed since the last `takeBlockChanges()` (the block being applied), for the history of state rows (src/store/history.ts). */
    private blockDirty = new Set<string>()
    /** Ids looked up in the database (found or not): only these, or rows already here, may be created. */
    private looked = new Set<string>()

    constructor(readonly cls: Ctor<E>) {}

    /** Declares that the batch will read `id` (call before `load`). */
    want(id: string | undefined | null): void {
        if (id != null && !this.rows.has(id)) this.wanted.add(id)
    }

    /**
     * Loads the wanted rows: one `id = ANY($1)` statement per 5 000 ids, hydrated as TypeORM's
     * `find` would (its driver's value conversions, transformers applied), relations as `{id}`
     * (read from the row's own foreign-key column, no join: the history of a row keeps its foreign
     * keys, src/store/history.ts). Not through `store.find`: building a 5 000-id IN query in
     * TypeORM's query builder cost more processor CPU than the rest of the load.
     */
    async load(store: Store, chunk = 5000): Promise<void> {
        const ids = [...this.wanted].filter((id) => !this.rows.has(id))
        this.wanted.clear()
        if (ids.length === 0) return
        for (const id of ids) this.looked.add(id)
        const {em} = storeInternals(store)
        const plan = loadPlan(em, this.cls)
        for (let i = 0; i < ids.length; i += chunk) {
            const found: Record<string, unknown>[] = await em.query(plan.sql, [textArray(ids.slice(i, i + chunk))])
            for (const raw of found) {
                const e = hydrate(plan, raw) as E
                this.rows.set(e.id, e)
            }
        }
    }

    get(id: string): E | undefined {
        return this.rows.get(id)
    }

    /** The row, which must exist (loaded or created earlier in the batch). */
    must(id: string, what = this.cls.name): E {
        const e = this.rows.get(id)
        if (e == null) throw new Error(`${what} ${id} is not known to the indexer (event out of order or missed)`)
        return e
    }

    /**
     * Returns the row, creating it when the database has none, and marks it for writing. The id
     * must have been declared with `want` before `load` (or created earlier in the batch): creating
     * a row that was never looked up would overwrite the stored one, so that is a programming error.
     */
    getOrCreate(id: string, create: () => E): E {
        let e = this.rows.get(id)
        if (e == null) {
            if (!this.looked.has(id)) {
                throw new Error(`${this.cls.name} ${id}: getOrCreate on an id that was never declared with want() before load() (a handler's want is missing it)`)
            }
            e = create()
            this.rows.set(id, e)
        }
        this.dirty.add(id)
        this.blockDirty.add(id)
        return e
    }

    add(e: E): E {
        this.rows.set(e.id, e)
        this.dirty.add(e.id)
        this.blockDirty.add(e.id)
        return e
    }

    /** Marks a loaded row as changed; returns it for chaining. */
    touch(e: E): E {
        this.dirty.add(e.id)
        this.blockDirty.add(e.id)
        return e
    }

    /** The rows changed since the previous call (one block's changes), and forgets them. */
    takeBlockChanges(): E[] {
        if (this.blockDirty.size === 0) return []
        const out = [...this.blockDirty].map((id) => this.rows.get(id)!)
        this.blockDirty.clear()
        return out
    }

    changed(): E[] {
        return [...this.dirty].map((id) => this.rows.get(id)!)
    }

    all(): IterableIterator<E> {
        return this.rows.values()
    }

    /** Upserts the changed rows: with `bulk`, one unnest statement (src/store/bulk-write.ts), else typeorm-store's `upsert`. */
    async flush(store: Store, bulk = false): Promise<number> {
        const list = this.changed()
        if (list.length > 0) await (bulk ? bulkUpsert(store, list) : store.upsert(list))
        this.dirty.clear()
        return list.length
    }
}

/** Immutable event rows of one class, inserted once at the end of the batch. */
export class EventRows<E extends WithId> {
    readonly rows: E[] = []
    constructor(readonly cls: Ctor<E>) {}
    push(e: E): E {
        this.rows.push(e)
        return e
    }
    /** Inserts the rows: with `bulk`, one unnest statement (src/store/bulk-write.ts), else typeorm-store's `insert`. */
    async flush(store: Store, bulk = false): Promise<number> {
        const n = this.rows.length
        if (n > 0) await (bulk ? bulkInsert(store, this.rows) : store.insert(this.rows))
        this.rows.length = 0
        return n
    }
}

interface LoadPlan {
    cls: Ctor<any>
    sql: string
    /** Plain columns: hydrated into their property. */
    columns: ColumnMetadata[]
    /** Foreign keys of relations: `{id}` in the relation's property. */
    relations: {column: string; property: string}[]
    driver: EntityManager['connection']['driver']
}

const LOAD_PLANS = new WeakMap<object, Map<Function, LoadPlan>>()

function loadPlan(em: EntityManager, cls: Ctor<any>): LoadPlan {
    let byClass = LOAD_PLANS.get(em.connection)
    if (byClass == null) LOAD_PLANS.set(em.connection, (byClass = new Map()))
    let plan = byClass.get(cls)
    if (plan != null) return plan
    const meta = em.connection.getMetadata(cls)
    const driver = em.connection.driver
    const relations = meta.columns
        .filter((c) => c.relationMetadata != null && c.databaseName)
        .map((c) => ({column: c.databaseName, property: c.relationMetadata!.propertyName}))
    const columns = meta.columns.filter((c) => c.relationMetadata == null && !c.isVirtualProperty && c.databaseName)
    const id = meta.primaryColumns[0]
    if (meta.primaryColumns.length !== 1 || id.databaseName !== 'id') throw new Error(`${cls.name}: EntityCache needs one primary column named id`)
    const sql = `SELECT ${[...columns.map((c) => c.databaseName), ...relations.map((r) => r.column)].map((n) => driver.escape(n)).join(', ')} FROM ${driver.escape(meta.tableName)} WHERE "id" = ANY($1::${driver.normalizeType(id)}[])`
    plan = {cls, sql, columns, relations, driver}
    byClass.set(cls, plan)
    return plan
}

/** One loaded row as TypeORM hydrates it (RawSqlResultsToEntityTransformer: prepareHydratedValue, then setEntityValue). */
function hydrate(plan: LoadPlan, raw: Record<string, unknown>): unknown {
    const e = new plan.cls()
    for (const c of plan.columns) c.setEntityValue(e, plan.driver.prepareHydratedValue(raw[c.databaseName], c))
    for (const r of plan.relations) {
        const v = raw[r.column]
        ;(e as Record<string, unknown>)[r.property] = v == null ? null : {id: v}
    }
    return e
}

