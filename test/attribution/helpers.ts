/**
 * Helpers of the attribution tests: a diamond lineage deeper than the vault's cap built with direct
 * transactions, an RFC 4180 CSV reader written independently of src/export/csv.ts, and a DuckDB
 * reader for the Parquet (and CSV) files.
 */
import path from 'path'
import {encodeFunctionData, maxUint256, parseEventLogs, toHex, type Address, type PublicClient} from 'viem'
import type {DeploymentManifest, ManifestContract} from '../../src/config/manifest'
import {simAccount} from '../../devnet/accounts'
import {sendBatch, setAutomine, type Tx} from '../../devnet/chain'
import {loadArtifacts} from '../../devnet/compile'
import {ROOT, runNode} from '../../local/child'

export interface Diamond {
    /** The paid asset (bottom): X -> {A, B} -> T -> C3 -> ... -> C10. */
    bottom: bigint
    /** Assets by name: X, A, B, T, C3..C10. */
    ids: Record<string, bigint>
    /** Payment ids of the purchases of X (the second after a revocation and a new receipt). */
    payments: bigint[]
}

/**
 * A diamond (X -> A, X -> B, A -> T, B -> T) under a chain T -> C3 -> ... -> C10, so that a payment
 * to X reaches T twice and walks both paths to depth 8, where C8's share for C9 stays with C8's
 * owner. Receipts on X, T and C8 (one revoked between two purchases of X).
 */
export async function buildDeepDiamond(client: PublicClient, m: DeploymentManifest): Promise<Diamond> {
    const art = loadArtifacts()
    const call = (name: ManifestContract, functionName: string, args: unknown[]) => encodeFunctionData({abi: art[name].abi, functionName, args} as any)
    const read = (name: ManifestContract, functionName: string, args: unknown[] = []) =>
        client.readContract({address: m.contracts[name] as Address, abi: art[name].abi, functionName, args}) as Promise<bigint>
    const owner = simAccount(11)
    const capOwner = simAccount(12)
    const buyer = simAccount(31)
    const first = (await read('AssetRegistry', 'assetCount')) + 1n
    // registration order: parents first (parentId < childId): C10 .. C3, T, A, B, X
    const names = ['C10', 'C9', 'C8', 'C7', 'C6', 'C5', 'C4', 'C3', 'T', 'A', 'B', 'X']
    const ids = Object.fromEntries(names.map((n, i) => [n, first + BigInt(i)])) as Record<string, bigint>
    // C10's uri needs CSV quoting (comma, quotes, CRLF)
    const uri = (n: string) => (n === 'C10' ? 'ipfs://diamond/C10, "top"\r\nof the chain' : `ipfs://diamond/${n}`)
    const reg = (n: string) => ({from: n === 'C8' ? capOwner : owner, to: m.contracts.AssetRegistry, data: call('AssetRegistry', 'register', [1, uri(n), toHex(n, {size: 32}), 1000])})
    const link = (child: string, parent: string, relation: number, bps: number) => ({
        from: child === 'C8' ? capOwner : owner,
        to: m.contracts.AssetRegistry,
        data: call('AssetRegistry', 'link', [ids[child], ids[parent], relation, bps]),
    })
    const issue = (asset: string, who: number, weight: bigint) => ({
        from: asset === 'C8' ? capOwner : owner,
        to: m.contracts.ContributionReceipts,
        data: call('ContributionReceipts', 'issue', [ids[asset], simAccount(who), 0, weight, toHex(who, {size: 32})]),
    })
    const termsId = (await read('LicenseRegistry', 'termsCount')) + 1n
    const firstReceipt = (await read('ContributionReceipts', 'receiptCount')) + 1n
    const txs: Tx[] = [
        ...names.map(reg),
        link('C9', 'C10', 0, 5000),
        link('C8', 'C9', 1, 5000),
        link('C7', 'C8', 2, 5000),
        link('C6', 'C7', 3, 5000),
        link('C5', 'C6', 4, 5000),
        link('C4', 'C5', 0, 5000),
        link('C3', 'C4', 1, 5000),
        link('T', 'C3', 2, 5000),
        link('A', 'T', 3, 4000),
        link('B', 'T', 0, 4000),
        link('X', 'A', 1, 3000),
        link('X', 'B', 2, 3000),
        issue('X', 61, 3n),
        issue('X', 62, 7n),
        issue('T', 63, 10n ** 18n),
        issue('T', 64, 1n),
        issue('C8', 65, 5n),
        issue('C8', 66, 11n),
        {from: owner, to: m.contracts.LicenseRegistry, data: call('LicenseRegistry', 'createTerms', [ids.X, 2, 10n ** 21n + 12_345n, 0n, 0n])},
        {from: buyer, to: m.contracts.SaharaToken, data: call('SaharaToken', 'approve', [m.contracts.LicenseRegistry, maxUint256])},
    ]
    await setAutomine(client, false)
    await sendBatch(client, txs)
    const payments: bigint[] = []
    const purchase = async () => {
        const {hashes} = await sendBatch(client, [{from: buyer, to: m.contracts.LicenseRegistry, data: call('LicenseRegistry', 'purchase', [termsId, buyer]), gas: 30_000_000n}])
        const receipt = await client.getTransactionReceipt({hash: hashes[0]})
        const logs = parseEventLogs({abi: art.RevenueVault.abi as any, logs: receipt.logs, eventName: 'PaymentReceived'}) as any[]
        payments.push(logs[0].args.paymentId)
    }
    await purchase()
    // revoke the heavy receipt of T (the third issued above) and issue another on C8, then pay again
    await sendBatch(client, [
        {from: owner, to: m.contracts.ContributionReceipts, data: call('ContributionReceipts', 'revoke', [firstReceipt + 2n])},
        issue('C8', 67, 2n),
    ])
    await purchase()
    return {bottom: ids.X, ids, payments}
}

/** RFC 4180 reader: fields separated by commas, records by CRLF (or LF), quoted fields with "" escapes. */
export function parseCsv(text: string): string[][] {
    const rows: string[][] = []
    let row: string[] = []
    let field = ''
    let quoted = false
    let i = 0
    while (i < text.length) {
        const ch = text[i]
        if (quoted) {
            if (ch === '"') {
                if (text[i + 1] === '"') {
                    field += '"'
                    i += 2
                    continue
                }
                quoted = false
                i++
                continue
            }
            field += ch
            i++
            continue
        }
        if (ch === '"' && field === '') {
            quoted = true
            i++
        } else if (ch === ',') {
            row.push(field)
            field = ''
            i++
        } else if (ch === '\r' && text[i + 1] === '\n') {
            row.push(field)
            rows.push(row)
            row = []
            field = ''
            i += 2
        } else if (ch === '\n') {
            row.push(field)
            rows.push(row)
            row = []
            field = ''
            i++
        } else {
            field += ch
            i++
        }
    }
    if (field !== '' || row.length) {
        row.push(field)
        rows.push(row)
    }
    return rows
}

/** CSV text to objects keyed by the header. */
export function csvObjects(text: string): Record<string, string>[] {
    const [header, ...rows] = parseCsv(text)
    return rows.map((r) => {
        if (r.length !== header.length) throw new Error(`CSV row has ${r.length} fields, header ${header.length}: ${r.join('|').slice(0, 200)}`)
        return Object.fromEntries(header.map((h, i) => [h, r[i]]))
    })
}

/** Runs `npm run export -- ...args` (its entry, local/export.cjs: local/export-cli.ts through tsx) and resolves with its exit code and output. */
export async function runExportCli(args: string[], env: NodeJS.ProcessEnv): Promise<{code: number; stdout: Buffer; stderr: string}> {
    const child = runNode(path.join(ROOT, 'local/export.cjs'), args, env, {prefix: '[export] ', quiet: !process.env.VERBOSE, maxOutput: 1_000_000})
    const out: Buffer[] = []
    child.stdout!.on('data', (d: Buffer) => out.push(d))
    const code = await child.exited
    return {code: code ?? 1, stdout: Buffer.concat(out), stderr: child.output('stderr')}
}

/** Runs SQL on DuckDB (in memory) and returns the rows as objects (bigints as JS bigint). */
export async function duck(sql: string): Promise<Record<string, any>[]> {
    const {DuckDBInstance} = require('@duckdb/node-api')
    const db = await DuckDBInstance.create(':memory:')
    const c = await db.connect()
    try {
        const r = await c.runAndReadAll(sql)
        return r.getRowObjects()
    } finally {
        c.closeSync?.()
    }
}
