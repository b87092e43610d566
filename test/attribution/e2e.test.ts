/**
 * End to end on real parts: a simulated `small` economy plus a diamond lineage deeper than the
 * vault's cap (direct transactions), indexed by the real processor into a real PostgreSQL, then
 * the research exports (CLI and HTTP, CSV and Parquet) and the attribution resolvers (over HTTP,
 * through the real API process) compared with the contracts' views to the wei:
 * - per receipt, the exported per-event attributions sum to its accrued amount, which equals
 *   RevenueVault.receiptAccrued on chain;
 * - per payment, fee + owner parts + contributor pools = amount;
 * - the payment through the deep diamond resolves as the contract emitted it (and as the SPEC
 *   model splits it), with the depth-8 nodes keeping their parents' shares;
 * - the vault's token balance = owners' + receipts' claimables + the reported residual.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import {parseEventLogs, type Address} from 'viem'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DATASETS, DATASET_NAMES} from '../../src/export/datasets'
import type {TestApi} from '../helpers/api'
import type {TestDatabase} from '../helpers/database'
import {contract} from '../helpers/devnet'
import {useIndexedEconomy} from '../helpers/economy'
import {splitPayment, type LineageView} from '../model/vault-model'
import {buildDeepDiamond, csvObjects, duck, runExportCli, type Diamond} from './helpers'

describe('attribution exports and resolvers on an indexed chain', () => {
    let diamond: Diamond
    // a simulated `small` economy plus the deep diamond, indexed, with the API on it
    const chain = useIndexedEconomy({
        seed: 11,
        scale: 'small',
        api: true,
        beforeIndex: async (e) => {
            diamond = await buildDeepDiamond(e.client, e.manifest)
        },
        timeoutMs: 600_000,
    })
    let db: TestDatabase
    let api: TestApi
    let tmp: string
    /** receiptAccrued / receiptClaimable on chain, by receipt id. */
    const onChain = new Map<string, {accrued: bigint; claimable: bigint}>()
    const files: Record<string, string> = {}

    beforeAll(async () => {
        ;({db, api} = chain)
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-attribution-'))
        const vault = contract(chain, 'RevenueVault')
        const ids = (await db.query('SELECT id FROM receipt')).map((r) => r.id as string)
        await Promise.all(
            ids.map(async (id) => {
                const [accrued, claimable] = await Promise.all([vault.read.receiptAccrued([BigInt(id)]), vault.read.receiptClaimable([BigInt(id)])])
                onChain.set(id, {accrued: accrued as bigint, claimable: claimable as bigint})
            }),
        )
        // every dataset in both formats through the CLI (one indexed database for the whole file),
        // two CLIs at a time
        const jobs = DATASET_NAMES.flatMap((ds) => ['csv', 'parquet'].map((format) => ({ds, format, file: path.join(tmp, `${ds}.${format}`)})))
        const worker = async () => {
            for (let job = jobs.shift(); job; job = jobs.shift()) {
                const r = await runExportCli([job.ds, '--format', job.format, '--out', job.file], {DATABASE_URL: db.url})
                if (r.code !== 0) throw new Error(`export ${job.ds} ${job.format} failed (${r.code}): ${r.stderr}`)
                files[`${job.ds}.${job.format}`] = job.file
            }
        }
        await Promise.all([worker(), worker()])
    }, 600_000)

    afterAll(async () => {
        if (tmp) fs.rmSync(tmp, {recursive: true, force: true})
    })

    it('exported attributions sum, per receipt, to its accrued amount, which equals receiptAccrued on chain (CSV and Parquet)', async () => {
        expect(onChain.size).toBeGreaterThan(20)
        const rows = csvObjects(fs.readFileSync(files['attributions.csv'], 'utf8'))
        expect(rows.length).toBeGreaterThan(100)
        const csvSums = new Map<string, bigint>()
        for (const r of rows) csvSums.set(r.receipt_id, (csvSums.get(r.receipt_id) ?? 0n) + BigInt(r.amount))
        const pq = await duck(`SELECT receipt_id, sum(amount::HUGEINT)::VARCHAR AS total, count(*)::INTEGER AS n FROM read_parquet('${files['attributions.parquet']}') GROUP BY receipt_id`)
        const pqSums = new Map(pq.map((r) => [r.receipt_id as string, BigInt(r.total)]))
        expect(pq.reduce((x, r) => x + r.n, 0)).toBe(rows.length)
        const contributions = new Map(csvObjects(fs.readFileSync(files['contributions.csv'], 'utf8')).map((r) => [r.receipt_id, r]))
        let withRevenue = 0
        for (const [id, c] of onChain) {
            expect(csvSums.get(id) ?? 0n, `receipt ${id} (CSV)`).toBe(c.accrued)
            expect(pqSums.get(id) ?? 0n, `receipt ${id} (Parquet)`).toBe(c.accrued)
            expect(BigInt(contributions.get(id)!.accrued), `receipt ${id} contributions.accrued`).toBe(c.accrued)
            expect(BigInt(contributions.get(id)!.claimable), `receipt ${id} contributions.claimable`).toBe(c.claimable)
            if (c.accrued > 0n) withRevenue++
        }
        expect(withRevenue).toBeGreaterThan(10)
        // per asset, in chain order, the shares paid so far never exceed the pools credited so far
        // (one distribution alone may pay a few wei more than its pool: floors carried from earlier ones)
        const byAsset = new Map<string, {pools: bigint; shares: bigint; seen: Set<string>}>()
        let over = 0
        for (const r of rows) {
            const a = byAsset.get(r.asset_id) ?? {pools: 0n, shares: 0n, seen: new Set<string>()}
            if (!a.seen.has(r.distribution_id)) {
                a.seen.add(r.distribution_id)
                a.pools += BigInt(r.pool)
            }
            a.shares += BigInt(r.amount)
            byAsset.set(r.asset_id, a)
            if (a.shares > a.pools) over++
        }
        expect(over).toBe(0)
    })

    it('conserves every payment in the payments export: fee + owner parts + contributor pools = amount', async () => {
        const rows = csvObjects(fs.readFileSync(files['payments.csv'], 'utf8'))
        const [{n}] = await db.query('SELECT count(*)::int AS n FROM payment')
        expect(rows.length).toBe(n)
        for (const r of rows) expect(BigInt(r.protocol_fee) + BigInt(r.to_owners) + BigInt(r.to_contributors), `payment ${r.payment_id}`).toBe(BigInt(r.amount))
        const [bad] = await duck(
            `SELECT count(*)::INTEGER AS n FROM read_parquet('${files['payments.parquet']}') WHERE protocol_fee::HUGEINT + to_owners::HUGEINT + to_contributors::HUGEINT <> amount::HUGEINT`,
        )
        expect(bad.n).toBe(0)
    })

    it('writes every dataset as RFC 4180 CSV and as Parquet that DuckDB reads with the documented types', async () => {
        for (const name of DATASET_NAMES) {
            const ds = DATASETS[name]
            const text = fs.readFileSync(files[`${name}.csv`], 'utf8')
            expect(text.startsWith(ds.columns.map((c) => c.name).join(',') + '\r\n')).toBe(true)
            const rows = csvObjects(text)
            const pq = await duck(`SELECT count(*)::INTEGER AS n FROM read_parquet('${files[`${name}.parquet`]}')`)
            expect(pq[0].n, name).toBe(rows.length)
            const types = await duck(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${files[`${name}.parquet`]}'))`)
            const expected: Record<string, string> = {uint: 'VARCHAR', id: 'VARCHAR', text: 'VARCHAR', address: 'VARCHAR', hex: 'VARCHAR', int32: 'INTEGER', int64: 'BIGINT', timestamp: 'TIMESTAMP', bool: 'BOOLEAN'}
            expect(types.map((t) => [t.column_name, t.column_type])).toEqual(ds.columns.map((c) => [c.name, expected[c.type]]))
        }
        // asset uris survive the CSV round trip (the diamond's top asset has a comma, quotes and CRLF
        // in its uri; quoting itself is covered by export-format.test.ts)
        const assets = csvObjects(fs.readFileSync(files['assets.csv'], 'utf8'))
        const dbUris = new Map((await db.query('SELECT id, uri FROM asset')).map((r) => [r.id, r.uri]))
        expect(assets.length).toBe(dbUris.size)
        for (const a of assets) expect(a.uri, `asset ${a.asset_id}`).toBe(dbUris.get(a.asset_id))
        const pqUris = await duck(`SELECT asset_id, uri, epoch_ms(created_at) AS ms FROM read_parquet('${files['assets.parquet']}')`)
        for (const a of pqUris) expect(a.uri).toBe(dbUris.get(a.asset_id))
        // timestamps agree between the formats
        const csvTimes = new Map(assets.map((a) => [a.asset_id, Date.parse(a.created_at)]))
        for (const a of pqUris) expect(Number(a.ms)).toBe(csvTimes.get(a.asset_id))
    })

    it('the HTTP export streams the same bytes as the CLI, filters, and rejects bad requests with JSON errors', async () => {
        const res = await fetch(`${api.url}/export/attributions.csv`)
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toContain('text/csv')
        expect(Buffer.from(await res.arrayBuffer()).equals(fs.readFileSync(files['attributions.csv']))).toBe(true)
        const pq = await fetch(`${api.url}/export/payments.parquet?asset=${diamond.bottom}`)
        expect(pq.status).toBe(200)
        const file = path.join(tmp, 'http-payments.parquet')
        fs.writeFileSync(file, Buffer.from(await pq.arrayBuffer()))
        const rows = await duck(`SELECT payment_id, asset_id FROM read_parquet('${file}') ORDER BY payment_id`)
        expect(rows.map((r) => r.payment_id)).toEqual(diamond.payments.map(String))
        const [{maxBlock}] = await db.query('SELECT max(block) AS "maxBlock" FROM revenue_distribution')
        const filtered = csvObjects(await (await fetch(`${api.url}/export/attributions.csv?from=${maxBlock - 1}&to=${maxBlock}&asset=${diamond.ids.C8}`)).text())
        expect(filtered.length).toBeGreaterThan(0)
        for (const r of filtered) {
            expect(r.asset_id).toBe(String(diamond.ids.C8))
            expect(Number(r.block)).toBeGreaterThanOrEqual(maxBlock - 1)
        }
        for (const [url, status, pattern] of [
            ['/export/nope.csv', 404, /no such export/],
            ['/export/attributions.xlsx', 400, /unknown format/],
            ['/export/attributions.csv?from=abc', 400, /from must be a block number/],
            ['/export/attributions.csv?from=10&to=5', 400, /must not be after/],
            ['/export/attributions.csv?asset=0x1', 400, /asset must be an asset id/],
            ['/export/attributions.csv?asset=1;DROP', 400, /asset must be an asset id/],
            ['/export/attributions.csv?limit=5', 400, /unknown parameter/],
        ] as const) {
            const r = await fetch(`${api.url}${url}`)
            expect(r.status, url).toBe(status)
            expect(r.headers.get('content-type')).toContain('application/json')
            expect((await r.json()).error, url).toMatch(pattern)
        }
    })

    it('the CLI rejects bad arguments with a message and exit code 2', async () => {
        for (const [args, pattern] of [
            [['nope', '--format', 'csv'], /unknown dataset "nope"/],
            [['attributions'], /a format is required/],
            [['attributions', '--format', 'xml'], /unknown format/],
            [['attributions', '--format', 'csv', '--from=-3'], /from must be a block number/],
            [['attributions', '--format', 'csv', '--asset', '01'], /asset must be an asset id/],
            [['attributions', '--format', 'csv', '--bogus'], /Unknown option/],
        ] as const) {
            const r = await runExportCli([...args], {DATABASE_URL: db.url})
            expect(r.code, args.join(' ')).toBe(2)
            expect(r.stderr, args.join(' ')).toMatch(pattern)
        }
    })

    it('resolves the payment through the deep diamond as the contract does, depth cap included', async () => {
        const vaultAbi = chain.abi.RevenueVault
        const eventCounts: number[] = []
        for (const pid of diamond.payments) {
            const {data, errors} = (await api.gql(PAYMENT, {id: String(pid), rl: 1000})).body
            expect(errors).toBeUndefined()
            const p = data.paymentAttribution
            // the chain's RevenueDistributed events of this payment, in log order
            const logs = await chain.client.getLogs({address: chain.manifest.contracts.RevenueVault as Address, fromBlock: BigInt(chain.manifest.startBlock)})
            const events = (parseEventLogs({abi: vaultAbi as any, logs, eventName: 'RevenueDistributed'}) as any[]).filter((e) => e.args.paymentId === pid)
            expect(p.nodes.map(nodeOf)).toEqual(events.map((e) => [String(e.args.assetId), e.args.depth, String(e.args.amount), String(e.args.toOwner), String(e.args.toContributors), String(e.args.toUpstream)]))
            expect(p.conservationGap).toBe('0')
            expect(BigInt(p.protocolFee) + BigInt(p.toOwners) + BigInt(p.toContributors)).toBe(BigInt(p.amount))
            expect(p.maxDepth).toBe(8)
            eventCounts.push(p.distributionCount)
            // both paths reach T, C3..C8; at depth 8 (C8) the share for C9 stays with C8's owner
            const capped = p.nodes.filter((n: any) => n.atDepthCap)
            expect(capped.map((n: any) => n.assetId)).toEqual([String(diamond.ids.C8), String(diamond.ids.C8)])
            for (const n of capped) {
                expect(n.toUpstream).toBe('0')
                expect(BigInt(n.toOwner)).toBe(BigInt(n.amount) - BigInt(n.toContributors))
            }
            expect(p.nodes.filter((n: any) => n.assetId === String(diamond.ids.C9))).toEqual([])
            // the SPEC model splits the same payment the same way from the indexed lineage
            const view = await lineageView()
            const split = splitPayment(view, diamond.bottom, BigInt(p.net))
            expect(p.nodes.map((n: any) => [n.assetId, n.depth, n.amount, n.toOwner, n.toContributors, n.toUpstream])).toEqual(
                split.map((e) => [String(e.assetId), e.depth, String(e.amount), String(e.toOwner), String(e.toContributors), String(e.toUpstream)]),
            )
            // tree edges: each node's upstream nodes received exactly what it sent upstream
            for (const n of p.nodes) expect(n.upstreamSeqs.reduce((x: bigint, s: number) => x + BigInt(p.nodes[s].amount), 0n)).toBe(BigInt(n.toUpstream))
            // receipt shares of each pool: the exported rows for that distribution, summing to `allocated`
            const exported = csvObjects(fs.readFileSync(files['attributions.csv'], 'utf8'))
            for (const n of p.nodes) {
                const mine = exported.filter((r) => r.distribution_id === n.distributionId)
                expect(n.receiptShares.map((s: any) => [s.receiptId, s.amount])).toEqual(mine.map((r) => [r.receipt_id, r.amount]))
                expect(n.receiptsPage.totalCount).toBe(mine.length)
                expect(n.receiptShares.reduce((x: bigint, s: any) => x + BigInt(s.amount), 0n)).toBe(BigInt(n.allocated))
                expect(BigInt(n.allocated) + BigInt(n.unallocated)).toBe(BigInt(n.toContributors))
            }
        }
        // the lineage walk predicts the number of events of a payment to X
        const {data} = (await api.gql(`query($id: String!) { assetLineage(assetId: $id, direction: ANCESTORS, limit: 1000) { nodes { assetId minDepth pathCount share } edges { relation upstreamBps } } }`, {id: String(diamond.bottom)})).body
        const nodes = data.assetLineage.nodes
        // X, A, B, then T and C3..C8 once per path: 1 + 2 + 2 x 7 = 17 events
        expect(eventCounts).toEqual([17, 17])
        expect(1n + nodes.reduce((x: bigint, n: any) => x + BigInt(n.pathCount), 0n)).toBe(17n)
        const t = nodes.find((n: any) => n.assetId === String(diamond.ids.T))
        expect([t.minDepth, t.pathCount, t.share]).toEqual([2, '2', '0.24']) // 0.3 x 0.4 on each path
        expect(nodes.find((n: any) => n.assetId === String(diamond.ids.C9))).toBeUndefined()
    })

    it('paymentAttribution pages receipts and nodes, and matches the exported rows for sampled payments', async () => {
        const exported = csvObjects(fs.readFileSync(files['attributions.csv'], 'utf8'))
        const byDist = new Map<string, Record<string, string>[]>()
        for (const r of exported) byDist.set(r.distribution_id, [...(byDist.get(r.distribution_id) ?? []), r])
        const sample = await db.query(`SELECT id FROM payment ORDER BY distribution_count DESC, length(id), id LIMIT 12`)
        for (const {id} of sample) {
            const full = (await api.gql(PAYMENT, {id, rl: 1000})).body.data.paymentAttribution
            expect(full.conservationGap).toBe('0')
            for (const n of full.nodes) expect(n.receiptShares.map((s: any) => s.receiptId)).toEqual((byDist.get(n.distributionId) ?? []).map((r) => r.receipt_id))
            // page through receipts 2 at a time and nodes 3 at a time: the same shares
            const paged: string[] = []
            for (let no = 0; no < full.distributionCount; no += 3) {
                for (let ro = 0; ; ro += 2) {
                    const pg = (await api.gql(PAYMENT_PAGED, {id, no, ro})).body.data.paymentAttribution
                    const got = pg.nodes.flatMap((n: any) => n.receiptShares.map((s: any) => `${n.seq}:${s.receiptId}:${s.amount}`))
                    paged.push(...got)
                    if (pg.nodes.every((n: any) => ro + 2 >= n.receiptsPage.totalCount)) break
                }
            }
            expect(paged.sort()).toEqual(full.nodes.flatMap((n: any) => n.receiptShares.map((s: any) => `${n.seq}:${s.receiptId}:${s.amount}`)).sort())
        }
    })

    it('earnings series, rankings and residuals agree with the chain', async () => {
        const [{lo, hi}] = await db.query(`SELECT min(timestamp) AS lo, max(timestamp) AS hi FROM revenue_distribution`)
        const from = new Date(new Date(lo).getTime() - 3_600_000).toISOString()
        const to = new Date(new Date(hi).getTime() + 3_600_000).toISOString()
        // top contributors over all time: accrued on chain, summed per contributor
        const receipts = await db.query('SELECT id, contributor_id FROM receipt')
        const perAccount = new Map<string, bigint>()
        for (const r of receipts) perAccount.set(r.contributor_id, (perAccount.get(r.contributor_id) ?? 0n) + onChain.get(r.id)!.accrued)
        const expected = [...perAccount].filter(([, v]) => v > 0n).sort((a, b) => (a[1] === b[1] ? (a[0] < b[0] ? -1 : 1) : a[1] > b[1] ? -1 : 1))
        const top = (await api.gql(`{ a: topContributors(limit: 1000) { page { totalCount } entries { rank account earned } } }`)).body.data.a
        expect(top.page.totalCount).toBe(expected.length)
        expect(top.entries.map((e: any) => [e.account, e.earned])).toEqual(expected.map(([a, v]) => [a, String(v)]))
        const windowed = (await api.gql(`query($f: DateTime, $t: DateTime) { topContributors(from: $f, to: $t, limit: 5, offset: 2) { entries { rank account earned } } }`, {f: from, t: to})).body.data.topContributors
        expect(windowed.entries.map((e: any) => [e.rank, e.account, e.earned])).toEqual(top.entries.slice(2, 7).map((e: any) => [e.rank, e.account, e.earned]))

        // contributor earnings of the top contributor and of the diamond's owner
        for (const account of [expected[0][0], (await db.query(`SELECT owner_id FROM asset WHERE id = $1`, [String(diamond.ids.X)]))[0].owner_id]) {
            const e = (await api.gql(EARNINGS, {a: account.toUpperCase().replace('0X', '0x'), f: from, t: to})).body.data.contributorEarnings
            const [acc] = await db.query('SELECT owner_earned FROM account WHERE id = $1', [account])
            expect(BigInt(e.totals.ownerDirect) + BigInt(e.totals.ownerUpstream)).toBe(BigInt(acc.owner_earned))
            expect(BigInt(e.totals.contributorDirect) + BigInt(e.totals.contributorUpstream)).toBe(perAccount.get(account) ?? 0n)
            const sum = (k: string) => e.buckets.reduce((x: bigint, b: any) => x + BigInt(b[k]), 0n)
            expect(sum('total')).toBe(BigInt(e.totals.total))
            expect(sum('contributorUpstream')).toBe(BigInt(e.totals.contributorUpstream))
        }

        // asset earnings of the diamond's top: only upstream revenue; of X: only direct
        for (const [id, origin] of [[diamond.ids.T, 'upstream'], [diamond.ids.X, 'direct']] as const) {
            const a = (await api.gql(ASSET_EARNINGS, {id: String(id), f: from, t: to})).body.data.assetEarnings
            const [row] = await db.query('SELECT owner_revenue, contributor_revenue, gross_revenue, direct_revenue, upstream_revenue FROM asset WHERE id = $1', [String(id)])
            const sum = (k: string) => a.buckets.reduce((x: bigint, b: any) => x + BigInt(b[k]), 0n)
            expect(sum('ownerDirect') + sum('ownerUpstream')).toBe(BigInt(row.owner_revenue))
            expect(sum('contributorDirect') + sum('contributorUpstream')).toBe(BigInt(row.contributor_revenue))
            expect(sum('gross')).toBe(BigInt(row.gross_revenue))
            expect(sum('receivedDirect')).toBe(BigInt(row.direct_revenue))
            expect(sum('receivedUpstream')).toBe(BigInt(row.upstream_revenue))
            expect(origin === 'upstream' ? sum('ownerDirect') : sum('ownerUpstream')).toBe(0n)
        }

        // residual: the vault holds exactly owners' + receipts' claimables + the residual
        const res = (await api.gql(`{ protocolResidual { contributorPools receiptsAccrued residual receiptCount } }`)).body.data.protocolResidual
        const totalAccrued = [...onChain.values()].reduce((x, c) => x + c.accrued, 0n)
        expect(BigInt(res.receiptsAccrued)).toBe(totalAccrued)
        expect(BigInt(res.residual)).toBeGreaterThanOrEqual(0n)
        const [{owners}] = await db.query('SELECT COALESCE(sum(owner_claimable), 0)::text AS owners FROM account')
        const receiptClaimables = [...onChain.values()].reduce((x, c) => x + c.claimable, 0n)
        const balance = (await contract(chain, 'SaharaToken').read.balanceOf([chain.manifest.contracts.RevenueVault])) as bigint
        expect(BigInt(owners) + receiptClaimables + BigInt(res.residual)).toBe(balance)
        let perAssetResidual = 0n
        for (const {id} of await db.query('SELECT id FROM asset')) {
            const r = (await api.gql(`query($id: String!) { assetResidual(assetId: $id) { residual } }`, {id})).body.data.assetResidual
            expect(BigInt(r.residual)).toBeGreaterThanOrEqual(0n)
            perAssetResidual += BigInt(r.residual)
        }
        expect(perAssetResidual).toBe(BigInt(res.residual))
    })

    it('rejects invalid resolver arguments with BAD_USER_INPUT errors that say what is accepted', async () => {
        const cases: [string, RegExp][] = [
            [`{ paymentAttribution(paymentId: "0x1") { paymentId } }`, /paymentId must be a decimal id/],
            [`{ paymentAttribution(paymentId: "1", receiptsLimit: 5000) { paymentId } }`, /receiptsLimit must be an integer in \[1, 1000\]/],
            [`{ paymentAttribution(paymentId: "1", nodesLimit: 100, receiptsLimit: 1000) { paymentId } }`, /nodesLimit x receiptsLimit must be <= 50000/],
            [`{ contributorEarnings(account: "0xabc", interval: DAY, from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { account } }`, /account must be an address/],
            [`{ contributorEarnings(account: "0x${'a'.repeat(40)}", interval: HOUR, from: "2020-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { account } }`, /at most 2000 buckets/],
            [`{ contributorEarnings(account: "0x${'a'.repeat(40)}", interval: DAY, from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z") { account } }`, /must be before to/],
            [`{ assetEarnings(assetId: "1 OR 1=1", interval: DAY, from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { assetId } }`, /assetId must be a decimal id/],
            [`{ topContributors(limit: 0) { entries { account } } }`, /limit must be an integer in \[1, 1000\]/],
            [`{ topContributors(offset: 100001) { entries { account } } }`, /offset must be an integer in \[0, 100000\]/],
            [`{ assetLineage(assetId: "1", direction: ANCESTORS, depth: 9) { assetId } }`, /depth must be an integer in \[1, 8\]/],
            [`{ assetResidual(assetId: "-1") { residual } }`, /assetId must be a decimal id/],
        ]
        for (const [query, pattern] of cases) {
            const {errors} = (await api.gql(query)).body
            expect(errors?.[0]?.message, query).toMatch(pattern)
            expect((errors?.[0] as any)?.extensions?.code, query).toBe('BAD_USER_INPUT')
        }
        const missing = (await api.gql(`{ paymentAttribution(paymentId: "999999999") { paymentId } assetLineage(assetId: "999999", direction: DESCENDANTS) { assetId } }`)).body
        expect(missing.errors).toBeUndefined()
        expect(missing.data).toEqual({paymentAttribution: null, assetLineage: null})
    })

    async function lineageView(): Promise<LineageView> {
        const links = await db.query('SELECT child_id, parent_id, upstream_bps FROM asset_link ORDER BY position')
        const assets = new Map((await db.query('SELECT id, contributor_bps, total_weight, owner_id FROM asset')).map((a) => [a.id as string, a]))
        return {
            parents: (id) => links.filter((l) => l.child_id === String(id)).map((l) => ({parentId: BigInt(l.parent_id), upstreamBps: BigInt(l.upstream_bps)})),
            contributorBps: (id) => BigInt(assets.get(String(id)).contributor_bps),
            totalWeight: (id) => BigInt(assets.get(String(id)).total_weight),
            owner: (id) => assets.get(String(id)).owner_id,
        }
    }
})

function nodeOf(n: any) {
    return [n.assetId, n.depth, n.amount, n.toOwner, n.toContributors, n.toUpstream]
}

const PAYMENT = `query($id: String!, $rl: Int!) { paymentAttribution(paymentId: $id, receiptsLimit: $rl, nodesLimit: 50) {
  paymentId amount protocolFee net toOwners toContributors conservationGap distributionCount maxDepth
  nodes { distributionId seq assetId depth fromSeq upstreamSeqs amount toOwner toContributors toUpstream atDepthCap allocated unallocated
          receiptsPage { totalCount } receiptShares { receiptId amount } } } }`
const PAYMENT_PAGED = `query($id: String!, $no: Int!, $ro: Int!) { paymentAttribution(paymentId: $id, nodesOffset: $no, nodesLimit: 3, receiptsOffset: $ro, receiptsLimit: 2) {
  nodes { seq receiptsPage { totalCount } receiptShares { receiptId amount } } } }`
const EARNINGS = `query($a: String!, $f: DateTime!, $t: DateTime!) { contributorEarnings(account: $a, interval: HOUR, from: $f, to: $t) {
  buckets { start ownerDirect ownerUpstream contributorDirect contributorUpstream total } totals { ownerDirect ownerUpstream contributorDirect contributorUpstream total } } }`
const ASSET_EARNINGS = `query($id: String!, $f: DateTime!, $t: DateTime!) { assetEarnings(assetId: $id, interval: DAY, from: $f, to: $t) {
  buckets { start gross protocolFees receivedDirect receivedUpstream sentUpstream ownerDirect ownerUpstream contributorDirect contributorUpstream distributions } } }`
