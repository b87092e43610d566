export enum SpendCategory {
    GRANT = "GRANT",
    REWARDS = "REWARDS",
    OPERATIONS = "OPERATIONS",
    LIQUIDITY = "LIQUIDITY",
    OTHER = "OTHER",
}
