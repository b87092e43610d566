/**
 * Treasury analytics end to end: a simulated `small` economy on anvil (3-hour blocks, so that it
 * spans a week; full history kept to read past balances), then days without any movement, indexed
 * by the real processor, queried through the real API over HTTP and compared with the chain:
 * the balance at every day boundary and after every block that moved it equals
 * `balanceOf(treasury)` there; inflows - outflows reconcile to the balance; every breakdown
 * equals the sums of the chain's own events.
 */
import {encodeFunctionData, parseAbiItem, type Address} from 'viem'
import {beforeAll, describe, expect, it} from 'vitest'
import {rpc, sendBatch, setAutomine, toQuantity} from '../../devnet/chain'
import {simAccount} from '../../devnet/accounts'
import {DEPLOYER} from '../../devnet/deploy'
import {decimalRatio} from '../../src/domain/ratio'
import {DAY_SECONDS, dayIndexOf, dayStartOf, fillDays, unreconciledDays} from '../../src/domain/treasury'
import type {TestDatabase} from '../helpers/database'
import {useIndexedEconomy} from '../helpers/economy'
import {indexedHeight} from '../helpers/processor'
import {analyticsApiOf, expectError, type AnalyticsApi} from '../governance/analytics-api'

const E18 = 10n ** 18n
const CATEGORIES = ['GRANT', 'REWARDS', 'OPERATIONS', 'LIQUIDITY', 'OTHER']
const SOURCES = ['LICENSE', 'INVOCATION']
const iso = (day: number) => dayStartOf(day).toISOString()

describe('treasury analytics on an indexed simulated chain', () => {
    let treasury: Address
    // full history kept to read past balances; days without movement after the simulation
    const chain = useIndexedEconomy({
        seed: 3,
        scale: 'small',
        blockTime: 3 * 3600,
        pruneHistory: false,
        api: true,
        beforeIndex: async (e) => {
            treasury = e.manifest.contracts.Treasury
            // Days without any treasury movement, then a deposit and a plain transfer in one block.
            await rpc(e.client, 'anvil_mine', [toQuantity(3n), toQuantity(BigInt(DAY_SECONDS + 7 * 3600))])
            await setAutomine(e.client, false)
            try {
                const token = e.manifest.contracts.SaharaToken
                await sendBatch(e.client, [
                    {from: DEPLOYER, to: treasury, data: encodeFunctionData({abi: e.abi.Treasury, functionName: 'deposit', args: [12_345n * E18, 'late deposit']})},
                    {from: simAccount(7), to: token, data: encodeFunctionData({abi: e.abi.SaharaToken, functionName: 'transfer', args: [treasury, 77n * E18]})},
                ])
            } finally {
                await setAutomine(e.client, true)
            }
            await rpc(e.client, 'anvil_mine', [toQuantity(2n), toQuantity(BigInt(DAY_SECONDS))])
        },
    })
    let db: TestDatabase
    let api: AnalyticsApi
    let head: number
    /** Timestamp (seconds) of every block from the start block to the head. */
    const blockTime = new Map<number, number>()
    let firstDay: number
    let lastDay: number

    const balanceAt = (block: number) =>
        chain.client.readContract({address: chain.manifest.contracts.SaharaToken, abi: chain.abi.SaharaToken, functionName: 'balanceOf', args: [treasury], blockNumber: BigInt(block)}) as Promise<bigint>
    const dayOf = (block: number) => Math.floor(blockTime.get(block)! / DAY_SECONDS)
    const events = async (name: 'Treasury' | 'RevenueVault' | 'SaharaToken', eventName: string, args?: Record<string, unknown>) =>
        (await chain.client.getContractEvents({address: chain.manifest.contracts[name], abi: chain.abi[name], eventName, args, fromBlock: 0n, toBlock: BigInt(head)} as any)) as any[]

    beforeAll(async () => {
        db = chain.db
        head = Number(await chain.client.getBlockNumber())
        const blocks = await Promise.all(Array.from({length: head - chain.manifest.startBlock + 1}, (_, i) => chain.client.getBlock({blockNumber: BigInt(chain.manifest.startBlock + i)})))
        for (const b of blocks) blockTime.set(Number(b.number), Number(b.timestamp))
        firstDay = dayOf(chain.manifest.startBlock)
        lastDay = dayOf(head)
        api = await analyticsApiOf(chain.api, head)
    }, 300_000)

    it('indexes to the head, over a week with empty days in it', async () => {
        expect(await indexedHeight(db.query)).toBe(head)
        expect(lastDay - firstDay).toBeGreaterThanOrEqual(7)
        const days = await db.query<{id: string}>('SELECT id FROM treasury_day_data')
        expect(days.length).toBeLessThan(lastDay - firstDay + 1) // some days have no row: the series fills them
    })

    it('day series: the balance at every day boundary equals balanceOf(treasury) at the last block of the day', async () => {
        const points: any[] = []
        for (let offset = 0; ; offset += 4) {
            const r = await api.query(`{ treasurySeries(interval: DAY, from: "${iso(firstDay)}", to: "${iso(lastDay)}", offset: ${offset}, limit: 4) {
                page { hasMore totalCount } points { day timestamp balance inflow outflow netFlow fees deposits transfersIn disbursements transfersOut grossPayments } } }`)
            expect(r.treasurySeries.page.totalCount).toBe(lastDay - firstDay + 1)
            points.push(...r.treasurySeries.points)
            if (!r.treasurySeries.page.hasMore) break
        }
        expect(points.map((p) => p.day)).toEqual(Array.from({length: lastDay - firstDay + 1}, (_, i) => firstDay + i))
        const blocks = [...blockTime.keys()].sort((a, b) => a - b)
        let previous = 0n
        for (const p of points) {
            const last = blocks.filter((b) => dayOf(b) <= p.day).pop()!
            expect(BigInt(p.balance), `day ${p.day} (block ${last})`).toBe(await balanceAt(last))
            expect(BigInt(p.balance) - previous).toBe(BigInt(p.netFlow))
            expect(BigInt(p.inflow)).toBe(BigInt(p.fees) + BigInt(p.deposits) + BigInt(p.transfersIn))
            previous = BigInt(p.balance)
        }
        expect(points.filter((p) => BigInt(p.inflow) === 0n && BigInt(p.outflow) === 0n).length).toBeGreaterThan(0)
    })

    it('block series: every block that moved the balance is a point, and its balance equals balanceOf there', async () => {
        const points: any[] = []
        for (let offset = 0; ; offset += 10) {
            const r = await api.query(`{ treasurySeries(interval: BLOCK, from: "${iso(firstDay)}", to: "${iso(lastDay)}", offset: ${offset}, limit: 10) {
                page { hasMore } points { block timestamp balance inflow outflow flows } } }`)
            points.push(...r.treasurySeries.points)
            if (!r.treasurySeries.page.hasMore) break
        }
        const chainBalance = new Map<number, bigint>()
        for (const b of blockTime.keys()) chainBalance.set(b, await balanceAt(b))
        const moved = [...chainBalance.keys()].filter((b) => b > chain.manifest.startBlock && chainBalance.get(b) !== chainBalance.get(b - 1))
        const series = points.map((p) => p.block)
        for (const b of moved) expect(series).toContain(b)
        let previous = 0n
        for (const p of points) {
            expect(BigInt(p.balance), `block ${p.block}`).toBe(chainBalance.get(p.block))
            expect(previous + BigInt(p.inflow) - BigInt(p.outflow)).toBe(BigInt(p.balance))
            expect(new Date(p.timestamp).getTime() / 1000).toBe(blockTime.get(p.block))
            previous = BigInt(p.balance)
        }
    })

    it('inflows - outflows reconcile to the balance: raw flows, day rows and the protocol row', async () => {
        const [{net}] = await db.query(`SELECT sum(CASE WHEN kind IN ('FEE','DEPOSIT','TRANSFER_IN') THEN amount ELSE -amount END) AS net FROM treasury_flow`)
        const [{treasury_balance}] = await db.query('SELECT treasury_balance FROM protocol')
        const chainNow = await balanceAt(head)
        expect(BigInt(net)).toBe(chainNow)
        expect(BigInt(treasury_balance)).toBe(chainNow)
        const rows = await db.query('SELECT id::int AS day, fees, deposits, transfers_in, disbursements, transfers_out, gross_payments, balance_close FROM treasury_day_data')
        const days = fillDays(
            rows.map((r) => ({
                day: r.day,
                fees: BigInt(r.fees),
                deposits: BigInt(r.deposits),
                transfersIn: BigInt(r.transfers_in),
                disbursements: BigInt(r.disbursements),
                transfersOut: BigInt(r.transfers_out),
                grossPayments: BigInt(r.gross_payments),
                balanceClose: BigInt(r.balance_close),
            })),
            firstDay,
            lastDay,
            0n,
        )
        expect(unreconciledDays(days, 0n)).toEqual([])
    })

    it('summary of the whole history: every figure equals the chain events', async () => {
        const {treasurySummary: s} = await api.query(`{ treasurySummary(from: "${iso(firstDay)}", to: "${new Date(blockTime.get(head)! * 1000).toISOString()}", top: 5) {
            window { fromDay toDay days } openingBalance closingBalance netFlow reconciled grossPayments effectiveTakeRate { bps decimal }
            inflows { total fees deposits transfersIn feesBySource { source amount count } feesByAssetKind { kind amount count } }
            outflows { total disbursements transfersOut byCategory { kind category amount count } byProposal { proposalId amount count } proposalCount }
            runway { windowDays windowOutflow averageDailyOutflow balance days wholeDays }
            topFeeAssets { assetId kind fees grossPayments payments takeRate { bps } } } }`)
        expect(s.window).toEqual({fromDay: firstDay, toDay: lastDay, days: lastDay - firstDay + 1})
        const big = (v: string) => BigInt(v)
        const sum = (xs: any[], f: (x: any) => bigint) => xs.reduce((a, x) => a + f(x), 0n)

        const fees = await events('Treasury', 'FeeReceived')
        const deposits = await events('Treasury', 'TreasuryDeposit')
        const disbursements = await events('Treasury', 'TreasuryDisbursement')
        const transfersIn = await events('SaharaToken', 'Transfer', {to: treasury})
        const transfersOut = await events('SaharaToken', 'Transfer', {from: treasury})
        const payments = await events('RevenueVault', 'PaymentReceived')
        const feeSum = sum(fees, (l) => l.args.amount)
        const depositSum = sum(deposits, (l) => l.args.amount)
        const disbursedSum = sum(disbursements, (l) => l.args.amount)
        expect(fees.length).toBeGreaterThan(50)
        expect(disbursements.length).toBeGreaterThan(0)

        expect(big(s.openingBalance)).toBe(0n)
        expect(big(s.closingBalance)).toBe(await balanceAt(head))
        expect(big(s.openingBalance) + big(s.netFlow)).toBe(big(s.closingBalance))
        expect(s.reconciled).toBe(true)
        expect(big(s.inflows.fees)).toBe(feeSum)
        expect(big(s.inflows.deposits)).toBe(depositSum)
        expect(big(s.inflows.transfersIn)).toBe(sum(transfersIn, (l) => l.args.value) - feeSum - depositSum)
        expect(big(s.inflows.transfersIn)).toBeGreaterThanOrEqual(77n * E18)
        expect(big(s.outflows.disbursements)).toBe(disbursedSum)
        expect(big(s.outflows.transfersOut)).toBe(sum(transfersOut, (l) => l.args.value) - disbursedSum)
        expect(big(s.inflows.total) - big(s.outflows.total)).toBe(big(s.netFlow))

        // fees by payment source and by asset kind
        for (const src of SOURCES) {
            const expected = sum(
                payments.filter((l) => SOURCES[Number(l.args.source)] === src),
                (l) => l.args.protocolFee,
            )
            expect(big(s.inflows.feesBySource.find((x: any) => x.source === src)?.amount ?? '0'), src).toBe(expected)
        }
        expect(sum(s.inflows.feesByAssetKind, (x) => big(x.amount))).toBe(feeSum)
        const kinds = new Map((await db.query('SELECT id, kind FROM asset')).map((r) => [r.id, r.kind]))
        for (const k of s.inflows.feesByAssetKind) {
            expect(big(k.amount), k.kind).toBe(sum(payments.filter((l) => kinds.get(String(l.args.assetId)) === k.kind), (l) => l.args.protocolFee))
        }

        // outflows by category and by proposal
        expect(sum(s.outflows.byCategory, (x) => big(x.amount))).toBe(big(s.outflows.total))
        for (const c of s.outflows.byCategory.filter((x: any) => x.kind === 'DISBURSEMENT')) {
            expect(big(c.amount), c.category).toBe(sum(disbursements.filter((l) => CATEGORIES[Number(l.args.category)] === c.category), (l) => l.args.amount))
        }
        const byProposal = new Map<string, bigint>()
        for (const l of disbursements) byProposal.set(String(l.args.proposalId), (byProposal.get(String(l.args.proposalId)) ?? 0n) + l.args.amount)
        expect(s.outflows.proposalCount).toBe(byProposal.size)
        for (const p of s.outflows.byProposal) expect(big(p.amount)).toBe(byProposal.get(p.proposalId))
        expect(s.outflows.byProposal.map((p: any) => big(p.amount))).toEqual([...byProposal.values()].sort((a, b) => (b > a ? 1 : b < a ? -1 : 0)).slice(0, 5))

        // effective take rate and runway
        const gross = sum(payments, (l) => l.args.amount)
        expect(big(s.grossPayments)).toBe(gross)
        expect(s.effectiveTakeRate.decimal).toBe(decimalRatio(feeSum, gross, 8))
        const windowOut = sum(
            [...disbursements, ...transfersOut.filter((l) => !disbursements.some((d) => d.transactionHash === l.transactionHash))],
            (l) => (dayOf(Number(l.blockNumber)) > lastDay - 30 ? (l.args.amount ?? l.args.value) : 0n),
        )
        expect(big(s.runway.windowOutflow)).toBe(windowOut)
        expect(s.runway.days).toBe(windowOut === 0n ? null : decimalRatio(big(s.closingBalance) * 30n, windowOut, 2))
        expect(big(s.runway.averageDailyOutflow)).toBe(windowOut / 30n)

        // top fee-generating assets
        const perAsset = new Map<string, {fees: bigint; gross: bigint; n: number}>()
        for (const l of payments) {
            const e = perAsset.get(String(l.args.assetId)) ?? {fees: 0n, gross: 0n, n: 0}
            e.fees += l.args.protocolFee
            e.gross += l.args.amount
            e.n += 1
            perAsset.set(String(l.args.assetId), e)
        }
        const ranked = [...perAsset.values()].map((e) => e.fees).sort((a, b) => (b > a ? 1 : b < a ? -1 : 0))
        expect(s.topFeeAssets.map((a: any) => big(a.fees))).toEqual(ranked.slice(0, 5))
        for (const a of s.topFeeAssets) {
            const e = perAsset.get(a.assetId)!
            expect([big(a.fees), big(a.grossPayments), a.payments, a.kind]).toEqual([e.fees, e.gross, e.n, kinds.get(a.assetId)])
        }
    })

    it('summary of a window inside the history opens and closes at the chain balances of its boundaries', async () => {
        const from = firstDay + 2
        const to = lastDay - 2
        const {treasurySummary: s} = await api.query(`{ treasurySummary(from: "${iso(from)}", to: "${iso(to)}") { openingBalance closingBalance netFlow reconciled } }`)
        const blocks = [...blockTime.keys()].sort((a, b) => a - b)
        const lastBefore = (day: number) => blocks.filter((b) => dayOf(b) <= day).pop()!
        expect(BigInt(s.openingBalance)).toBe(await balanceAt(lastBefore(from - 1)))
        expect(BigInt(s.closingBalance)).toBe(await balanceAt(lastBefore(to)))
        expect(BigInt(s.openingBalance) + BigInt(s.netFlow)).toBe(BigInt(s.closingBalance))
        expect(s.reconciled).toBe(true)
    })

    it('rejects bad arguments with clear errors', async () => {
        const cases: [string, RegExp][] = [
            [`{ treasurySummary(from: "${iso(lastDay)}", to: "${iso(firstDay)}") { netFlow } }`, /must not be after to/],
            [`{ treasurySummary(from: "2000-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { netFlow } }`, /at most 3660 are allowed/],
            [`{ treasurySummary(from: "${iso(firstDay)}", to: "${iso(lastDay)}", top: 0) { netFlow } }`, /top must be an integer in \[1, 100\]/],
            [`{ treasurySummary(from: "${iso(firstDay)}", to: "${iso(lastDay)}", top: 101) { netFlow } }`, /top must be an integer in \[1, 100\]/],
            [`{ treasurySeries(from: "${iso(firstDay)}", to: "${iso(lastDay)}", limit: 1001) { interval } }`, /limit must be an integer in \[1, 1000\]/],
            [`{ treasurySeries(from: "${iso(firstDay)}", to: "${iso(lastDay)}", offset: -1) { interval } }`, /offset must be an integer/],
        ]
        for (const [q, re] of cases) {
            const e = await expectError(api, q)
            expect(e.message).toMatch(re)
            expect(e.code).toBe('BAD_USER_INPUT')
        }
        expect((await expectError(api, `{ treasurySeries(interval: WEEK, from: "${iso(firstDay)}", to: "${iso(lastDay)}") { interval } }`)).message).toMatch(/WEEK/)
        expect((await expectError(api, `{ treasurySummary(from: "yesterday", to: "${iso(lastDay)}") { netFlow } }`)).message).toMatch(/DateTime/)
    })
})
