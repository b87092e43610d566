/** topic0 of the protocol events the simulator reads back (ids of what it created). */
import {toEventSelector, type Hex} from 'viem'
import {protocolAbis, type ContractName} from './contracts'

function topic(contract: ContractName, event: string): Hex {
    const item = protocolAbis()[contract].find((x: any) => x.type === 'event' && x.name === event)
    if (!item) throw new Error(`no event ${contract}.${event}`)
    return toEventSelector(item)
}

export const TOPIC = {
    AssetRegistered: topic('AssetRegistry', 'AssetRegistered'),
    LicenseTermsCreated: topic('LicenseRegistry', 'LicenseTermsCreated'),
    LicenseIssued: topic('LicenseRegistry', 'LicenseIssued'),
    ReceiptIssued: topic('ContributionReceipts', 'ReceiptIssued'),
    ProposalCreated: topic('DualTrackGovernor', 'ProposalCreated'),
}

/** The first indexed uint256 (topic1) of the first log with `topic0`, as a number. */
export function idFrom(logs: {topics: Hex[]}[], topic0: Hex): number {
    const l = logs.find((x) => x.topics[0] === topic0)
    if (!l) throw new Error(`expected an event with topic ${topic0} in the transaction's logs`)
    return Number(BigInt(l.topics[1]))
}
