import {DelegateChange, TokenApproval, TokenTransfer, VotingPowerChange} from '../../model'
import {at, ZERO_ADDRESS} from '../state'
import {treasuryDayId} from '../buckets'
import {treasuryTransfer} from './treasury'
import type {HandlerTable} from './types'

type K = 'TokenTransfer' | 'TokenApproval' | 'DelegateChanged' | 'DelegateVotesChanged'

export const tokenHandlers: HandlerTable<K> = {
    TokenTransfer: {
        want(s, {args, meta}) {
            s.accounts.want(args.from)
            s.accounts.want(args.to)
            if (args.from === s.treasury || args.to === s.treasury) s.treasuryDays.want(treasuryDayId(meta))
        },
        apply(s, {args, meta}) {
            const {from, to, value} = args
            s.tokenTransfers.push(new TokenTransfer({id: meta.id, from, to, amount: value, ...at(meta)}))
            const p = s.proto(meta)
            if (from === ZERO_ADDRESS) p.totalSupply += value
            else s.account(from, meta).balance -= value
            if (to === ZERO_ADDRESS) p.totalSupply -= value
            else s.account(to, meta).balance += value
            if (from === s.treasury || to === s.treasury) treasuryTransfer(s, meta, from, to, value)
        },
    },
    TokenApproval: {
        apply(s, {args, meta}) {
            s.tokenApprovals.push(new TokenApproval({id: meta.id, owner: args.owner, spender: args.spender, amount: args.value, ...at(meta)}))
        },
    },
    DelegateChanged: {
        want(s, {args}) {
            s.accounts.want(args.delegator)
        },
        apply(s, {args, meta}) {
            const a = s.account(args.delegator, meta)
            a.delegate = args.toDelegate
            s.delegateChanges.push(new DelegateChange({id: meta.id, delegator: a, fromDelegate: args.fromDelegate, toDelegate: args.toDelegate, ...at(meta)}))
        },
    },
    DelegateVotesChanged: {
        want(s, {args}) {
            s.accounts.want(args.delegate)
        },
        apply(s, {args, meta}) {
            const a = s.account(args.delegate, meta)
            a.votes = args.newVotes
            s.votingPowerChanges.push(new VotingPowerChange({id: meta.id, delegate: a, previousVotes: args.previousVotes, newVotes: args.newVotes, ...at(meta)}))
        },
    },
}
