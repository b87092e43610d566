/**
 * EntityCache / EventRows on real PostgreSQL through typeorm-store's Store (test/helpers/batch.ts):
 * loading in chunks, the want-before-create rule, and that flush writes only the rows marked dirty.
 */
import {describe, expect, it, vi} from 'vitest'
import {ALICE, BOB, CAROL, block, ev, issueReceipt, registerAsset, useBatchHarness} from '../../test/helpers/batch'
import {newAccount} from '../mapping/state'
import {Account, Asset, Payment, Protocol, Receipt, TokenTransfer} from '../model'
import {storeInternals} from './bulk-write'
import {EntityCache, EventRows} from './entity-cache'
import {isView} from './views'

const h = useBatchHarness()
const id = (n: number) => `0x${n.toString(16).padStart(40, '0')}`

async function seed(n: number) {
    await h.withStore((store) => store.insert(Array.from({length: n}, (_, i) => newAccount(id(i), 1))))
}

describe('EntityCache', () => {
    it('loads the wanted ids with one query per chunk; ids missing from the database stay unknown', async () => {
        await seed(7)
        await h.withStore(async (store) => {
            const em = storeInternals(store).em
            const find = vi.spyOn(em, 'query')
            const c = new EntityCache(Account)
            for (let i = 0; i < 10; i++) c.want(id(i)) // 7 stored, 3 not
            c.want(id(0)) // twice: once
            c.want(null)
            c.want(undefined)
            await c.load(store, 3)
            expect(find).toHaveBeenCalledTimes(4) // ceil(10 / 3)
            expect([...c.all()].map((a) => a.id).sort()).toEqual(Array.from({length: 7}, (_, i) => id(i)))
            expect(c.get(id(8))).toBeUndefined()
            // Loaded rows are not asked for again; a second load with nothing new queries nothing.
            c.want(id(1))
            await c.load(store)
            expect(find).toHaveBeenCalledTimes(4)
        })
    })

    it('loads rows exactly as TypeORM hydrates them (values, transformers, nulls), relations as {id}', async () => {
        await h.run([block(1, [...registerAsset(1, ALICE), ...registerAsset(2, BOB)])])
        await h.run([block(2, [...issueReceipt(1, 1, CAROL, 5n), ev.PaymentReceived({paymentId: 1, assetId: 2, payer: CAROL, source: 0, amount: 1000n, protocolFee: 10n})])])
        for (const cls of [Account, Asset, Receipt, Payment, Protocol] as any[]) {
            await h.withStore(async (store) => {
                const expected = await store.find(cls, {loadRelationIds: {disableMixedMap: true}} as any)
                expect(expected.length, cls.name).toBeGreaterThan(0)
                const c = new EntityCache<any>(cls)
                for (const e of expected) c.want(e.id)
                await c.load(store)
                for (const e of expected) {
                    const got = c.get(e.id)
                    expect(got).toBeInstanceOf(cls)
                    // TypeORM leaves a NULL foreign key's relation null or undefined (the cache says null),
                    // and loadRelationIds also loads the ids of one-to-many and inverse one-to-one relations (extra queries the cache never makes)
                    const many = new Set(h.ds.getMetadata(cls).relations.filter((r) => r.isOneToMany || r.isOneToOneNotOwner).map((r) => r.propertyName))
                    const norm = (x: any) => JSON.parse(JSON.stringify(x, (k, v) => (many.has(k) ? undefined : typeof v === 'bigint' ? `${v}n` : v === undefined ? null : v)))
                    expect(norm(got), `${cls.name} ${e.id}`).toEqual(norm(e))
                    for (const [k, v] of Object.entries(e)) if (typeof v === 'bigint' || v instanceof Date || Buffer.isBuffer(v)) expect(typeof got[k] === typeof v && got[k]?.constructor === (v as any).constructor, `${cls.name}.${k}`).toBe(true)
                }
            })
        }
    })

    it('getOrCreate: returns the loaded row, creates a wanted-but-missing one, refuses an id never wanted', async () => {
        await seed(1)
        await h.withStore(async (store) => {
            const c = new EntityCache(Account)
            c.want(id(0))
            c.want(id(5))
            await c.load(store)
            const create = vi.fn(() => newAccount(id(5), 9))
            expect(c.getOrCreate(id(0), create).firstSeenBlock).toBe(1)
            expect(create).not.toHaveBeenCalled()
            expect(c.getOrCreate(id(5), create).firstSeenBlock).toBe(9)
            expect(c.getOrCreate(id(5), create)).toBe(c.get(id(5))) // created once
            expect(create).toHaveBeenCalledTimes(1)
            expect(() => c.getOrCreate(id(6), () => newAccount(id(6), 9))).toThrow(/Account 0x0+6: getOrCreate on an id that was never declared with want\(\) before load\(\)/)
            // A row created earlier in the batch (add) may be got again without a want.
            c.add(newAccount(id(7), 9))
            expect(c.getOrCreate(id(7), create).id).toBe(id(7))
        })
    })

    it('must: the row, or an error naming the class and the id', async () => {
        await seed(1)
        await h.withStore(async (store) => {
            const c = new EntityCache(Account)
            c.want(id(0))
            c.want(id(3))
            await c.load(store)
            expect(c.must(id(0)).id).toBe(id(0))
            expect(() => c.must(id(3))).toThrow(`Account ${id(3)} is not known to the indexer (event out of order or missed)`)
            expect(() => c.must(id(4), 'account')).toThrow(`account ${id(4)} is not known`)
        })
    })

    it('flush upserts only the rows marked dirty (touch, add, getOrCreate), once, then nothing', async () => {
        await seed(3)
        await h.withStore(async (store) => {
            const upsert = vi.spyOn(store, 'upsert')
            const c = new EntityCache(Account)
            for (let i = 0; i < 4; i++) c.want(id(i))
            await c.load(store)
            c.touch(c.must(id(0))).balance = 10n
            c.touch(c.must(id(0))).balance += 1n // touched twice: written once
            c.must(id(1)).balance = 99n // changed but not touched: not written
            c.getOrCreate(id(3), () => newAccount(id(3), 2))
            expect(await c.flush(store)).toBe(2)
            expect(upsert).toHaveBeenCalledTimes(1)
            expect((upsert.mock.calls[0][0] as Account[]).map((a) => a.id).sort()).toEqual([id(0), id(3)])
            expect(await c.flush(store)).toBe(0)
            expect(upsert).toHaveBeenCalledTimes(1)
        })
        const rows = await h.query<{id: string; balance: string}>(`SELECT id, balance FROM account ORDER BY id`)
        expect(rows.map((r) => [r.id, r.balance])).toEqual([
            [id(0), '11'],
            [id(1), '0'],
            [id(2), '0'],
            [id(3), '0'],
        ])
    })
})

describe('EventRows', () => {
    it('inserts its rows once and is empty afterwards; an id inserted twice fails', async () => {
        const row = (n: number) => new TokenTransfer({id: `t${n}`, from: id(1), to: id(2), amount: BigInt(n), block: 1, timestamp: new Date(0), txHash: '0x'})
        await h.withStore(async (store) => {
            const rows = new EventRows(TokenTransfer)
            rows.push(row(1))
            rows.push(row(2))
            expect(await rows.flush(store)).toBe(2)
            expect(rows.rows).toEqual([])
            expect(await rows.flush(store)).toBe(0)
        })
        expect(await h.count(TokenTransfer)).toBe(2)
        await expect(
            h.withStore(async (store) => {
                const rows = new EventRows(TokenTransfer)
                rows.push(row(1))
                await rows.flush(store)
            }),
        ).rejects.toThrow(/duplicate key/)
    })
})

describe('src/model as vitest loads it', () => {
    // vitest 4 (Vite 8) transpiles with Oxc, which honours tsconfig's emitDecoratorMetadata: the
    // `design:type` TypeORM reads for @PrimaryColumn_() is there. Were it dropped, the id columns
    // would have no type; this compares every column with the schema the migrations built.
    it('every entity column has the type and nullability of the migrated table', async () => {
        const db = await h.query<{table_name: string; column_name: string; data_type: string; is_nullable: string}>(
            `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
        )
        const actual = new Map(db.map((c) => [`${c.table_name}.${c.column_name}`, `${c.data_type} ${c.is_nullable === 'YES' ? 'null' : 'not null'}`]))
        const expected = new Map<string, string>()
        // views (src/store/views.ts) report every column nullable: their types are checked end to end
        for (const m of h.ds.entityMetadatas.filter((m) => !isView(m.tableName))) {
            for (const c of m.columns) expected.set(`${m.tableName}.${c.databaseName}`, `${h.ds.driver.normalizeType(c)} ${c.isNullable ? 'null' : 'not null'}`)
        }
        expect(expected.size).toBeGreaterThan(300)
        expect(expected.get('account.id')).toBe('character varying not null')
        // Same columns both ways (the migrations' bookkeeping table aside), same types.
        const tables = new Set(h.ds.entityMetadatas.map((m) => m.tableName).filter((t) => !isView(t)))
        expect(Object.fromEntries(expected)).toEqual(Object.fromEntries([...actual].filter(([k]) => tables.has(k.split('.')[0]))))
        // and the history tables (test/history/catalog.test.ts checks their columns)
        const others = [...new Set(db.map((c) => c.table_name))].filter((t) => !tables.has(t) && !isView(t))
        expect(others.filter((t) => !t.endsWith('_history'))).toEqual(['migrations'])
    })
})
