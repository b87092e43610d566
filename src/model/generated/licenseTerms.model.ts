import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Asset} from "./asset.model"
import {LicenseType} from "./_licenseType"

/**
 * Immutable license terms of an asset (LicenseTermsCreated).
 */
@Entity_()
export class LicenseTerms {
    constructor(props?: Partial<LicenseTerms>) {
        Object.assign(this, props)
    }

    /**
     * Terms id (decimal), from 1.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The id as a number, for numeric order and ranges (`id` sorts as text: 1, 10, 2): `orderBy: number_ASC`, `where: {number_gt: ...}`.
     */
    @Index_()
    @BigIntColumn_({nullable: false})
    number!: bigint

    /**
     * The asset licensed.
     */
    @Index_()
    @ManyToOne_(() => Asset, {nullable: true})
    asset!: Asset

    /**
     * OPEN_USE, NON_COMMERCIAL or COMMERCIAL_REMIX.
     */
    @Column_("varchar", {length: 16, nullable: false})
    licenseType!: LicenseType

    /**
     * Purchase price (wei); 0 for OPEN_USE.
     */
    @BigIntColumn_({nullable: false})
    price!: bigint

    /**
     * License lifetime in seconds; 0 = perpetual.
     */
    @BigIntColumn_({nullable: false})
    duration!: bigint

    /**
     * Fee per invocation unit (wei).
     */
    @BigIntColumn_({nullable: false})
    pricePerCall!: bigint

    /**
     * Licenses sold under these terms.
     */
    @IntColumn_({nullable: false})
    licenseCount!: number

    /**
     * Block number of creation.
     */
    @IntColumn_({nullable: false})
    block!: number

    /**
     * Block time of creation (UTC).
     */
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    /**
     * Hash of the creating transaction.
     */
    @StringColumn_({nullable: false})
    txHash!: string
}
