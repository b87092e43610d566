import {describe, expect, it} from 'vitest'
import {bytesToHex, type Hex} from 'viem'
import {registerAsset} from './helpers/fixtures'
import {openVoting, passCouncil, propose, SUPPORT, TRACK} from './helpers/governance'
import {h32, type Name, type Sent, useProtocol} from './helpers/protocol'
import {HOSTILE, rawCalldata, rawEventData} from './helpers/raw'

// SPEC: strings (uri, memo, description, reason) are arbitrary bytes (invalid UTF-8, NUL), up to
// 64 KB, emitted verbatim in events, not stored.
const CASES = [...HOSTILE, {label: '64 KB', bytes: bytesToHex(new Uint8Array(64 * 1024).map((_, i) => (i * 31 + 7) % 256))}]

describe('hostile strings are accepted and emitted verbatim', () => {
    const P = useProtocol()
    const alice = () => P.sim(1)

    function rawLog(sent: Sent, contract: Name, eventName: string) {
        const ev = sent.events.find((e) => e.contract === contract && e.eventName === eventName)
        if (!ev) throw new Error(`no ${contract}.${eventName} in the receipt`)
        return rawEventData(P.abi[contract], eventName, ev.raw)
    }
    const send = (name: Name, fn: string, args: readonly unknown[], from = alice()) => P.sendRaw(from, P.addr[name], rawCalldata(P.abi[name], fn, args))

    it('JS strings with NUL and non-ASCII characters round-trip through the normal ABI path', async () => {
        const uri = 'ipfs://a\u0000b\u0000\u00e9\u{1F600}'
        const s = await P.send(alice(), 'AssetRegistry', 'register', [0, uri, h32('x'), 0])
        expect(s.events.find((e) => e.eventName === 'AssetRegistered')!.args.uri).toBe(uri)
    })

    it('AssetRegistry: register and update uri', async () => {
        for (const {label, bytes} of CASES) {
            const reg = await send('AssetRegistry', 'register', [1, bytes, h32(label), 100])
            const r = rawLog(reg, 'AssetRegistry', 'AssetRegistered')
            expect(r.uri, label).toBe(bytes)
            expect(r.contributorBps).toBe(100)
            const id = reg.events.find((e) => e.eventName === 'AssetRegistered')!.args.assetId
            const upd = await send('AssetRegistry', 'update', [id, bytes, h32(label)])
            expect(rawLog(upd, 'AssetRegistry', 'AssetUpdated').uri, label).toBe(bytes)
        }
    })

    it('Treasury: deposit memo', async () => {
        for (const {label, bytes} of CASES) {
            const s = await send('Treasury', 'deposit', [0n, bytes])
            expect(rawLog(s, 'Treasury', 'TreasuryDeposit').memo, label).toBe(bytes)
        }
    })

    it('DualTrackGovernor: proposal description and vote reason', async () => {
        const ids: bigint[] = []
        for (const {label, bytes} of CASES) {
            const s = await send('DualTrackGovernor', 'propose', [TRACK.COUNCIL, [], [], [], bytes], P.council[0])
            expect(rawLog(s, 'DualTrackGovernor', 'ProposalCreated').description, label).toBe(bytes)
            ids.push(s.events[0].args.proposalId)
        }
        const last = (await P.read('DualTrackGovernor', 'proposalInfo', [ids.at(-1)!]))[2] as bigint
        await P.mineTo(last)
        for (const [i, {label, bytes}] of CASES.entries()) {
            const s = await send('DualTrackGovernor', 'castVote', [ids[i], SUPPORT.YES, bytes], P.council[1])
            expect(rawLog(s, 'DualTrackGovernor', 'VoteCast').reason, label).toBe(bytes)
        }
    })

    it('Treasury: disbursement memo inside an executed proposal', async () => {
        await P.approve(alice(), 'Treasury', 100n)
        await P.send(alice(), 'Treasury', 'deposit', [100n, 'seed'])
        // Actions are stored by the governor (20k gas per word), so the 64 KB case is left out here.
        const actions = HOSTILE.map(({bytes}) => ({
            target: P.addr.Treasury,
            value: 0n,
            calldata: rawCalldata(P.abi.Treasury, 'disburse', [P.fresh('to'), 1n, 4, bytes]) as Hex,
        }))
        const p = await passCouncil(P, actions)
        const memos = p.executed!.events
            .filter((e) => e.eventName === 'TreasuryDisbursement')
            .map((e) => rawEventData(P.abi.Treasury, 'TreasuryDisbursement', e.raw).memo)
        expect(memos).toEqual(HOSTILE.map((c) => c.bytes))
    })

    it('a hostile description on the DAO track and a hostile reason from a vetoer', async () => {
        const bad = HOSTILE.find((c) => c.label === 'invalid UTF-8')!.bytes
        await registerAsset(P, alice()) // unrelated state: strings are not stored, nothing else changes
        const s = await send('DualTrackGovernor', 'propose', [TRACK.DAO, [], [], [], bad], P.sim(0))
        expect(rawLog(s, 'DualTrackGovernor', 'ProposalCreated').description).toBe(bad)
        const c = await propose(P, P.council[0], TRACK.COUNCIL)
        await openVoting(P, c)
        const v = await send('DualTrackGovernor', 'castVote', [c.id, SUPPORT.VETO, bad], P.sim(5))
        expect(rawLog(v, 'DualTrackGovernor', 'VoteCast').reason).toBe(bad)
    })
})
