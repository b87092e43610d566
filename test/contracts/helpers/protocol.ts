/**
 * Shared fixture of the contract tests: one devnet per test file (test/helpers/devnet.ts), state
 * isolation between tests with evm_snapshot / evm_revert, and small typed-enough helpers to send
 * transactions from impersonated addresses, read views, decode logs and expect custom errors.
 */
import {
    createPublicClient,
    decodeEventLog,
    encodeFunctionData,
    getAddress,
    http,
    keccak256,
    toHex,
    type Abi,
    type Address,
    type Hex,
    type Log,
    type PublicClient,
    type TransactionReceipt,
} from 'viem'
import {afterEach, beforeAll, beforeEach} from 'vitest'
import {simAccount} from '../../../devnet/accounts'
import {DEPLOYER, INITIAL_COUNCIL} from '../../../devnet/deploy'
import {MANIFEST_CONTRACTS, type ManifestContract} from '../../../src/config/manifest'
import {useDevnet} from '../../helpers/devnet'

export type Name = ManifestContract

/** One decoded log of a receipt. */
export interface Ev {
    address: Address
    /** The protocol contract that emitted it (undefined for a foreign address). */
    contract?: Name
    eventName: string
    args: Record<string, any>
    logIndex: number
    raw: Log
}

export interface Sent {
    /** The function's return value, from an eth_call on the pending block just before sending. */
    result: any
    receipt: TransactionReceipt
    events: Ev[]
    blockNumber: bigint
}

/** Gas of every transaction: below the per-transaction cap of recent hardforks, gas price is 0. */
const TX_GAS = 15_000_000n

export interface Protocol {
    client: PublicClient
    rpcUrl: string
    addr: Record<Name, Address>
    abi: Record<Name, Abi>
    /** Every contract's ABI plus the errors of all contracts (errors bubble through calls). */
    abiWithErrors: Record<Name, Abi>
    /** All custom errors of the protocol (and the OpenZeppelin errors its contracts use). */
    errorsAbi: Abi
    deployer: Address
    council: Address[]
    /** Simulated account i: funded with SAHARA and self-delegated at devnet start. */
    sim(i: number): Address
    /** A fresh, deterministic address with no tokens and no votes. */
    fresh(label: string): Address
    nameOf(address: Address): Name | undefined

    send(from: Address, name: Name, functionName: string, args?: readonly unknown[], opts?: {value?: bigint}): Promise<Sent>
    /** Sends raw calldata (e.g. hand-encoded invalid UTF-8); asserts success. */
    sendRaw(from: Address, to: Address, data: Hex): Promise<Sent>
    /** eth_call at the latest block, at `blockNumber`, or on the pending block (the next transaction's). */
    read<T = any>(name: Name, functionName: string, args?: readonly unknown[], blockNumber?: bigint | 'pending'): Promise<T>
    events(logs: readonly Log[]): Ev[]

    rpc<T = any>(method: string, params?: unknown[]): Promise<T>
    blockNumber(): Promise<bigint>
    timestamp(blockNumber?: bigint): Promise<bigint>
    mine(blocks?: number | bigint): Promise<void>
    /** Mines empty blocks until the head is `n` (the next transaction lands in block n + 1). */
    mineTo(n: bigint): Promise<void>
    increaseTime(seconds: number | bigint): Promise<void>
    setNextTimestamp(ts: bigint): Promise<void>

    /** Moves SAHARA from the deployer (who holds the undistributed supply). */
    fund(to: Address, amount: bigint): Promise<Sent>
    approve(owner: Address, spender: Name | Address, amount: bigint): Promise<Sent>
    balance(account: Address | Name): Promise<bigint>
}

function dedupeErrors(abis: Abi[]): Abi {
    const seen = new Set<string>()
    const out: any[] = []
    for (const abi of abis) {
        for (const item of abi as any[]) {
            if (item.type !== 'error') continue
            const sig = `${item.name}(${item.inputs.map((i: any) => i.type).join(',')})`
            if (seen.has(sig)) continue
            seen.add(sig)
            out.push(item)
        }
    }
    return out
}

/**
 * Starts a devnet for the test file (beforeAll) and wraps each test in evm_snapshot / evm_revert.
 * Setup that all tests of a file share goes in a `beforeAll` registered after this call.
 */
export function useProtocol(opts: {fund?: boolean} = {}): Protocol {
    const chain = useDevnet({fund: opts.fund ?? true})
    const P = {} as Protocol
    beforeAll(async () => {
        const rpcUrl = chain.devnet.anvil.rpcUrl
        // cacheTime 0: viem would otherwise serve a stale block number for 4 s.
        const client = createPublicClient({transport: http(rpcUrl, {batch: false, retryCount: 0}), cacheTime: 0, pollingInterval: 10}) as PublicClient
        const addr = {} as Record<Name, Address>
        const byAddress = new Map<string, Name>()
        for (const name of MANIFEST_CONTRACTS) {
            addr[name] = getAddress(chain.manifest.contracts[name])
            byAddress.set(addr[name].toLowerCase(), name)
        }
        const abi = chain.abi as Record<Name, Abi>
        const errorsAbi = dedupeErrors(Object.values(abi))
        const abiWithErrors = {} as Record<Name, Abi>
        for (const name of MANIFEST_CONTRACTS) {
            const own = new Set((abi[name] as any[]).filter((x) => x.type === 'error').map((x) => x.name))
            abiWithErrors[name] = [...abi[name], ...(errorsAbi as any[]).filter((e) => !own.has(e.name))] as Abi
        }
        const rpc = <T = any>(method: string, params: unknown[] = []) =>
            client.request({method: method as any, params: params as any}) as Promise<T>

        const events = (logs: readonly Log[]): Ev[] =>
            logs.map((log) => {
                const contract = byAddress.get(log.address.toLowerCase())
                const base = {address: getAddress(log.address), contract, logIndex: Number(log.logIndex), raw: log as Log}
                if (!contract) return {...base, eventName: 'unknown', args: {}}
                const d = decodeEventLog({abi: abi[contract], data: log.data, topics: log.topics as any, strict: true}) as any
                return {...base, eventName: d.eventName, args: d.args}
            })

        const transact = async (from: Address, to: Address, data: Hex, value = 0n, result?: any): Promise<Sent> => {
            const hash = await rpc<Hex>('eth_sendTransaction', [
                {from, to, data, gas: toHex(TX_GAS), gasPrice: '0x0', value: toHex(value)},
            ])
            const receipt = await client.waitForTransactionReceipt({hash, pollingInterval: 10})
            if (receipt.status !== 'success') {
                throw new Error(`transaction ${hash} from ${from} to ${to} reverted on chain although its simulation succeeded`)
            }
            return {result, receipt, events: events(receipt.logs), blockNumber: receipt.blockNumber}
        }

        Object.assign(P, {
            client,
            rpcUrl,
            addr,
            abi,
            abiWithErrors,
            errorsAbi,
            deployer: getAddress(DEPLOYER),
            council: INITIAL_COUNCIL.map((a) => getAddress(a)),
            sim: (i: number) => getAddress(simAccount(i)),
            fresh: (label: string) => getAddress(`0x${keccak256(toHex(`contract-test-${label}`)).slice(-40)}`),
            nameOf: (a: Address) => byAddress.get(a.toLowerCase()),
            rpc,
            events,
            async send(from, name, functionName, args = [], o = {}) {
                const address = addr[name]
                const cabi = abiWithErrors[name]
                // Simulate on the pending block (the one the transaction will land in): a revert
                // throws viem's ContractFunctionExecutionError carrying the decoded custom error.
                const {result} = await client.simulateContract({
                    address,
                    abi: cabi,
                    functionName,
                    args,
                    account: from,
                    value: o.value,
                    blockTag: 'pending',
                    gas: TX_GAS,
                } as any)
                const data = encodeFunctionData({abi: cabi, functionName, args} as any)
                return transact(from, address, data, o.value ?? 0n, result)
            },
            sendRaw: (from, to, data) => transact(from, to, data),
            read: (name, functionName, args = [], blockNumber) =>
                client.readContract({
                    address: addr[name],
                    abi: abiWithErrors[name],
                    functionName,
                    args,
                    ...(blockNumber === 'pending' ? {blockTag: 'pending'} : blockNumber != null ? {blockNumber} : {}),
                } as any) as any,
            blockNumber: () => client.getBlockNumber({cacheTime: 0}),
            async timestamp(blockNumber?: bigint) {
                const b = await client.getBlock(blockNumber != null ? {blockNumber} : {})
                return b.timestamp
            },
            async mine(blocks: number | bigint = 1) {
                await rpc('anvil_mine', [toHex(BigInt(blocks))])
            },
            async mineTo(n: bigint) {
                const head = await client.getBlockNumber({cacheTime: 0})
                if (n < head) throw new Error(`mineTo(${n}): head is already ${head}`)
                if (n > head) await rpc('anvil_mine', [toHex(n - head)])
            },
            async increaseTime(seconds: number | bigint) {
                await rpc('evm_increaseTime', [toHex(BigInt(seconds))])
            },
            async setNextTimestamp(ts: bigint) {
                await rpc('evm_setNextBlockTimestamp', [toHex(ts)])
            },
            fund: (to: Address, amount: bigint) => P.send(P.deployer, 'SaharaToken', 'transfer', [to, amount]),
            approve: (owner: Address, spender: Name | Address, amount: bigint) =>
                P.send(owner, 'SaharaToken', 'approve', [spender.startsWith('0x') ? spender : addr[spender as Name], amount]),
            balance: (account: Address | Name) =>
                P.read('SaharaToken', 'balanceOf', [account.startsWith('0x') ? account : addr[account as Name]]),
        } satisfies Partial<Protocol>)
    })

    let snapshot: Hex | undefined
    beforeEach(async () => {
        snapshot = await P.rpc<Hex>('evm_snapshot')
    })
    afterEach(async () => {
        if (snapshot) await P.rpc('evm_revert', [snapshot])
        snapshot = undefined
    })
    return P
}

/** The events of `sent` (or a list), optionally only those of one contract / one name. */
export function eventsOf(evs: Ev[] | Sent, filter: {contract?: Name; eventName?: string} = {}): Ev[] {
    const list = Array.isArray(evs) ? evs : evs.events
    return list.filter((e) => (!filter.contract || e.contract === filter.contract) && (!filter.eventName || e.eventName === filter.eventName))
}

/** The single event named `eventName` of `sent` (throws if there is not exactly one). */
export function theEvent(sent: Sent | Ev[], eventName: string, contract?: Name): Record<string, any> {
    const found = eventsOf(sent, {eventName, contract})
    if (found.length !== 1) {
        const names = (Array.isArray(sent) ? sent : sent.events).map((e) => `${e.contract}.${e.eventName}`).join(', ')
        throw new Error(`expected exactly one ${eventName} event, found ${found.length} (events: ${names})`)
    }
    return found[0].args
}

/** `contract.eventName` of every log, in order: handy to check event order. */
export function eventNames(sent: Sent | Ev[]): string[] {
    return (Array.isArray(sent) ? sent : sent.events).map((e) => `${e.contract ?? e.address}.${e.eventName}`)
}

export const ZERO_HASH = `0x${'00'.repeat(32)}` as Hex
export const h32 = (label: string): Hex => keccak256(toHex(label))
export const E18 = 10n ** 18n
