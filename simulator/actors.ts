/**
 * Who acts in the simulation: the 240 simulated accounts (Zipf-allocated SAHARA, self-delegated by
 * the devnet), the deployer (40 % of the supply, undelegated) and the council. Keeps a conservative
 * spendable balance per account (payments only go down; income is ignored) so that no payment can
 * revert for lack of funds.
 */
import type {Address} from 'viem'
import {SIM_ACCOUNT_COUNT, simAccounts, simAllocation} from '../devnet/accounts'
import {Contracts} from './contracts'
import {Rng, WeightedSet} from './rng'
import {hexToNumber, Rpc} from './rpc'

export const E18 = 10n ** 18n

export class Actors {
    readonly accounts: Address[]
    readonly allocation: bigint[]
    readonly spendable = new Map<string, bigint>()
    /** How busy each account is as a buyer and caller (Zipf over a seeded permutation). */
    private readonly activity = new WeightedSet()
    /** How prolific each account is as a creator of assets (Zipf, a different permutation). */
    private readonly creating = new WeightedSet()
    readonly deployer: Address

    constructor(
        readonly rng: Rng,
        deployer: Address,
        n = SIM_ACCOUNT_COUNT,
    ) {
        this.accounts = simAccounts(n).map((a) => a.toLowerCase() as Address)
        this.allocation = this.accounts.map((_, i) => simAllocation(i, n))
        this.deployer = deployer.toLowerCase() as Address
        const busy = rng.shuffle(this.accounts.map((_, i) => i))
        const makers = rng.shuffle(this.accounts.map((_, i) => i))
        const busyRank = new Array<number>(n)
        const makerRank = new Array<number>(n)
        busy.forEach((acc, rank) => (busyRank[acc] = rank))
        makers.forEach((acc, rank) => (makerRank[acc] = rank))
        for (let i = 0; i < n; i++) {
            this.activity.add(1 / Math.pow(busyRank[i] + 1, 0.9))
            // About a quarter of the accounts create assets at all.
            this.creating.add(makerRank[i] < n / 4 ? 1 / Math.pow(makerRank[i] + 1, 0.7) : 0)
        }
    }

    /** Reads the current SAHARA balances as the spendable budgets. */
    async loadBalances(rpc: Rpc, c: Contracts): Promise<void> {
        const who = [...this.accounts, this.deployer]
        const res = await rpc.batch<string>(
            who.map((a) => ({method: 'eth_call', params: [{to: c.address.SaharaToken, data: c.encode('SaharaToken', 'balanceOf', [a])}, 'latest']})),
        )
        who.forEach((a, i) => this.spendable.set(a, BigInt(res[i] as string)))
    }

    balance(a: Address): bigint {
        return this.spendable.get(a.toLowerCase()) ?? 0n
    }

    canSpend(a: Address, amount: bigint): boolean {
        // Keep a reserve of 1 000 SAHARA untouched, so that every account keeps some voting power.
        return this.balance(a) >= amount + 1000n * E18
    }

    spend(a: Address, amount: bigint): void {
        this.spendable.set(a.toLowerCase(), this.balance(a) - amount)
    }

    index(a: Address): number {
        return this.accounts.indexOf(a.toLowerCase() as Address)
    }

    /** A busy account (buyer, caller, contributor). */
    user(): Address {
        return this.accounts[this.activity.sample(this.rng)]
    }

    /** A busy account that can pay `amount`, or undefined after a few tries. */
    payer(amount: bigint): Address | undefined {
        for (let k = 0; k < 6; k++) {
            const a = this.user()
            if (this.canSpend(a, amount)) return a
        }
        return undefined
    }

    creator(): Address {
        return this.accounts[this.creating.sample(this.rng)]
    }

    /** Any account other than `not`, uniformly. */
    other(not?: Address): Address {
        for (;;) {
            const a = this.rng.pick(this.accounts)
            if (a !== not?.toLowerCase()) return a
        }
    }
}

export async function blockNumber(rpc: Rpc): Promise<number> {
    return hexToNumber(await rpc.call<string>('eth_blockNumber'))
}
