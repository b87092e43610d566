import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, OneToOne as OneToOne_, Index as Index_, JoinColumn as JoinColumn_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {License} from "./license.model"

/**
 * A license's validity at the indexed head, exactly LicenseRegistry.isValid called at
 * IndexedHead.height: not revoked, and perpetual (expiresAt = 0) or that block's time < expiresAt.
 * "Now" is the indexed head's block time (`atTimestamp`), not the server's clock: a license whose
 * expiry has passed on the wall clock stays valid until a block at or after expiresAt is indexed,
 * as on chain. Computed when queried (a view over license and IndexedHead). Reached as
 * `License.validity`.
 */
@Entity_()
export class LicenseValidity {
    constructor(props?: Partial<LicenseValidity>) {
        Object.assign(this, props)
    }

    /**
     * The license id.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The license.
     */
    @Index_({unique: true})
    @OneToOne_(() => License, {nullable: true})
    @JoinColumn_()
    license!: License

    /**
     * isValid at atBlock.
     */
    @BooleanColumn_({nullable: false})
    isValid!: boolean

    /**
     * The block it holds at: the indexed head, or the `asOfBlock` asked for.
     */
    @IntColumn_({nullable: false})
    atBlock!: number

    /**
     * That block's time, unix seconds (compare with License.expiresAt).
     */
    @BigIntColumn_({nullable: false})
    atTimestamp!: bigint
}
