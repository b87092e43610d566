import {toEventSelector, type AbiEvent, type PublicClient} from 'viem'
import {loadArtifacts} from '../../src/devnet/compile'
import type {DeploymentManifest, ManifestContract} from '../../src/config/manifest'
import {MANIFEST_CONTRACTS} from '../../src/config/manifest'

/** Counts the logs of every protocol contract by `Contract.Event`, paging eth_getLogs by block range. */
export async function countChainEvents(client: PublicClient, m: DeploymentManifest, toBlock?: bigint): Promise<Record<string, number>> {
    const artifacts = loadArtifacts()
    const names = new Map<string, string>()
    for (const c of MANIFEST_CONTRACTS) {
        for (const item of artifacts[c].abi) {
            if (item.type === 'event') names.set(`${m.contracts[c]}:${toEventSelector(item as AbiEvent)}`, `${c}.${item.name}`)
        }
    }
    const head = toBlock ?? (await client.getBlockNumber())
    const counts: Record<string, number> = {}
    const step = 2000n
    for (let from = BigInt(m.startBlock); from <= head; from += step) {
        const to = from + step - 1n < head ? from + step - 1n : head
        const logs = (await client.request({
            method: 'eth_getLogs',
            params: [{address: MANIFEST_CONTRACTS.map((c: ManifestContract) => m.contracts[c]), fromBlock: `0x${from.toString(16)}`, toBlock: `0x${to.toString(16)}`}],
        } as any)) as {address: string; topics: string[]}[]
        for (const l of logs) {
            const name = names.get(`${l.address.toLowerCase()}:${l.topics[0]}`) ?? `unknown:${l.address}:${l.topics[0]}`
            counts[name] = (counts[name] ?? 0) + 1
        }
    }
    return counts
}
