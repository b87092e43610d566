import {createPublicClient, http, parseAbi} from 'viem'
import {describe, expect, it} from 'vitest'
import {verify} from '../../src/verify/run'
import {useIndexedEconomy} from '../helpers/economy'

/**
 * State at a past block: on a simulated chain whose every state anvil keeps (`--prune-history`
 * off), the API's answers `asOfBlock: B` equal the contracts' view functions called at B
 * (`npm run verify --all --block B`: every account, asset, receipt, licence, proposal and the
 * protocol figures), at heights that include the blocks where proposals change state with the
 * height alone; out-of-range blocks get a clear error.
 */
describe('asOfBlock', () => {
    const economy = useIndexedEconomy({seed: 23, scale: 'small', api: true, pruneHistory: false})
    const gql = async (query: string) => {
        const res = await fetch(`${economy.api.url}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query})})
        return (await res.json()) as {data?: any; errors?: {message: string; extensions?: {code?: string}}[]}
    }

    /** Heights spread over the chain, and the blocks where proposals turn ACTIVE or get their outcome (no event there). */
    async function heights(): Promise<number[]> {
        const [h] = await economy.db.query(`SELECT height, start_block FROM indexed_head`)
        // from the first call (the deployment is complete: every contract answers its views)
        const first = (await economy.db.query(`SELECT min(block) AS b FROM invocation`))[0].b as number
        const spread = [0.1, 0.35, 0.6, 0.85].map((f) => Math.round(first + (h.height - first) * f))
        const turns = await economy.db.query(`SELECT (snapshot_block + 1)::int AS a, (vote_end_block + 1)::int AS b FROM proposal WHERE vote_end_block + 1 < ${h.height} ORDER BY id LIMIT 2`)
        return [...new Set([...spread, ...turns.flatMap((t: any) => [t.a, t.b - 1, t.b]), h.height])].filter((b) => b >= h.start_block && b <= h.height).sort((a, b) => a - b)
    }

    it('every figure as of several past blocks equals the view functions called there', async () => {
        const hs = await heights()
        expect(hs.length).toBeGreaterThanOrEqual(6)
        for (const block of hs) {
            const r = await verify({apiUrl: `${economy.api.url}/graphql`, rpcUrl: economy.devnet.anvil.rpcUrl, manifest: economy.manifest, sample: 1, seed: 1, all: true, block})
            expect(r.mismatches, `at block ${block}`).toEqual([])
            expect(r.heights).toEqual([block])
            expect(r.checked).toBeGreaterThan(5)
        }
    }, 300_000)

    it('as of the indexed head, every state row equals the head answer (foreign keys and computed views included)', async () => {
        const [h] = await economy.db.query(`SELECT height FROM indexed_head`)
        const q = (asOf: string) =>
            gql(`{
                assets(orderBy: id_ASC, limit: 100${asOf}) { id uri uriRaw contentHash version owner { id votes } status totalWeight accRevenuePerWeight revenue: ownerRevenue receipts(orderBy: id_ASC, limit: 20) { id evidence accrual { accrued claimable } } }
                accounts(orderBy: id_ASC, limit: 200${asOf}) { id balance votes delegate ownerEarned ownerClaimable isCouncilMember }
                licenses(orderBy: id_ASC, limit: 200${asOf}) { id holder { id } terms { id } validity { isValid atBlock } }
                proposals(orderBy: id_ASC, limit: 100${asOf}) { id description descriptionRaw actionsHash state outcome yes no veto abstain proposer { id } totalSupplyAtSnapshot }
                protocolById(id: "sahara"${asOf}) { treasuryBalance totalSupply assetCount paymentCount grossPayments }
            }`)
        const head = await q('')
        const asOf = await q(`, asOfBlock: ${h.height}`)
        expect(head.errors).toBeUndefined()
        expect(asOf.errors).toBeUndefined()
        expect(head.data.assets.length).toBeGreaterThan(3)
        expect(asOf.data).toEqual(head.data)
    })

    it('a row created after the block is absent as of it; nested lists are as of the same block', async () => {
        const [a] = await economy.db.query(`SELECT id, created_at_block AS b FROM asset ORDER BY number DESC LIMIT 1`)
        const before = await gql(`{ assetById(id: "${a.id}", asOfBlock: ${a.b - 1}) { id } at: assetById(id: "${a.id}", asOfBlock: ${a.b}) { id } }`)
        expect(before.errors).toBeUndefined()
        expect(before.data).toEqual({assetById: null, at: {id: a.id}})
        const [{n}] = await economy.db.query(`SELECT count(*)::int AS n FROM asset WHERE created_at_block <= $1`, [a.b - 1])
        const count = await gql(`{ assetsConnection(orderBy: id_ASC, asOfBlock: ${a.b - 1}) { totalCount } }`)
        expect(count.data.assetsConnection.totalCount).toBe(n)
        // an updated asset shows the uri of the version current at the block
        const [u] = await economy.db.query(`SELECT v.asset_id AS id, v.block, p.uri AS before FROM asset_version v JOIN asset_version p ON p.asset_id = v.asset_id AND p.version = v.version - 1 WHERE v.version >= 2 ORDER BY v.block LIMIT 1`)
        expect(u, 'the simulation updates assets').toBeDefined()
        const uris = await gql(`{ before: assetById(id: "${u.id}", asOfBlock: ${u.block - 1}) { uri } }`)
        expect(uris.data.before.uri).toBe(u.before)
        // payments made after the block are not in an as-of answer
        const [p] = await economy.db.query(`SELECT block FROM payment ORDER BY block LIMIT 1 OFFSET 10`)
        const pays = await gql(`{ paymentsConnection(orderBy: id_ASC, asOfBlock: ${p.block}) { totalCount } }`)
        const [{m}] = await economy.db.query(`SELECT count(*)::int AS m FROM payment WHERE block <= $1`, [p.block])
        expect(pays.data.paymentsConnection.totalCount).toBe(m)
    })

    it('refuses blocks beyond the indexed height, before the start and negative ones, and day buckets, with a clear message', async () => {
        const [h] = await economy.db.query(`SELECT height, start_block FROM indexed_head`)
        const beyond = await gql(`{ accounts(limit: 1, asOfBlock: ${h.height + 1}) { id } }`)
        expect(beyond.errors?.[0].message).toBe(`asOfBlock ${h.height + 1} is beyond the indexed height ${h.height}: ask for a block from ${h.start_block} to ${h.height}, or omit asOfBlock for the head`)
        expect(beyond.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT')
        const negative = await gql(`{ accounts(limit: 1, asOfBlock: -1) { id } }`)
        expect(negative.errors?.[0].message).toMatch(/^asOfBlock must be a block number >= 0/)
        if (h.start_block > 0) {
            const early = await gql(`{ accounts(limit: 1, asOfBlock: ${h.start_block - 1}) { id } }`)
            expect(early.errors?.[0].message).toMatch(new RegExp(`^asOfBlock ${h.start_block - 1} is before the first indexed block ${h.start_block}`))
        }
        const days = await gql(`{ assetDayData(limit: 1, asOfBlock: 1) { id } }`)
        expect(days.errors?.[0].message).toMatch(/Unknown argument "asOfBlock"/)
        const nested = await gql(`{ assets(limit: 1, asOfBlock: ${h.height}) { days(limit: 1) { id } } }`)
        expect(nested.errors?.[0].message).toBe('asset_day_data has no history (day buckets are not versioned): ask for it without asOfBlock')
        expect(nested.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT')
    })

    it('the analytics that read state answer as of a block: governanceStats and proposalDetail equal the governor called there, topContributors the as-of receipts', async () => {
        const [h] = await economy.db.query(`SELECT height FROM indexed_head`)
        const [{b}] = await economy.db.query(`SELECT (vote_end_block + 1)::int AS b FROM proposal ORDER BY id LIMIT 1`)
        const block = Math.min(b, h.height - 1)
        const chain = createPublicClient({transport: http(economy.devnet.anvil.rpcUrl)})
        const governor = economy.manifest.contracts.DualTrackGovernor as `0x${string}`
        const abi = parseAbi(['function state(uint256) view returns (uint8)', 'function tally(uint256) view returns (uint256 no, uint256 yes, uint256 abstain, uint256 veto)'])
        const STATES = ['PENDING', 'ACTIVE', 'CANCELED', 'DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED']
        const ids = (await economy.db.query(`SELECT id FROM proposal WHERE created_at_block <= $1 ORDER BY number`, [block])).map((r: any) => r.id as string)
        expect(ids.length).toBeGreaterThan(0)
        const states = await Promise.all(ids.map(async (id) => STATES[Number(await chain.readContract({address: governor, abi, functionName: 'state', args: [BigInt(id)], blockNumber: BigInt(block)}))]))
        const stats = await gql(`{ governanceStats(asOfBlock: ${block}) { proposals pending active canceled executed } }`)
        expect(stats.errors).toBeUndefined()
        const count = (st: string) => states.filter((x) => x === st).length
        expect(stats.data.governanceStats).toEqual({proposals: ids.length, pending: count('PENDING'), active: count('ACTIVE'), canceled: count('CANCELED'), executed: count('EXECUTED')})

        const [no, yes, abstain, veto] = await chain.readContract({address: governor, abi, functionName: 'tally', args: [BigInt(ids[0])], blockNumber: BigInt(block)})
        const detail = await gql(`{ proposalDetail(id: "${ids[0]}", asOfBlock: ${block}) { state no yes abstain veto } }`)
        expect(detail.data.proposalDetail).toEqual({state: states[0], no: String(no), yes: String(yes), abstain: String(abstain), veto: String(veto)})

        const top = await gql(`{ topContributors(limit: 1000, asOfBlock: ${block}) { entries { account earned } } }`)
        const receipts = await gql(`{ receipts(limit: 5000, asOfBlock: ${block}) { contributor { id } accrual { accrued } } }`)
        expect(top.errors ?? receipts.errors).toBeUndefined()
        const sums = new Map<string, bigint>()
        for (const r of receipts.data.receipts) sums.set(r.contributor.id, (sums.get(r.contributor.id) ?? 0n) + BigInt(r.accrual.accrued))
        const earned = Object.fromEntries(top.data.topContributors.entries.map((e: any) => [e.account, e.earned]))
        expect(Object.keys(earned).length).toBeGreaterThan(0)
        for (const [account, v] of Object.entries(earned)) expect(v, account).toBe(String(sums.get(account)))
        const atHead = await gql(`{ topContributors(limit: 1000) { entries { account earned } } }`)
        expect(atHead.data.topContributors.entries).not.toEqual(top.data.topContributors.entries) // the chain moved on after the block
        const beyond = await gql(`{ governanceStats(asOfBlock: ${h.height + 5}) { proposals } }`)
        expect(beyond.errors?.[0].message).toMatch(new RegExp(`^asOfBlock ${h.height + 5} is beyond the indexed height ${h.height}`))
    })

    it('30 concurrent requests mixing head and as-of root fields all answer', async () => {
        const [h] = await economy.db.query(`SELECT height FROM indexed_head`)
        const query = `{ accounts(orderBy: id_ASC, limit: 2) { id votes } old: accounts(orderBy: id_ASC, limit: 2, asOfBlock: ${h.height - 1}) { id votes } p: protocolById(id: "sahara", asOfBlock: ${h.height - 2}) { treasuryBalance } }`
        const answers = await Promise.all(Array.from({length: 30}, () => gql(query)))
        for (const a of answers) {
            expect(a.errors).toBeUndefined()
            expect(a.data.old.length).toBe(2)
        }
    }, 60_000)
})
