import {execFile} from 'child_process'
import fs from 'fs'
import path from 'path'
import {parseAbiItem, type AbiFunction, type Address} from 'viem'
import {describe, expect, it} from 'vitest'
import {loadArtifacts} from '../../devnet/compile'
import {canonical} from '../../src/verify/figures'
import {useIndexedEconomy} from '../helpers/economy'

const ROOT = path.resolve(__dirname, '../..')

/** One indexed chain for the file: the figures and their proofs are checked on the same data. */
const economy = useIndexedEconomy({seed: 5, scale: 'small', api: true})

/**
 * Figures a frontend needs most are served, not derived (issue 14), through the entity queries
 * it already makes: a receipt's accrued and claimable (Receipt.accrual, also under an account's
 * receipts) and a licence's validity at the indexed head (License.validity, under an account's
 * licences), each equal to the contract's view function called at the indexed height.
 */
describe('served figures: receipt accrual and licence validity', () => {
    const art = loadArtifacts()
    const read = (c: 'RevenueVault' | 'LicenseRegistry', functionName: string, args: unknown[]) =>
        economy.client.readContract({
            address: economy.manifest.contracts[c] as Address,
            abi: art[c].abi,
            functionName,
            args,
            blockNumber: BigInt(economy.height),
        }) as Promise<any>

    it('the indexed head is the height squidStatus reports, with its hash and block time', async () => {
        const r = await economy.api.gql('{ indexedHeadById(id: "head") { height hash timestamp } squidStatus { height hash } }')
        expect(r.body.errors).toBeUndefined()
        const {indexedHeadById: head, squidStatus} = r.body.data
        expect(head.height).toBe(economy.height)
        expect(head).toMatchObject({height: squidStatus.height, hash: squidStatus.hash})
        const block = await economy.client.getBlock({blockNumber: BigInt(economy.height)})
        expect(new Date(head.timestamp).getTime()).toBe(Number(block.timestamp) * 1000)
    })

    it("every receipt's accrual equals receiptAccrued / receiptClaimable at the indexed height", async () => {
        const r = await economy.api.gql('{ receipts(orderBy: number_ASC, limit: 5000) { id revoked claimed accrual { id accrued claimable } } }')
        expect(r.body.errors).toBeUndefined()
        const receipts = r.body.data.receipts as {id: string; revoked: boolean; claimed: string; accrual: {id: string; accrued: string; claimable: string}}[]
        expect(receipts.length).toBeGreaterThan(20)
        expect(receipts.some((x) => x.revoked)).toBe(true)
        expect(receipts.some((x) => BigInt(x.claimed) > 0n)).toBe(true)
        const chain = await Promise.all(receipts.map((x) => Promise.all([read('RevenueVault', 'receiptAccrued', [BigInt(x.id)]), read('RevenueVault', 'receiptClaimable', [BigInt(x.id)])])))
        const served = receipts.map((x) => [x.accrual.id, x.accrual.accrued, x.accrual.claimable])
        expect(served).toEqual(receipts.map((x, i) => [x.id, String(chain[i][0]), String(chain[i][1])]))
        expect(receipts.some((x) => BigInt(x.accrual.accrued) > 0n)).toBe(true)
    })

    it("an account's receipts and licences carry the same served figures", async () => {
        const ids = await economy.api.gql('{ accounts(where: {receiptCount_gt: 0}, orderBy: receiptCount_DESC, limit: 1) { id } l: licenses(limit: 1, orderBy: number_ASC) { holder { id } } }')
        const [account] = ids.body.data.accounts
        const holder = ids.body.data.l[0].holder.id
        const r = await economy.api.gql(
            `query ($a: String!, $h: String!) {
               a: accountById(id: $a) { receipts(orderBy: id_ASC, limit: 50) { id accrual { accrued claimable } } }
               h: accountById(id: $h) { licenses(limit: 50) { id validity { isValid atBlock } } }
             }`,
            {a: account.id, h: holder},
        )
        expect(r.body.errors).toBeUndefined()
        for (const x of r.body.data.a.receipts) expect(x.accrual.accrued).toBe(String(await read('RevenueVault', 'receiptAccrued', [BigInt(x.id)])))
        expect(r.body.data.h.licenses.length).toBeGreaterThan(0)
        for (const l of r.body.data.h.licenses) {
            expect(l.validity.isValid).toBe(await read('LicenseRegistry', 'isValid', [BigInt(l.id)]))
            expect(l.validity.atBlock).toBe(economy.height)
        }
    })

    it("every licence's validity equals isValid at the indexed height, at that block's time", async () => {
        const r = await economy.api.gql('{ licenses(orderBy: number_ASC, limit: 5000) { id revoked expiresAt validity { isValid atBlock atTimestamp } } indexedHeadById(id: "head") { timestamp } }')
        expect(r.body.errors).toBeUndefined()
        const licenses = r.body.data.licenses as {id: string; revoked: boolean; expiresAt: string; validity: {isValid: boolean; atBlock: number; atTimestamp: string}}[]
        expect(licenses.length).toBeGreaterThan(10)
        const chain = await Promise.all(licenses.map((l) => read('LicenseRegistry', 'isValid', [BigInt(l.id)])))
        expect(licenses.map((l) => [l.id, l.validity.isValid])).toEqual(licenses.map((l, i) => [l.id, chain[i]]))
        const at = String(new Date(r.body.data.indexedHeadById.timestamp).getTime() / 1000)
        for (const l of licenses) expect(l.validity).toMatchObject({atBlock: economy.height, atTimestamp: at})
        // the economy has both kinds, or the comparison proves little
        expect(new Set(chain).size).toBe(2)
    })
})

describe('figureProofs: each served figure says how to confirm it, and the calls confirm it', () => {

    const PROOF = `query ($e: ProofEntity!, $id: String!) { figureProofs(entity: $e, id: $id) { entity id field served block blockHash formula calls { contract address signature functionName args returns } } }`

    it('for a row of every kind, every call executed with viem at the proof block returns `returns`', async () => {
        const q = economy.db.query
        const [asset] = await q(`SELECT id FROM asset WHERE parent_count > 0 ORDER BY number LIMIT 1`)
        const [receipt] = await q(`SELECT id FROM receipt WHERE claimed > 0 ORDER BY number LIMIT 1`)
        const [account] = await q(`SELECT id FROM account WHERE is_council_member ORDER BY id LIMIT 1`)
        const [license] = await q(`SELECT id FROM license ORDER BY number LIMIT 1`)
        const [proposal] = await q(`SELECT id FROM proposal ORDER BY number DESC LIMIT 1`)
        const rows: [string, string][] = [['Asset', asset.id], ['Receipt', receipt.id], ['Account', account.id.toUpperCase().replace('0X', '0x')], ['License', license.id], ['Proposal', proposal.id], ['Protocol', 'sahara']]
        let calls = 0
        for (const [e, id] of rows) {
            const r = await economy.api.gql(PROOF, {e, id})
            expect(r.body.errors, `${e} ${id}`).toBeUndefined()
            const proofs = r.body.data.figureProofs as any[]
            expect(proofs.length, `${e} ${id}`).toBeGreaterThan(0)
            for (const p of proofs) {
                expect(p.block).toBe(economy.height)
                for (const c of p.calls) {
                    const item = parseAbiItem(c.signature) as AbiFunction
                    const result = await economy.client.readContract({address: c.address, abi: [item], functionName: c.functionName, args: c.args.map((a: string) => (a.startsWith('0x') ? a : BigInt(a))), blockNumber: BigInt(p.block)})
                    expect(JSON.stringify(canonical(result)), `${p.entity} ${p.id} ${p.field}`).toBe(c.returns)
                    calls++
                }
            }
        }
        expect(calls).toBeGreaterThan(15)
    })

    it('refuses a malformed id with the expected form, and answers [] for a row that does not exist', async () => {
        const bad = await economy.api.gql(PROOF, {e: 'Receipt', id: '0x12'})
        expect(bad.body.errors?.[0]?.message).toMatch(/id of Receipt must be a decimal id from 1/)
        const none = await economy.api.gql(PROOF, {e: 'Asset', id: '99999999'})
        expect(none.body.errors).toBeUndefined()
        expect(none.body.data.figureProofs).toEqual([])
    })

    it("the README's viem example runs as written and confirms every figure", async () => {
        const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
        const example = /### Proofs[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1]
        expect(example, 'README has the viem example under "### Proofs"').toBeDefined()
        const [receipt] = await economy.db.query(`SELECT id FROM receipt WHERE claimed > 0 ORDER BY number LIMIT 1`)
        const code = example!
            .replace(`'http://localhost:4350/graphql'`, `'${economy.api.url}/graphql'`)
            .replace(`'http://127.0.0.1:8545'`, `'${economy.devnet.anvil.rpcUrl}'`)
            .replace('id: "1"', `id: "${receipt.id}"`)
        const file = path.join(ROOT, `.readme-proof-${process.pid}.mts`)
        fs.writeFileSync(file, code)
        try {
            const out = await new Promise<string>((resolve, reject) =>
                execFile(process.execPath, ['--import', 'tsx', file], {cwd: ROOT, timeout: 60_000}, (e, stdout, stderr) => (e ? reject(new Error(`${e.message}\n${stderr}`)) : resolve(stdout))),
            )
            const lines = out.trim().split('\n')
            expect(lines.length).toBeGreaterThanOrEqual(3)
            for (const l of lines) expect(l).toMatch(/ confirmed$/)
        } finally {
            fs.rmSync(file, {force: true})
        }
    })
})
