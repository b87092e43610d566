import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * A contract of the indexed deployment (from the manifest the processor runs with), by SPEC name:
 * the addresses `figureProofs` tells a frontend to call. Rewritten by every batch.
 */
@Entity_()
export class DeployedContract {
    constructor(props?: Partial<DeployedContract>) {
        Object.assign(this, props)
    }

    /**
     * SPEC name (SaharaToken, AssetRegistry, ContributionReceipts, LicenseRegistry, InvocationRouter, RevenueVault, Treasury, DualTrackGovernor).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * Address (lower-case).
     */
    @StringColumn_({nullable: false})
    address!: string

    /**
     * Chain id of the deployment.
     */
    @IntColumn_({nullable: false})
    chainId!: number
}
