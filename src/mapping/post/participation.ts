/**
 * Participation day buckets (ParticipationDayData): which accounts acted, or earned, in which role
 * on which UTC day. Noted after each event is applied (so state such as an asset's current owner
 * or a proposal's track is the one at that event), accumulated in memory, and merged into the
 * stored rows once per batch: O(1) per event, one `IN` query and one upsert per batch.
 * The roles and what counts for each are documented on ParticipationRole in schema.graphql.
 */
import type {Store} from '@subsquid/typeorm-store'
import {In} from 'typeorm'
import {Account, Asset, ParticipationDayData, ParticipationRole, Track} from '../../model'
import {EntityCache} from '../../store/entity-cache'
import {dayIndex, dayStart} from '../buckets'
import type {Meta, ProtocolEvent} from '../decode'
import {ZERO_ADDRESS, type BatchState} from '../state'

export function participationDayId(account: string, role: ParticipationRole, day: number): string {
    return `${account.toLowerCase()}-${role}-${day}`
}

interface Delta {
    account: string
    role: ParticipationRole
    day: number
    actions: number
    earnings: bigint
    lastBlock: number
}

/** The batch's participation deltas, keyed by bucket id. */
export class ParticipationDays {
    private deltas = new Map<string, Delta>()
    /** AssetUpdated events of assets whose owner has not changed in the batch before them. */
    private pendingUpdates: {assetId: string; timestamp: Date; block: number}[] = []

    /** Adds one action (`acted`) and/or earnings to the account's bucket of the role and day of `meta`. */
    add(account: string, role: ParticipationRole, meta: Pick<Meta, 'timestamp' | 'block'>, acted: boolean, earnings = 0n): void {
        if (account === ZERO_ADDRESS || (!acted && earnings === 0n)) return
        const day = dayIndex(meta.timestamp)
        const id = participationDayId(account, role, day)
        let d = this.deltas.get(id)
        if (d == null) {
            d = {account: account.toLowerCase(), role, day, actions: 0, earnings: 0n, lastBlock: meta.block}
            this.deltas.set(id, d)
        }
        if (acted) d.actions += 1
        d.earnings += earnings
        d.lastBlock = Math.max(d.lastBlock, meta.block)
    }

    /** Notes what `ev` (already applied to `s`) says about participation. */
    note(s: BatchState, ev: ProtocolEvent): void {
        const R = ParticipationRole
        switch (ev.kind) {
            case 'ReceiptIssued':
                return this.add(ev.args.contributor, R.CONTRIBUTOR, ev.meta, true)
            case 'ReceiptClaimed':
                return this.add(ev.args.contributor, R.CONTRIBUTOR, ev.meta, true, ev.args.amount)
            case 'AssetRegistered':
                return this.add(ev.args.owner, R.OWNER, ev.meta, true)
            case 'AssetUpdated': {
                // Only the owner may update: the owner at this event. The asset's owner is in memory
                // (loaded rows carry their relation ids, then each transfer sets it); an asset not in
                // the batch's working set is looked up by `resolveOwners`.
                const id = ev.args.assetId.toString()
                const owner = s.assets.get(id)?.owner?.id
                if (owner != null) this.add(owner, R.OWNER, ev.meta, true)
                else this.pendingUpdates.push({assetId: id, timestamp: ev.meta.timestamp, block: ev.meta.block})
                return
            }
            case 'AssetTransfer':
                if (ev.args.from === ZERO_ADDRESS) return // the mint: AssetRegistered counts the owner
                return this.add(ev.args.to, R.OWNER, ev.meta, true)
            case 'OwnerClaimed':
                return this.add(ev.args.account, R.OWNER, ev.meta, true)
            case 'RevenueDistributed':
                // Earning without acting: the bucket may have actions = 0.
                return this.add(ev.args.owner, R.OWNER, ev.meta, false, ev.args.toOwner)
            case 'LicenseIssued':
                return this.add(ev.args.licensee, R.LICENSEE, ev.meta, true)
            case 'LicenseTransfer':
                if (ev.args.from === ZERO_ADDRESS) return // the mint: LicenseIssued counts the buyer
                return this.add(ev.args.to, R.LICENSEE, ev.meta, true)
            case 'Invoked':
                return this.add(ev.args.caller, R.CALLER, ev.meta, true)
            case 'VoteCast': {
                this.add(ev.args.voter, R.VOTER, ev.meta, true)
                const pr = s.proposals.get(ev.args.proposalId.toString())
                if (pr?.track === Track.COUNCIL) this.add(ev.args.voter, R.COUNCIL, ev.meta, true)
                return
            }
            case 'DelegateVotesChanged':
                if (ev.args.newVotes > ev.args.previousVotes) this.add(ev.args.delegate, R.DELEGATE, ev.meta, true)
                return
            case 'CouncilMemberAdded':
                return this.add(ev.args.member, R.COUNCIL, ev.meta, true)
        }
    }

    /**
     * Credits the pending asset updates to the assets' stored owners: one query, before the batch
     * writes its assets (the stored owner is the owner before the batch's first transfer of it).
     */
    async resolveOwners(store: Store): Promise<void> {
        if (this.pendingUpdates.length === 0) return
        const ids = [...new Set(this.pendingUpdates.map((u) => u.assetId))]
        const owners = new Map<string, string>()
        for (let i = 0; i < ids.length; i += 5000) {
            const found = await store.find(Asset, {where: {id: In(ids.slice(i, i + 5000))}, relations: {owner: true}})
            for (const a of found) owners.set(a.id, a.owner.id)
        }
        for (const u of this.pendingUpdates) {
            const owner = owners.get(u.assetId)
            if (owner != null) this.add(owner, ParticipationRole.OWNER, u, true)
        }
        this.pendingUpdates = []
    }

    /** Merges the deltas into the stored buckets (call after the batch's accounts are written). */
    async flush(store: Store, bulk = false): Promise<void> {
        if (this.deltas.size === 0) return
        const cache = new EntityCache(ParticipationDayData)
        for (const id of this.deltas.keys()) cache.want(id)
        await cache.load(store)
        for (const [id, d] of this.deltas) {
            const row = cache.getOrCreate(
                id,
                () =>
                    new ParticipationDayData({
                        id,
                        account: new Account({id: d.account}),
                        role: d.role,
                        date: dayStart(d.day),
                        day: d.day,
                        actions: 0,
                        earnings: 0n,
                        lastBlock: d.lastBlock,
                    }),
            )
            row.actions += d.actions
            row.earnings += d.earnings
            row.lastBlock = Math.max(row.lastBlock, d.lastBlock)
        }
        await cache.flush(store, bulk)
        this.deltas.clear()
    }
}
