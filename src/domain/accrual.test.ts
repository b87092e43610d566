/**
 * SPEC §6.3 receipt accrual: the TypeScript functions (./accrual.ts) and their SQL twin
 * (./accrual-sql.ts, executed on a real PostgreSQL over columns typed like the migrated receipt,
 * asset and day-bucket tables) against one reference model written here from the SPEC text.
 *
 * The model replays a receipt's life on its asset's accumulator path acc[0..n] (acc only grows):
 * issued at time i it stores s = acc[i]; while active its accrued amount is floor(w (acc - s) / 1e18);
 * revoking at time j freezes it at its value at that moment; claimable = accrued - claimed. The
 * implementations see only what the indexer stores (weight, accSnapshot, revoked, accAtRevoke,
 * claimed, accumulators) and must agree to the wei, for weights and accumulators up to 2^256.
 */
import fc from 'fast-check'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import * as dashboardsSql from '../../dashboards/lib/sql'
import {openTestDatabase, type TestDatabase} from '../../test/helpers/database'
import {accruedAt, accruedBetween, receiptAccrued, receiptAccruedAt, receiptClaimable, receiptEarnedBetween, type ReceiptPosition} from './accrual'
import {accruedBetweenSql, receiptAccruedAtSql, receiptAccruedSql, receiptClaimableSql, receiptEarnedSql} from './accrual-sql'
import * as attributionSql from './attribution-sql'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150)
const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined

// ------------------------------------------------------------------ reference model (SPEC §6.3)

const E18 = 10n ** 18n
const U256_MAX = 2n ** 256n - 1n

/** A receipt's life on one asset: issued at time `issueAt`, revoked at `revokeAt` (>= issueAt) or never. */
interface Life {
    weight: bigint
    issueAt: number
    revokeAt: number | null
    /** Share of the final accrued amount claimed, in 1/1000. */
    claimPermille: number
}

interface ModelReceipt {
    /** receiptAccrued after each time t (0 before the issue: the receipt does not exist yet). */
    accrued: bigint[]
    /** s_i, stored at issue. */
    snapshot: bigint
    /** The accumulator at revocation, null if never revoked. */
    accAtRevoke: bigint | null
    /** The value revocation froze, null if never revoked. */
    frozen: bigint | null
    claimed: bigint
    claimable: bigint
}

/** Replays the SPEC text step by step over the accumulator path. */
function model(acc: readonly bigint[], life: Life): ModelReceipt {
    let state: 'unissued' | 'active' | 'revoked' = 'unissued'
    let snapshot = 0n
    let accAtRevoke: bigint | null = null
    let frozen: bigint | null = null
    const accrued: bigint[] = []
    for (let t = 0; t < acc.length; t++) {
        // "each receipt i of asset A stores s_i = accRevenuePerWeight[A] at issue"
        if (t === life.issueAt) {
            state = 'active'
            snapshot = acc[t]
        }
        let value = 0n
        // "While active, receiptAccrued(i) = w_i * (accRevenuePerWeight[A] - s_i) / 1e18 (floor)"
        if (state === 'active') value = floorDiv(life.weight * (acc[t] - snapshot), E18)
        // "revoking freezes it at its value at that moment"
        else if (state === 'revoked') value = frozen!
        if (t === life.revokeAt) {
            state = 'revoked'
            frozen = value
            accAtRevoke = acc[t]
        }
        accrued.push(value)
    }
    const final = accrued[accrued.length - 1]
    // "receiptClaimable = receiptAccrued - claimed"
    const claimed = (final * BigInt(life.claimPermille)) / 1000n
    return {accrued, snapshot, accAtRevoke, frozen, claimed, claimable: final - claimed}
}

function floorDiv(a: bigint, b: bigint): bigint {
    const q = a / b
    return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/** The receipt as the indexer stores it at the end of the path. */
function position(m: ModelReceipt, life: Life): ReceiptPosition {
    return {weight: life.weight, accSnapshot: m.snapshot, revoked: life.revokeAt !== null, accAtRevoke: m.accAtRevoke, claimed: m.claimed}
}

/** Is the receipt alive over the whole accumulator move t1 -> t2 (issued at or before t1, not revoked before t2)? */
function aliveOver(life: Life, t1: number, t2: number): boolean {
    return life.issueAt <= t1 && (life.revokeAt === null || t2 <= life.revokeAt)
}

// ------------------------------------------------------------------ scenarios

const weightArb = fc.oneof(fc.bigInt(1n, 10n), fc.bigInt(1n, 10n ** 24n), fc.bigInt(10n ** 24n, U256_MAX), fc.constant(U256_MAX))
const accStartArb = fc.oneof(fc.constant(0n), fc.bigInt(0n, 10n ** 18n), fc.bigInt(0n, 2n ** 252n))
const incrementArb = fc.oneof(fc.constant(0n), fc.bigInt(0n, 3n), fc.bigInt(0n, 10n ** 19n), fc.bigInt(0n, 2n ** 248n))

interface Scenario {
    /** The asset's accumulator after each time step (non-decreasing, < 2^256). */
    acc: bigint[]
    lives: Life[]
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.tuple(accStartArb, fc.array(incrementArb, {minLength: 1, maxLength: 8})).chain(([start, incs]) => {
    const acc = [start]
    for (const d of incs) acc.push(acc[acc.length - 1] + d)
    const n = acc.length - 1
    const lifeArb: fc.Arbitrary<Life> = fc
        .tuple(weightArb, fc.integer({min: 0, max: n}), fc.integer({min: 0, max: 1000}))
        .chain(([weight, issueAt, claimPermille]) =>
            fc.option(fc.integer({min: issueAt, max: n}), {nil: null}).map((revokeAt) => ({weight, issueAt, revokeAt, claimPermille})),
        )
    return fc.array(lifeArb, {minLength: 1, maxLength: 5}).map((lives) => ({acc, lives}))
})

// ------------------------------------------------------------------ tests

describe('SPEC §6.3 accrual (src/domain/accrual.ts)', () => {
    it('agrees with the reference model: accrued, claimable, frozen at revocation, any past accumulator, windows and per-event shares', () => {
        fc.assert(
            fc.property(scenarioArb, ({acc, lives}) => {
                const n = acc.length - 1
                expect(acc[n] <= U256_MAX).toBe(true)
                for (const life of lives) {
                    const m = model(acc, life)
                    const r = position(m, life)
                    expect(receiptAccrued(r, acc[n])).toBe(m.accrued[n])
                    expect(receiptClaimable(r, acc[n])).toBe(m.claimable)
                    if (life.revokeAt !== null) {
                        // What the ReceiptRevoked handler stores as frozenAccrued: the active receipt's accrued amount at that moment.
                        expect(receiptAccrued({...r, revoked: false, accAtRevoke: null}, acc[life.revokeAt])).toBe(m.frozen)
                        expect(receiptAccrued(r, acc[n])).toBe(m.frozen)
                    }
                    let attributed = 0n
                    for (let t2 = 0; t2 <= n; t2++) {
                        expect(receiptAccruedAt(r, acc[t2])).toBe(m.accrued[t2])
                        for (let t1 = 0; t1 <= t2; t1++) {
                            expect(receiptEarnedBetween(r, acc[t1], acc[t2])).toBe(m.accrued[t2] - m.accrued[t1])
                            if (aliveOver(life, t1, t2)) expect(accruedBetween(r.weight, r.accSnapshot, acc[t1], acc[t2])).toBe(m.accrued[t2] - m.accrued[t1])
                        }
                        // SPEC: the attributions of the events the receipt is active at sum exactly to receiptAccrued.
                        if (t2 > 0 && aliveOver(life, t2 - 1, t2)) attributed += accruedBetween(r.weight, r.accSnapshot, acc[t2 - 1], acc[t2])
                    }
                    expect(attributed).toBe(m.accrued[n])
                }
            }),
            {numRuns: RUNS * 4, seed: SEED},
        )
    })

    it('worked examples', () => {
        // weight 3 from acc 0.5e18: 3 x 0.25e18 / 1e18 = 0.75 -> 0; then 3 x 1.5e18 / 1e18 = 4.5 -> 4.
        const r: ReceiptPosition = {weight: 3n, accSnapshot: E18 / 2n, revoked: false, accAtRevoke: null, claimed: 1n}
        expect(receiptAccrued(r, (3n * E18) / 4n)).toBe(0n)
        expect(receiptAccrued(r, 2n * E18)).toBe(4n)
        expect(receiptClaimable(r, 2n * E18)).toBe(3n)
        const revoked = {...r, revoked: true, accAtRevoke: 2n * E18}
        expect(receiptAccrued(revoked, 10n * E18)).toBe(4n)
        expect(receiptAccruedAt(revoked, 0n)).toBe(0n)
        expect(receiptAccruedAt(revoked, 10n * E18)).toBe(4n)
        expect(receiptEarnedBetween(revoked, E18, 10n * E18)).toBe(4n - 1n)
        expect(accruedAt(U256_MAX, 0n, U256_MAX)).toBe((U256_MAX * U256_MAX) / E18)
    })

    it('rejects an accumulator below the snapshot and a revoked receipt without accAtRevoke', () => {
        expect(() => accruedAt(1n, 5n, 4n)).toThrow(RangeError)
        expect(() => receiptAccrued({weight: 1n, accSnapshot: 0n, revoked: true, accAtRevoke: null}, 1n)).toThrow(/accAtRevoke/)
    })

    it('is the one SQL twin the other modules use', () => {
        expect(dashboardsSql.receiptEarnedSql).toBe(receiptEarnedSql)
        expect(attributionSql.receiptAccruedSql).toBe(receiptAccruedSql)
        expect(attributionSql.shareSql('d', 'r')).toBe(accruedBetweenSql('r.weight', 'r.acc_snapshot', 'd.acc_before', 'd.acc_after'))
    })
})

describe('SPEC §6.3 accrual in SQL (src/domain/accrual-sql.ts) on PostgreSQL', () => {
    let db: TestDatabase

    beforeAll(async () => {
        db = await openTestDatabase()
        // Columns typed exactly like the migrated tables the resolvers, exports and dashboards read.
        await db.query(`CREATE TABLE accrual_asset AS SELECT id, acc_revenue_per_weight FROM asset WITH NO DATA`)
        await db.query(`CREATE TABLE accrual_receipt AS SELECT id, asset_id, weight, acc_snapshot, revoked, acc_at_revoke, claimed FROM receipt WITH NO DATA`)
        await db.query(`CREATE TABLE accrual_history AS SELECT 0 AS t, acc_close AS acc FROM asset_day_data WITH NO DATA`)
    })

    afterAll(async () => {
        await db?.close()
    })

    it('agrees with the reference model to the wei (the same scenarios as the TypeScript functions)', async () => {
        await fc.assert(
            fc.asyncProperty(scenarioArb, async ({acc, lives}) => {
                const n = acc.length - 1
                const ms = lives.map((life) => model(acc, life))
                await db.query('TRUNCATE accrual_asset, accrual_receipt, accrual_history')
                await db.query(`INSERT INTO accrual_asset VALUES ('1', $1)`, [acc[n].toString()])
                await db.query(`INSERT INTO accrual_history SELECT * FROM unnest($1::int[], $2::numeric[])`, [acc.map((_, t) => t), acc.map(String)])
                await db.query(`INSERT INTO accrual_receipt SELECT i::text, '1', w, s, rv, ar, c FROM unnest($1::int[], $2::numeric[], $3::numeric[], $4::boolean[], $5::numeric[], $6::numeric[]) AS x(i, w, s, rv, ar, c)`, [
                    lives.map((_, i) => i),
                    lives.map((l) => l.weight.toString()),
                    ms.map((m) => m.snapshot.toString()),
                    lives.map((l) => l.revokeAt !== null),
                    ms.map((m) => (m.accAtRevoke === null ? null : m.accAtRevoke.toString())),
                    ms.map((m) => m.claimed.toString()),
                ])

                const totals = await db.query<{id: string; accrued: string; claimable: string}>(
                    `SELECT r.id, ${receiptAccruedSql('r', 'a')}::text AS accrued, ${receiptClaimableSql('r', 'a')}::text AS claimable
                     FROM accrual_receipt r JOIN accrual_asset a ON a.id = r.asset_id`,
                )
                expect(totals.length).toBe(lives.length)
                for (const row of totals) {
                    const m = ms[Number(row.id)]
                    expect(BigInt(row.accrued)).toBe(m.accrued[n])
                    expect(BigInt(row.claimable)).toBe(m.claimable)
                }

                const windows = await db.query<{id: string; t1: number; t2: number; at: string; earned: string; between: string}>(
                    `SELECT r.id, h1.t AS t1, h2.t AS t2, ${receiptAccruedAtSql('h2.acc', 'r')}::text AS at,
                            ${receiptEarnedSql('h1.acc', 'h2.acc', 'r')}::text AS earned,
                            ${accruedBetweenSql('r.weight', 'r.acc_snapshot', 'h1.acc', 'h2.acc')}::text AS between
                     FROM accrual_receipt r CROSS JOIN accrual_history h1 JOIN accrual_history h2 ON h1.t <= h2.t`,
                )
                expect(windows.length).toBe((lives.length * (n + 1) * (n + 2)) / 2)
                for (const row of windows) {
                    const i = Number(row.id)
                    const m = ms[i]
                    expect(BigInt(row.at)).toBe(m.accrued[row.t2])
                    expect(BigInt(row.earned)).toBe(m.accrued[row.t2] - m.accrued[row.t1])
                    if (aliveOver(lives[i], row.t1, row.t2)) expect(BigInt(row.between)).toBe(m.accrued[row.t2] - m.accrued[row.t1])
                }
            }),
            {numRuns: RUNS, seed: SEED},
        )
    })
})
