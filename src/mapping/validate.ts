/**
 * Decode-time checks: a protocol event whose values fall outside the SPEC's ranges is rejected
 * here, before any handler declared or changed anything, so `apply` never half-applies an event.
 * Every check a handler relies on (the enum conversions of src/mapping/enums.ts) is listed here.
 */
import type {ProtocolEvent} from './decode'
import {assetKind, assetStatus, contributionType, InvalidEventError, licenseType, paymentSource, relation, spendCategory, support, track} from './enums'

type Check = (args: any) => void

const CHECKS: Partial<Record<ProtocolEvent['kind'], Check>> = {
    AssetRegistered: (a) => assetKind(Number(a.kind)),
    AssetLinked: (a) => relation(Number(a.relation)),
    AssetStatusChanged: (a) => assetStatus(Number(a.status)),
    ReceiptIssued: (a) => contributionType(Number(a.contributionType)),
    LicenseTermsCreated: (a) => licenseType(Number(a.licenseType)),
    PaymentReceived: (a) => paymentSource(Number(a.source)),
    TreasuryDisbursement: (a) => spendCategory(Number(a.category)),
    ProposalCreated: (a) => track(Number(a.track)),
    VoteCast: (a) => support(Number(a.support)),
}

/** Why the event cannot be applied, or undefined when it is within the SPEC. */
export function invalidReason(ev: ProtocolEvent): string | undefined {
    const check = CHECKS[ev.kind]
    if (check == null) return undefined
    try {
        check(ev.args)
        return undefined
    } catch (e) {
        if (e instanceof InvalidEventError) return e.message
        throw e
    }
}
