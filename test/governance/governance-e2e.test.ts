/**
 * Governance analytics end to end: a simulated `small` economy (both tracks, every outcome)
 * indexed by the real processor, then new proposals whose states change only with the height:
 * created (PENDING), empty blocks to the vote start (ACTIVE), votes, empty blocks to the vote end
 * (still ACTIVE) and one more (DEFEATED / VETOED / SUCCEEDED), indexed at each step. Every
 * proposal's indexed state and tally equal `state()` and `tally()` at the indexed height each
 * time. Then the resolvers over HTTP against the chain's own views and events.
 */
import {encodeFunctionData, type Address} from 'viem'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {rpc, sendBatch, setAutomine, toQuantity, type Tx} from '../../devnet/chain'
import {simAccounts} from '../../devnet/accounts'
import {decimalRatio} from '../../src/domain/ratio'
import {nakamotoCoefficient, NAKAMOTO_HALF_BPS, NAKAMOTO_THIRD_BPS, rankDelegates} from '../../src/domain/voting-power'
import type {TestDatabase} from '../helpers/database'
import {useIndexedEconomy} from '../helpers/economy'
import {indexedHeight, indexToHead} from '../helpers/processor'
import {expectError, startAnalyticsApi, type AnalyticsApi} from './analytics-api'

const STATES = ['PENDING', 'ACTIVE', 'CANCELED', 'DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED']
const SUPPORTS = ['NO', 'YES', 'ABSTAIN', 'VETO']
const TRACK = {COUNCIL: 0, DAO: 1}
const SUPPORT = {NO: 0, YES: 1, ABSTAIN: 2, VETO: 3}
const desc = (a: bigint, b: bigint) => (b > a ? 1 : b < a ? -1 : 0)

describe('governance analytics on an indexed simulated chain', () => {
    // indexed by the tests themselves, step by step
    const chain = useIndexedEconomy({seed: 5, scale: 'small', index: false})
    let db: TestDatabase
    let api: AnalyticsApi
    let gov: Address
    const read = (name: 'DualTrackGovernor' | 'SaharaToken', functionName: string, args: unknown[] = [], block?: number) =>
        chain.client.readContract({address: chain.manifest.contracts[name], abi: chain.abi[name], functionName, args, blockNumber: block == null ? undefined : BigInt(block)}) as Promise<any>
    const govLogs = (fromBlock: number, toBlock: number) => rpc<any[]>(chain.client, 'eth_getLogs', [{address: gov, fromBlock: toQuantity(BigInt(fromBlock)), toBlock: toQuantity(BigInt(toBlock))}])
    const head = async () => Number(await chain.client.getBlockNumber())
    const mineTo = async (block: number) => {
        const n = block - (await head())
        if (n > 0) await rpc(chain.client, 'anvil_mine', [toQuantity(BigInt(n))])
        expect(await head()).toBe(block)
    }
    const batch = async (txs: Tx[]) => {
        await setAutomine(chain.client, false)
        try {
            return (await sendBatch(chain.client, txs)).blockNumber
        } finally {
            await setAutomine(chain.client, true)
        }
    }
    const govTx = (from: Address, functionName: string, args: unknown[]): Tx => ({from, to: gov, data: encodeFunctionData({abi: chain.abi.DualTrackGovernor, functionName, args} as any), gas: 2_000_000n})

    /** Indexes to the head, then compares every proposal's state and tally with the chain there. */
    async function indexAndCompare(): Promise<Map<string, string>> {
        await indexToHead({dbUrl: db.url, manifest: chain.manifest})
        const height = await indexedHeight(db.query)
        expect(height).toBe(await head())
        const rows = await db.query('SELECT id, state, no, yes, abstain, veto FROM proposal ORDER BY id::int')
        expect(rows.length).toBe(Number(await read('DualTrackGovernor', 'proposalCount', [], height)))
        const bad: string[] = []
        for (const p of rows) {
            const [state, tally] = await Promise.all([read('DualTrackGovernor', 'state', [BigInt(p.id)], height), read('DualTrackGovernor', 'tally', [BigInt(p.id)], height)])
            if (p.state !== STATES[Number(state)]) bad.push(`proposal ${p.id} at ${height}: indexed ${p.state}, state() ${STATES[Number(state)]}`)
            const t = [p.no, p.yes, p.abstain, p.veto].join('/')
            if (t !== (tally as bigint[]).join('/')) bad.push(`proposal ${p.id} at ${height}: indexed tally ${t}, tally() ${(tally as bigint[]).join('/')}`)
        }
        expect(bad).toEqual([])
        return new Map(rows.map((r) => [r.id, r.state]))
    }

    beforeAll(() => {
        db = chain.db
        gov = chain.manifest.contracts.DualTrackGovernor
    })

    afterAll(async () => {
        await api?.stop()
    })

    it('after the simulation, every proposal state and tally equal state() and tally() at the indexed height', async () => {
        const states = await indexAndCompare()
        const rows = await db.query('SELECT track, state FROM proposal')
        for (const track of ['DAO', 'COUNCIL']) {
            for (const s of ['DEFEATED', 'VETOED', 'EXECUTED', 'CANCELED']) expect(rows.some((r) => r.track === track && r.state === s), `${track} ${s}`).toBe(true)
        }
        expect([...states.values()]).toContain('SUCCEEDED')
    })

    it('states change in blocks without governance events: PENDING, ACTIVE, then every outcome', async () => {
        const [, , , quorumBps, , vetoBps, councilApprovalBps] = ((await read('DualTrackGovernor', 'params')) as (number | bigint)[]).map(BigInt)
        const members = (await db.query<{id: Address}>('SELECT id FROM account WHERE is_council_member ORDER BY id')).map((r) => r.id)
        for (const m of members) {
            expect(await read('DualTrackGovernor', 'isCouncilMember', [m])).toBe(true)
            await rpc(chain.client, 'anvil_setBalance', [m, '0x3635c9adc5dea00000'])
        }
        const votes = await Promise.all(simAccounts().map(async (a) => ({a, v: (await read('SaharaToken', 'getVotes', [a])) as bigint})))
        // token voters: simulated accounts that are not on the council (members may only vote YES or NO there)
        const holders = votes
            .filter((x) => !members.includes(x.a.toLowerCase() as Address))
            .sort((x, y) => desc(x.v, y.v))
            .map((x) => x.a)

        // A: DAO, passes; B: DAO, nobody votes; C: DAO, vetoed; D: COUNCIL, approved; E: COUNCIL, vetoed by token holders
        const plan = ['A', 'B', 'C', 'D', 'E'] as const
        const created = await batch(
            plan.map((k) => govTx(k < 'D' ? holders[0] : members[0], 'propose', [k < 'D' ? TRACK.DAO : TRACK.COUNCIL, [], [], [], `analytics test proposal ${k}`])),
        )
        const logs = (await chain.client.getContractEvents({address: gov, abi: chain.abi.DualTrackGovernor, eventName: 'ProposalCreated', fromBlock: created, toBlock: created})) as any[]
        expect(logs.length).toBe(plan.length)
        const id = Object.fromEntries(plan.map((k, i) => [k, String(logs[i].args.proposalId)])) as Record<(typeof plan)[number], string>
        const {snapshotBlock, voteStartBlock, voteEndBlock} = logs[0].args
        const at = (s: Map<string, string>) => plan.map((k) => s.get(id[k]))

        // created: PENDING (the head is the creation block, at or before the snapshot)
        expect(at(await indexAndCompare())).toEqual(Array(5).fill('PENDING'))

        // empty blocks up to the vote start: ACTIVE with no event at all since the creation
        await mineTo(Number(voteStartBlock))
        expect(await govLogs(Number(created) + 1, Number(voteStartBlock))).toEqual([])
        expect(at(await indexAndCompare())).toEqual(Array(5).fill('ACTIVE'))

        // votes, in one block
        const supply = (await read('SaharaToken', 'getPastTotalSupply', [snapshotBlock])) as bigint
        const weight = async (a: Address) => (await read('SaharaToken', 'getPastVotes', [a, snapshotBlock])) as bigint
        const until = async (target: bigint, skip = 0): Promise<Address[]> => {
            const out: Address[] = []
            let sum = 0n
            for (const a of holders.slice(skip)) {
                if (sum * 10_000n >= target) break
                out.push(a)
                sum += await weight(a)
            }
            expect(sum * 10_000n).toBeGreaterThanOrEqual(target)
            return out
        }
        const daoYes = await until(supply * quorumBps) // A: quorum met, all YES
        const daoVeto = await until(supply * quorumBps) // C: quorum met, all VETO
        const councilVeto = await until(supply * vetoBps) // E: veto share of the supply met
        const required = Number((BigInt(members.length) * councilApprovalBps + 9_999n) / 10_000n) || 1
        const txs: Tx[] = [
            ...daoYes.map((a) => govTx(a, 'castVote', [BigInt(id.A), SUPPORT.YES, 'yes'])),
            govTx(holders[holders.length - 1], 'castVote', [BigInt(id.A), SUPPORT.NO, 'no']),
            ...daoVeto.map((a) => govTx(a, 'castVote', [BigInt(id.C), SUPPORT.VETO, 'veto'])),
            ...members.slice(0, required).flatMap((m) => [govTx(m, 'castVote', [BigInt(id.D), SUPPORT.YES, '']), govTx(m, 'castVote', [BigInt(id.E), SUPPORT.YES, ''])]),
            ...councilVeto.map((a) => govTx(a, 'castVote', [BigInt(id.E), SUPPORT.VETO, 'too much'])),
        ]
        const voted = Number(await batch(txs))
        expect(at(await indexAndCompare())).toEqual(Array(5).fill('ACTIVE'))

        // empty blocks to the last voting block: still ACTIVE
        await mineTo(Number(voteEndBlock))
        expect(at(await indexAndCompare())).toEqual(Array(5).fill('ACTIVE'))

        // one empty block more: the outcomes, computed by the indexer without any event
        await mineTo(Number(voteEndBlock) + 1)
        expect(await govLogs(voted + 1, Number(voteEndBlock) + 1)).toEqual([])
        expect(at(await indexAndCompare())).toEqual(['SUCCEEDED', 'DEFEATED', 'VETOED', 'SUCCEEDED', 'VETOED'])
        const outcomes = await db.query('SELECT id, outcome FROM proposal WHERE id = ANY($1) ORDER BY id::int', [Object.values(id)])
        expect(outcomes.map((r) => r.outcome)).toEqual(['SUCCEEDED', 'DEFEATED', 'VETOED', 'SUCCEEDED', 'VETOED'])
    })

    describe('resolvers over HTTP', () => {
        let height: number
        beforeAll(async () => {
            height = await head()
            api = await startAnalyticsApi(db.url, height)
        }, 120_000)

        it('proposalDetail: tally, turnout, quorum, veto, approvals and paged voters equal the chain', async () => {
            const count = Number(await read('DualTrackGovernor', 'proposalCount'))
            const voteLogs = (await chain.client.getContractEvents({address: gov, abi: chain.abi.DualTrackGovernor, eventName: 'VoteCast', fromBlock: 0n})) as any[]
            const created = (await chain.client.getContractEvents({address: gov, abi: chain.abi.DualTrackGovernor, eventName: 'ProposalCreated', fromBlock: 0n})) as any[]
            const executedLogs = (await chain.client.getContractEvents({address: gov, abi: chain.abi.DualTrackGovernor, eventName: 'ProposalExecuted', fromBlock: 0n})) as any[]
            const disbursed = (await chain.client.getContractEvents({address: chain.manifest.contracts.Treasury, abi: chain.abi.Treasury, eventName: 'TreasuryDisbursement', fromBlock: 0n})) as any[]
            for (let i = 1; i <= count; i++) {
                const voters: any[] = []
                let d: any
                for (let offset = 0; ; offset += 7) {
                    d = (await api.query(`{ proposalDetail(id: "${i}", votersOffset: ${offset}, votersLimit: 7) {
                        id track state outcome snapshotBlock createdAtBlock voteEndBlock executedAtBlock quorumBps vetoBps councilSize totalSupplyAtSnapshot
                        no yes abstain veto cast voterCount turnout { bps decimal } quorumReached vetoRatio { decimal } vetoReached thresholdReached
                        councilApprovals { approvals required reached } timeToExecution { blocks blocksAfterVoteEnd } disbursed disbursements { to amount category }
                        voters { page { hasMore totalCount } items { voter support weight block } } } }`)).proposalDetail
                    voters.push(...d.voters.items)
                    if (!d.voters.page.hasMore) break
                }
                const pid = BigInt(i)
                const [state, tally] = await Promise.all([read('DualTrackGovernor', 'state', [pid]), read('DualTrackGovernor', 'tally', [pid])])
                expect([d.state, d.no, d.yes, d.abstain, d.veto]).toEqual([STATES[Number(state)], ...(tally as bigint[]).map(String)])
                const c = created.find((l) => l.args.proposalId === pid)
                expect(d.createdAtBlock).toBe(Number(c.blockNumber))
                const [no, yes, abstain, veto] = tally as bigint[]
                if (d.totalSupplyAtSnapshot == null) {
                    // canceled before its snapshot: the indexer never reached it, nothing is weighed
                    expect(d.state).toBe('CANCELED')
                    expect([d.turnout, d.quorumReached, d.voterCount]).toEqual([null, null, 0])
                    continue
                }
                const supply = (await read('SaharaToken', 'getPastTotalSupply', [BigInt(d.snapshotBlock)])) as bigint
                expect(BigInt(d.totalSupplyAtSnapshot)).toBe(supply)
                const cast = d.track === 'DAO' ? no + yes + abstain + veto : veto
                expect(BigInt(d.cast)).toBe(cast)
                expect(d.turnout.decimal).toBe(decimalRatio(cast, supply))
                if (d.track === 'DAO') {
                    expect(d.quorumReached).toBe(cast * 10_000n >= supply * BigInt(d.quorumBps))
                    if (d.outcome === 'DEFEATED') expect(!d.quorumReached || (!d.vetoReached && !d.thresholdReached)).toBe(true)
                    if (d.outcome === 'VETOED') expect([d.quorumReached, d.vetoReached]).toEqual([true, true])
                    if (d.outcome === 'SUCCEEDED') expect([d.quorumReached, d.vetoReached, d.thresholdReached]).toEqual([true, false, true])
                    expect(d.councilApprovals).toBeNull()
                } else {
                    expect(d.quorumReached).toBeNull()
                    expect(d.vetoRatio?.decimal).toBe(decimalRatio(veto, supply))
                    if (d.outcome === 'SUCCEEDED') expect([d.vetoReached, d.councilApprovals.reached]).toEqual([false, true])
                    if (d.outcome === 'VETOED') expect(d.vetoReached).toBe(true)
                    expect(BigInt(d.councilApprovals.approvals)).toBe(yes)
                }
                // voters: every VoteCast of the proposal, heaviest first, summing to the tally
                const mine = voteLogs.filter((l) => l.args.proposalId === pid)
                expect(d.voterCount).toBe(mine.length)
                expect(d.voters.page.totalCount).toBe(mine.length)
                expect(voters.map((v) => v.voter).sort()).toEqual(mine.map((l) => l.args.voter.toLowerCase()).sort())
                for (let k = 1; k < voters.length; k++) expect(BigInt(voters[k - 1].weight) >= BigInt(voters[k].weight)).toBe(true)
                const bySupport = SUPPORTS.map((s) => voters.filter((v) => v.support === s).reduce((a, v) => a + BigInt(v.weight), 0n))
                expect(bySupport).toEqual(tally as bigint[])
                // execution and the disbursements it caused
                const ex = executedLogs.find((l) => l.args.proposalId === pid)
                if (ex) {
                    expect(d.timeToExecution.blocks).toBe(Number(ex.blockNumber) - Number(c.blockNumber))
                    expect(d.timeToExecution.blocksAfterVoteEnd).toBe(Number(ex.blockNumber) - d.voteEndBlock)
                } else expect(d.timeToExecution).toBeNull()
                const paid = disbursed.filter((l) => l.args.proposalId === pid)
                expect(d.disbursements.map((x: any) => BigInt(x.amount))).toEqual(paid.map((l) => l.args.amount))
                expect(BigInt(d.disbursed)).toBe(paid.reduce((a, l) => a + l.args.amount, 0n))
            }
            expect(disbursed.length).toBeGreaterThan(0)
            expect((await api.query('{ proposalDetail(id: "999999") { id } }')).proposalDetail).toBeNull()
        })

        it('governanceStats per track equals the counts of state() over the chain', async () => {
            const count = Number(await read('DualTrackGovernor', 'proposalCount'))
            const facts = await Promise.all(
                Array.from({length: count}, async (_, i) => {
                    const pid = BigInt(i + 1)
                    const [info, state, tally] = await Promise.all([read('DualTrackGovernor', 'proposalInfo', [pid]), read('DualTrackGovernor', 'state', [pid]), read('DualTrackGovernor', 'tally', [pid])])
                    const track = Number(info[1]) === TRACK.DAO ? 'DAO' : 'COUNCIL'
                    const supply = (await read('SaharaToken', 'getPastTotalSupply', [info[2]])) as bigint
                    const [no, yes, abstain, veto] = tally as bigint[]
                    return {track, state: STATES[Number(state)], turnout: ((track === 'DAO' ? no + yes + abstain + veto : veto) * 10n ** 18n) / supply}
                }),
            )
            for (const track of ['DAO', 'COUNCIL', null]) {
                const mine = facts.filter((f) => track == null || f.track === track)
                const decided = mine.filter((f) => ['DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED'].includes(f.state))
                const passed = decided.filter((f) => f.state === 'SUCCEEDED' || f.state === 'EXECUTED').length
                const vetoed = decided.filter((f) => f.state === 'VETOED').length
                const avg = decided.reduce((a, f) => a + f.turnout, 0n) / BigInt(decided.length)
                const {governanceStats: s} = await api.query(`{ governanceStats${track ? `(track: ${track})` : ''} {
                    track proposals pending active canceled decided defeated vetoed succeeded executed passRate { bps decimal } vetoRate { bps } averageTurnout { decimal } } }`)
                expect(s).toMatchObject({
                    track,
                    proposals: mine.length,
                    canceled: mine.filter((f) => f.state === 'CANCELED').length,
                    decided: decided.length,
                    succeeded: passed,
                    vetoed,
                    executed: mine.filter((f) => f.state === 'EXECUTED').length,
                    passRate: {decimal: decimalRatio(BigInt(passed), BigInt(decided.length))},
                    vetoRate: {bps: Math.floor((vetoed * 10_000) / decided.length)},
                    averageTurnout: {decimal: decimalRatio(avg, 10n ** 18n)},
                })
            }
            const all = (await api.query('{ governanceStats(from: "2000-01-01T00:00:00Z", to: "2009-12-31T00:00:00Z") { proposals passRate { bps } window { days } } }')).governanceStats
            expect(all).toEqual({proposals: 0, passRate: null, window: {days: 3653}})
        })

        it('votingPowerDistribution now and at a past block equals getVotes / getPastVotes of every account', async () => {
            const accounts = (await db.query<{id: Address}>('SELECT id FROM account')).map((r) => r.id)
            const expectDistribution = async (block: number | null) => {
                const votes = await Promise.all(
                    accounts.map(async (a) => ({
                        delegate: a,
                        votes: (block == null ? await read('SaharaToken', 'getVotes', [a]) : await read('SaharaToken', 'getPastVotes', [a, BigInt(block)])) as bigint,
                    })),
                )
                const ranked = rankDelegates(votes)
                const total = ranked.reduce((s, d) => s + d.votes, 0n)
                const {votingPowerDistribution: d} = await api.query(`{ votingPowerDistribution(topN: 5${block == null ? '' : `, atBlock: ${block}`}) {
                    block totalVotes delegateCount topN topVotes topShare { decimal } nakamotoThird nakamotoHalf top { rank delegate votes cumulativeShare { bps } } } }`)
                expect(d.block).toBe(block ?? height)
                expect(BigInt(d.totalVotes)).toBe(total)
                expect(d.delegateCount).toBe(ranked.length)
                expect(d.top.map((x: any) => [x.delegate, BigInt(x.votes)])).toEqual(ranked.slice(0, 5).map((x) => [x.delegate, x.votes]))
                const top = ranked.slice(0, 5).reduce((s, x) => s + x.votes, 0n)
                expect(BigInt(d.topVotes)).toBe(top)
                expect(d.delegateCount).toBeGreaterThan(5)
                expect(d.topShare.decimal).toBe(decimalRatio(top, total))
                const vs = ranked.map((x) => x.votes)
                expect([d.nakamotoThird, d.nakamotoHalf]).toEqual([nakamotoCoefficient(vs, total, NAKAMOTO_THIRD_BPS), nakamotoCoefficient(vs, total, NAKAMOTO_HALF_BPS)])
                expect(d.nakamotoHalf).toBeGreaterThan(1)
            }
            await expectDistribution(null)
            await expectDistribution(Math.floor(height / 2))
            await expectDistribution(Math.floor(height / 4))
        })

        it('delegatePowerHistory pages through every DelegateVotesChanged of a delegate', async () => {
            const {votingPowerDistribution: d} = await api.query('{ votingPowerDistribution(topN: 1) { top { delegate } } }')
            const delegate = d.top[0].delegate
            const points: any[] = []
            for (let offset = 0; ; offset += 3) {
                const {delegatePowerHistory: h} = await api.query(`{ delegatePowerHistory(delegate: "${delegate.toUpperCase().replace('0X', '0x')}", offset: ${offset}, limit: 3) {
                    delegate currentVotes page { hasMore } points { block previousVotes newVotes delta } } }`)
                expect(h.delegate).toBe(delegate)
                expect(BigInt(h.currentVotes)).toBe(await read('SaharaToken', 'getVotes', [delegate]))
                points.push(...h.points)
                if (!h.page.hasMore) break
            }
            const logs = (await chain.client.getContractEvents({
                address: chain.manifest.contracts.SaharaToken,
                abi: chain.abi.SaharaToken,
                eventName: 'DelegateVotesChanged',
                args: {delegate},
                fromBlock: 0n,
            })) as any[]
            expect(points.map((p) => [p.block, BigInt(p.previousVotes), BigInt(p.newVotes)])).toEqual(logs.map((l) => [Number(l.blockNumber), l.args.previousVotes, l.args.newVotes]))
            for (const p of points) expect(BigInt(p.delta)).toBe(BigInt(p.newVotes) - BigInt(p.previousVotes))
            expect((await api.query('{ delegatePowerHistory(delegate: "0x000000000000000000000000000000000000dEaD") { delegate } }')).delegatePowerHistory).toBeNull()
        })

        it('councilHistory: current members equal isCouncilMember, changes equal the council events', async () => {
            const {councilHistory: c} = await api.query('{ councilHistory(limit: 1000) { currentSize members page { totalCount hasMore } changes { member added councilSize block } } }')
            expect(c.currentSize).toBe(Number(await read('DualTrackGovernor', 'councilSize')))
            expect(c.members.length).toBe(c.currentSize)
            for (const m of c.members) expect(await read('DualTrackGovernor', 'isCouncilMember', [m])).toBe(true)
            const added = (await chain.client.getContractEvents({address: gov, abi: chain.abi.DualTrackGovernor, eventName: 'CouncilMemberAdded', fromBlock: 0n})) as any[]
            const removed = (await chain.client.getContractEvents({address: gov, abi: chain.abi.DualTrackGovernor, eventName: 'CouncilMemberRemoved', fromBlock: 0n})) as any[]
            expect(removed.length).toBeGreaterThan(0)
            const chainChanges = [...added.map((l) => ({l, added: true})), ...removed.map((l) => ({l, added: false}))].sort((a, b) =>
                Number(a.l.blockNumber) - Number(b.l.blockNumber) || a.l.logIndex - b.l.logIndex,
            )
            expect(c.changes.map((x: any) => [x.member, x.added, x.block])).toEqual(chainChanges.map(({l, added}) => [l.args.member.toLowerCase(), added, Number(l.blockNumber)]))
            expect(c.page).toEqual({totalCount: chainChanges.length, hasMore: false})
            const page2 = (await api.query('{ councilHistory(offset: 1, limit: 1) { page { hasMore } changes { member } } }')).councilHistory
            expect(page2.changes[0].member).toBe(c.changes[1].member)
            expect(page2.page.hasMore).toBe(chainChanges.length > 2)
        })

        it('rejects bad arguments with clear errors', async () => {
            const cases: [string, RegExp][] = [
                ['{ proposalDetail(id: "0") { id } }', /positive decimal integer/],
                ['{ proposalDetail(id: "1; DROP TABLE proposal") { id } }', /positive decimal integer/],
                ['{ proposalDetail(id: "1", votersLimit: 0) { id } }', /votersLimit must be an integer in \[1, 500\]/],
                ['{ proposalDetail(id: "1", votersLimit: 501) { id } }', /votersLimit must be an integer in \[1, 500\]/],
                ['{ proposalDetail(id: "1", votersOffset: -1) { id } }', /votersOffset must be an integer/],
                ['{ votingPowerDistribution(topN: 0) { block } }', /topN must be an integer in \[1, 100\]/],
                ['{ votingPowerDistribution(topN: 101) { block } }', /topN must be an integer in \[1, 100\]/],
                [`{ votingPowerDistribution(atBlock: ${height + 1}) { block } }`, new RegExp(`beyond the indexed height ${height}`)],
                ['{ votingPowerDistribution(atBlock: -1) { block } }', /atBlock must be an integer/],
                ['{ delegatePowerHistory(delegate: "0x123") { delegate } }', /20-byte hex address/],
                ['{ delegatePowerHistory(delegate: "0x000000000000000000000000000000000000dEaD", fromBlock: 10, toBlock: 5) { delegate } }', /toBlock must be an integer in \[10,/],
                ['{ governanceStats(from: "2026-01-01T00:00:00Z") { proposals } }', /give both from and to/],
                ['{ governanceStats(from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { proposals } }', /must not be after to/],
                ['{ councilHistory(limit: 1001) { currentSize } }', /limit must be an integer in \[1, 1000\]/],
            ]
            for (const [q, re] of cases) {
                const e = await expectError(api, q)
                expect(e.message, q).toMatch(re)
                expect(e.code, q).toBe('BAD_USER_INPUT')
            }
            expect((await expectError(api, '{ governanceStats(track: BOTH) { proposals } }')).message).toMatch(/BOTH/)
        })
    })
})
