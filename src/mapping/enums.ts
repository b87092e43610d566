import {
    AssetKind,
    AssetStatus,
    ContributionType,
    LicenseType,
    PaymentSource,
    ProposalState,
    Relation,
    SpendCategory,
    Support,
    Track,
} from '../model'

/** A protocol log whose values are outside the SPEC: skipped with a warning, never fatal. */
export class InvalidEventError extends Error {}

function enumOf<T>(name: string, values: T[]) {
    return (n: number): T => {
        const v = values[n]
        if (v === undefined) throw new InvalidEventError(`${name} ${n} is out of range`)
        return v
    }
}

// Order = the SPEC's uint8 values.
export const assetKind = enumOf('AssetKind', [AssetKind.DATASET, AssetKind.MODEL, AssetKind.AGENT, AssetKind.PIPELINE])
export const assetStatus = enumOf('AssetStatus', [AssetStatus.ACTIVE, AssetStatus.PAUSED, AssetStatus.RETIRED])
export const relation = enumOf('Relation', [
    Relation.TRAINED_ON,
    Relation.FINETUNED_FROM,
    Relation.DERIVED_FROM,
    Relation.COMPOSED_OF,
    Relation.EVALUATED_ON,
])
export const contributionType = enumOf('ContributionType', [
    ContributionType.DATA,
    ContributionType.LABEL,
    ContributionType.REVIEW,
    ContributionType.FINETUNE,
    ContributionType.EVALUATION,
    ContributionType.CODE,
])
export const licenseType = enumOf('LicenseType', [LicenseType.OPEN_USE, LicenseType.NON_COMMERCIAL, LicenseType.COMMERCIAL_REMIX])
export const paymentSource = enumOf('PaymentSource', [PaymentSource.LICENSE, PaymentSource.INVOCATION])
export const track = enumOf('Track', [Track.COUNCIL, Track.DAO])
export const support = enumOf('Support', [Support.NO, Support.YES, Support.ABSTAIN, Support.VETO])
export const spendCategory = enumOf('SpendCategory', [
    SpendCategory.GRANT,
    SpendCategory.REWARDS,
    SpendCategory.OPERATIONS,
    SpendCategory.LIQUIDITY,
    SpendCategory.OTHER,
])
export const PROPOSAL_STATES = [
    ProposalState.PENDING,
    ProposalState.ACTIVE,
    ProposalState.CANCELED,
    ProposalState.DEFEATED,
    ProposalState.VETOED,
    ProposalState.SUCCEEDED,
    ProposalState.EXECUTED,
]
