import {AssetKind, Invocation, License, LicenseTerms, LicenseTransfer, Payment, Revocation} from '../../model'
import {licenseType} from '../enums'
import {at, ZERO_ADDRESS} from '../state'
import {assetDay, assetDayId, callerDay, callerDayId} from '../buckets'
import {hex, touchAsset} from './assets'
import type {HandlerTable} from './types'

type K = 'LicenseTermsCreated' | 'LicenseIssued' | 'LicenseRevoked' | 'LicenseTransfer' | 'Invoked'

export const licenseHandlers: HandlerTable<K> = {
    LicenseTermsCreated: {
        want(s, {args}) {
            s.assets.want(args.assetId.toString())
        },
        apply(s, {args, meta}) {
            const a = touchAsset(s, args.assetId, meta)
            a.termsCount += 1
            s.proto(meta).termsCount += 1
            s.terms.add(
                new LicenseTerms({
                    id: args.termsId.toString(),
                    number: args.termsId,
                    asset: a,
                    licenseType: licenseType(args.licenseType),
                    price: args.price,
                    duration: args.duration,
                    pricePerCall: args.pricePerCall,
                    licenseCount: 0,
                    ...at(meta),
                }),
            )
        },
    },
    LicenseIssued: {
        want(s, {args}) {
            s.terms.want(args.termsId.toString())
            s.assets.want(args.assetId.toString())
            s.accounts.want(args.licensee)
        },
        apply(s, {args, meta}) {
            const terms = s.terms.touch(s.terms.must(args.termsId.toString(), 'license terms'))
            const a = touchAsset(s, args.assetId, meta)
            terms.licenseCount += 1
            a.licenseCount += 1
            s.proto(meta).licenseCount += 1
            const licensee = s.account(args.licensee, meta)
            s.licenses.add(
                new License({
                    id: args.licenseId.toString(),
                    number: args.licenseId,
                    terms,
                    asset: a,
                    licensee,
                    holder: licensee,
                    expiresAt: args.expiresAt,
                    revoked: false,
                    revokedAtBlock: null,
                    pricePaid: args.pricePaid,
                    payment: args.paymentId === 0n ? null : new Payment({id: args.paymentId.toString()}),
                    invocationCount: 0,
                    invocationFees: 0n,
                    ...at(meta),
                }),
            )
        },
    },
    LicenseRevoked: {
        want(s, {args}) {
            s.licenses.want(args.licenseId.toString())
        },
        apply(s, {args, meta}) {
            const l = s.licenses.touch(s.licenses.must(args.licenseId.toString(), 'license'))
            l.revoked = true
            l.revokedAtBlock = meta.block
            s.revocations.push(new Revocation({id: meta.id, target: 'license', receipt: null, license: l, ...at(meta)}))
        },
    },
    LicenseTransfer: {
        want(s, {args}) {
            s.licenses.want(args.tokenId.toString())
            s.accounts.want(args.from)
            s.accounts.want(args.to)
        },
        apply(s, {args, meta}) {
            const id = args.tokenId.toString()
            s.licenseTransfers.push(new LicenseTransfer({id: meta.id, license: new License({id}), from: args.from, to: args.to, ...at(meta)}))
            s.account(args.to, meta).licenseCount += 1
            // A mint precedes LicenseIssued, which creates the license with its holder.
            if (args.from === ZERO_ADDRESS) return
            s.account(args.from, meta).licenseCount -= 1
            const l = s.licenses.touch(s.licenses.must(id, 'license'))
            l.holder = s.account(args.to, meta)
        },
    },
    Invoked: {
        want(s, {args, meta}) {
            s.assets.want(args.assetId.toString())
            s.accounts.want(args.caller)
            s.licenses.want(args.licenseId.toString())
            s.assetDays.want(assetDayId(args.assetId, meta))
            // The asset's kind is only known once it is loaded: declare the caller's buckets of every kind.
            for (const kind of Object.values(AssetKind)) s.callerDays.want(callerDayId(args.caller, kind, meta))
        },
        apply(s, {args, meta}) {
            const a = touchAsset(s, args.assetId, meta)
            const caller = s.account(args.caller, meta)
            const cd = callerDay(s, caller, a, meta)
            cd.invocations += 1
            cd.fees += args.fee
            const l = s.licenses.touch(s.licenses.must(args.licenseId.toString(), 'license'))
            a.invocationCount += 1
            caller.invocationCount += 1
            l.invocationCount += 1
            l.invocationFees += args.fee
            s.proto(meta).invocationCount += 1
            assetDay(s, a, meta).invocations += 1
            s.invocations.push(
                new Invocation({
                    id: args.invocationId.toString(),
                    number: args.invocationId,
                    asset: a,
                    caller,
                    license: l,
                    units: BigInt(args.units),
                    fee: args.fee,
                    requestHash: hex(args.requestHash),
                    payment: args.paymentId === 0n ? null : new Payment({id: args.paymentId.toString()}),
                    ...at(meta),
                }),
            )
        },
    },
}


