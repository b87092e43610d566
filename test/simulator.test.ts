/**
 * The workload simulator at scale `small`, seed 1, on two fresh devnets (run side by side):
 * every SPEC event is emitted, every governance outcome on both tracks is reached (checked with
 * state()), the depth cap fires, hostile strings go through, and the same seed gives the same logs.
 */
import {decodeEventLog, hexToBytes, toEventSelector, type Hex} from 'viem'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startDevnet, type Devnet} from '../devnet/devnet'
import {simulate, SPEC_EVENTS, type SimulationResult} from '../simulator'
import {forEachLogPage, type EventLog} from '../simulator/counts'
import {protocolAbis} from '../simulator/contracts'
import {Rpc} from '../simulator/rpc'

interface Run {
    devnet: Devnet
    result: SimulationResult
    logs: EventLog[]
    /** Timestamp of the block before the simulation: block times are pinned relative to it. */
    ts0: number
}

async function run(): Promise<Run> {
    const devnet = await startDevnet()
    const rpc = new Rpc(devnet.anvil.rpcUrl)
    const result = await simulate({rpcUrl: devnet.anvil.rpcUrl, manifest: devnet.manifest, seed: 1, scale: 'small'})
    const logs: EventLog[] = []
    await forEachLogPage(rpc, devnet.manifest, result.fromBlock, result.toBlock, (page) => logs.push(...page))
    const before = await rpc.call<any>('eth_getBlockByNumber', [`0x${(result.fromBlock - 1).toString(16)}`, false])
    return {devnet, result, logs, ts0: Number(BigInt(before.timestamp))}
}

const abis = protocolAbis()
const event = (contract: keyof typeof abis, name: string) => abis[contract].find((x: any) => x.type === 'event' && x.name === name)
const LICENSE_ISSUED = toEventSelector(event('LicenseRegistry', 'LicenseIssued'))
const REVENUE_DISTRIBUTED = toEventSelector(event('RevenueVault', 'RevenueDistributed'))

/** Events with a string field, decoded with `bytes` in its place (the strings may be any bytes). */
const STRING_EVENTS = (
    [
        ['AssetRegistry', 'AssetRegistered', 'uri'],
        ['AssetRegistry', 'AssetUpdated', 'uri'],
        ['Treasury', 'TreasuryDeposit', 'memo'],
        ['Treasury', 'TreasuryDisbursement', 'memo'],
        ['DualTrackGovernor', 'ProposalCreated', 'description'],
        ['DualTrackGovernor', 'VoteCast', 'reason'],
    ] as const
).map(([c, name, field]) => {
    const item = event(c, name)
    const asBytes = {...item, inputs: item.inputs.map((i: any) => (i.type === 'string' ? {...i, type: 'bytes'} : i))}
    return {topic: toEventSelector(item), bytesTopic: toEventSelector(asBytes), abi: [asBytes], field}
})

function strings(logs: EventLog[]): Uint8Array[] {
    const out: Uint8Array[] = []
    for (const l of logs) {
        const e = STRING_EVENTS.find((s) => s.topic === l.topics[0])
        if (!e) continue
        // The `bytes` twin of the event has another selector: swap it in to decode.
        const d = decodeEventLog({abi: e.abi, data: l.data, topics: [e.bytesTopic, ...l.topics.slice(1)] as [Hex, ...Hex[]]}) as any
        out.push(hexToBytes(d.args[e.field]))
    }
    return out
}

/** Log identity independent of wall-clock: expiry timestamps are made relative to the run's start. */
function normalized(r: Run): string[] {
    return r.logs.map((l) => {
        let data = l.data
        if (l.topics[0] === LICENSE_ISSUED) {
            const expires = BigInt(`0x${data.slice(66, 130)}`)
            const rel = expires === 0n ? 0n : expires - BigInt(r.ts0)
            data = `${data.slice(0, 66)}${rel.toString(16).padStart(64, '0')}${data.slice(130)}` as Hex
        }
        return `${l.blockNumber}|${l.logIndex}|${l.address}|${l.topics.join(',')}|${data}`
    })
}

describe('simulator (scale small, seed 1)', () => {
    let a: Run
    let b: Run

    beforeAll(async () => {
        ;[a, b] = await Promise.all([run(), run()])
    }, 150_000)

    afterAll(async () => {
        await Promise.all([a?.devnet.stop(), b?.devnet.stop()])
    })

    it('emits about 5 000 events, every event of the SPEC at least once', () => {
        expect(a.result.totalEvents).toBeGreaterThanOrEqual(4_500)
        expect(a.result.totalEvents).toBeLessThan(8_000)
        const missing = SPEC_EVENTS.filter((e) => !(a.result.events[e] > 0))
        expect(missing).toEqual([])
        expect(a.result.events['AssetRegistry.Transfer']).toBeGreaterThan(a.result.events['AssetRegistry.AssetRegistered'])
        expect(a.result.events['LicenseRegistry.Transfer']).toBeGreaterThan(a.result.events['LicenseRegistry.LicenseIssued'])
    })

    it('reaches every governance outcome on both tracks, as state() reports it', async () => {
        const rpc = new Rpc(a.devnet.anvil.rpcUrl)
        const gov = a.devnet.manifest.contracts.DualTrackGovernor
        const stateAbi = abis.DualTrackGovernor.find((x: any) => x.name === 'state')
        const names = ['PENDING', 'ACTIVE', 'CANCELED', 'DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED']
        const seen = new Set<string>()
        for (const p of a.result.governance) {
            const {encodeFunctionData} = await import('viem')
            const st = await rpc.call<Hex>('eth_call', [{to: gov, data: encodeFunctionData({abi: [stateAbi], functionName: 'state', args: [BigInt(p.id)]})}, 'latest'])
            expect(names[Number(BigInt(st))], `proposal ${p.id} (${p.track} ${p.intent})`).toBe(p.expected)
            seen.add(`${p.track} ${p.intent}`)
        }
        expect(a.result.warnings).toEqual([])
        for (const k of ['defeated-quorum', 'defeated-vote', 'vetoed', 'succeeded', 'executed', 'canceled-pending']) expect(seen).toContain(`DAO ${k}`)
        for (const k of ['executed', 'defeated', 'vetoed', 'canceled-active']) expect(seen).toContain(`COUNCIL ${k}`)
    })

    it('routes revenue down to the depth cap (depth 8) and through diamonds', () => {
        const depths = new Map<number, number>()
        const perPaymentAsset = new Map<string, number>()
        for (const l of a.logs) {
            if (l.topics[0] !== REVENUE_DISTRIBUTED) continue
            const depth = Number(BigInt(`0x${l.data.slice(2, 66)}`))
            depths.set(depth, (depths.get(depth) ?? 0) + 1)
            const key = `${l.topics[1]}|${l.topics[2]}`
            perPaymentAsset.set(key, (perPaymentAsset.get(key) ?? 0) + 1)
        }
        expect(depths.get(8) ?? 0).toBeGreaterThan(0)
        // A diamond reaches an ancestor twice within one payment.
        expect([...perPaymentAsset.values()].some((n) => n >= 2)).toBe(true)
    })

    it('sends hostile strings: NUL, invalid UTF-8 and 10 KB', () => {
        const all = strings(a.logs)
        const utf8 = new TextDecoder('utf-8', {fatal: true})
        const invalid = all.filter((s) => {
            try {
                utf8.decode(s)
                return false
            } catch {
                return true
            }
        })
        expect(invalid.length).toBeGreaterThan(0)
        expect(all.some((s) => s.includes(0))).toBe(true)
        expect(all.some((s) => s.length >= 10 * 1024)).toBe(true)
    })

    it('is deterministic: the same seed on a fresh devnet gives the same logs', () => {
        expect(b.result.events).toEqual(a.result.events)
        expect(b.result.fromBlock).toBe(a.result.fromBlock)
        expect(b.result.toBlock).toBe(a.result.toBlock)
        const na = normalized(a)
        const nb = normalized(b)
        expect(nb.length).toBe(na.length)
        const firstDiff = na.findIndex((x, i) => x !== nb[i])
        expect(firstDiff, firstDiff >= 0 ? `first differing log:\n${na[firstDiff]}\n${nb[firstDiff]}` : '').toBe(-1)
    })
})
