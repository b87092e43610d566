import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, OneToOne as OneToOne_, Index as Index_, JoinColumn as JoinColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Receipt} from "./receipt.model"

/**
 * A receipt's accrued and claimable amounts at the indexed height (with `asOfBlock`: at that block,
 * from the receipt's and the asset's versions then), exactly RevenueVault's
 * receiptAccrued / receiptClaimable called at IndexedHead.height (SPEC §6.3): accrued =
 * floor(weight x (accEnd - accSnapshot) / 1e18), accEnd being the asset's accRevenuePerWeight, or
 * accAtRevoke once revoked (frozen); claimable = accrued - claimed. Computed when queried (a view
 * over receipt and asset), so a payment never rewrites the receipts. Reached as `Receipt.accrual`.
 */
@Entity_()
export class ReceiptAccrual {
    constructor(props?: Partial<ReceiptAccrual>) {
        Object.assign(this, props)
    }

    /**
     * The receipt id.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The receipt.
     */
    @Index_({unique: true})
    @OneToOne_(() => Receipt, {nullable: true})
    @JoinColumn_()
    receipt!: Receipt

    /**
     * Total ever accrued to the receipt (wei), as receiptAccrued.
     */
    @BigIntColumn_({nullable: false})
    accrued!: bigint

    /**
     * Accrued and not yet claimed (wei), as receiptClaimable.
     */
    @BigIntColumn_({nullable: false})
    claimable!: bigint
}
