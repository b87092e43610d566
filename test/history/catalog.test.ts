import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {HISTORY_ENTITIES, HISTORY_OMITS, historyTable} from '../../src/store/history'
import {openTestDatabase, type TestDatabase} from '../helpers/database'

/**
 * The history tables and the as-of views, as the migrations built them, against the entity
 * tables: a migration that adds or changes an entity table without its history table or its
 * `sahara_asof` view fails here (db/migrations/1796400000000-History.js says what to add).
 */
describe('history catalog', () => {
    let db: TestDatabase
    beforeAll(async () => {
        db = await openTestDatabase()
    }, 120_000)
    afterAll(() => db?.close())

    const columns = async (schema: string, table: string) =>
        (await db.query<{c: string}>(`SELECT column_name || ' ' || data_type || ' ' || is_nullable AS c FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY column_name`, [schema, table])).map((r) => r.c)

    const tableNames = {
        Protocol: 'protocol',
        Account: 'account',
        Asset: 'asset',
        LicenseTerms: 'license_terms',
        License: 'license',
        Receipt: 'receipt',
        Proposal: 'proposal',
    } as Record<string, string>

    it('every history table has its entity table columns (same types, same nullability; the large ones of HISTORY_OMITS aside) and the block range', async () => {
        expect(HISTORY_ENTITIES.map((c) => c.name)).toEqual(Object.keys(tableNames))
        for (const cls of HISTORY_ENTITIES) {
            const t = tableNames[cls.name]
            const omit = HISTORY_OMITS[cls.name] ?? []
            const entity = (await columns('public', t)).filter((c) => !omit.includes(c.split(' ')[0]))
            expect(entity.length, t).toBeGreaterThan(3)
            expect(await columns('public', historyTable(t))).toEqual([...entity, 'block_range int4range YES', 'valid_from integer NO', 'valid_to integer YES'].sort())
        }
    })

    it('every entity table and computed view has a sahara_asof view of the same columns', async () => {
        const tables = await db.query<{t: string}>(
            `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' AND table_name NOT LIKE '%\\_history' ORDER BY 1`,
        )
        expect(tables.length).toBeGreaterThan(30)
        for (const {t} of tables) {
            const asOf = await columns('sahara_asof', t)
            expect(asOf.map((c) => c.split(' ').slice(0, 2).join(' ')), t).toEqual((await columns('public', t)).map((c) => c.split(' ').slice(0, 2).join(' ')))
        }
    })

    it('the as-of views show the version whose range holds the block, and refuse day buckets', async () => {
        const c = new pg.Client({connectionString: db.url})
        await c.connect()
        try {
            await c.query('BEGIN')
            const cols = (await c.query(`SELECT column_name AS n FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'protocol' AND column_name NOT IN ('id', 'treasury_balance')`)).rows.map((r) => r.n)
            // two versions: treasury 1 in [10, 20), 2 from 20 on
            for (const [from, to, balance] of [[10, 20, 1], [20, null, 2]]) {
                await c.query(`INSERT INTO protocol_history (id, treasury_balance, valid_from, valid_to, ${cols.join(', ')}) VALUES ('sahara', $1, $2, $3, ${cols.map(() => '0').join(', ')})`, [balance, from, to])
            }
            await c.query(`SET LOCAL search_path TO sahara_asof, public`)
            const at = async (block: number) => {
                await c.query(`SELECT set_config('sahara.as_of_block', $1, true)`, [String(block)])
                return (await c.query(`SELECT treasury_balance::text AS b FROM protocol`)).rows.map((r) => r.b)
            }
            expect(await at(9)).toEqual([])
            expect(await at(10)).toEqual(['1'])
            expect(await at(19)).toEqual(['1'])
            expect(await at(20)).toEqual(['2'])
            expect(await at(1_000_000)).toEqual(['2'])
            // refused even when empty: an as-of answer never mixes in a bucket of the head
            await expect(c.query(`SELECT * FROM treasury_day_data`)).rejects.toThrow('treasury_day_data has no history (day buckets are not versioned): ask for it without asOfBlock')
        } finally {
            await c.query('ROLLBACK').catch(() => {})
            await c.end()
        }
    })
})
