export enum AssetStatus {
    ACTIVE = "ACTIVE",
    PAUSED = "PAUSED",
    RETIRED = "RETIRED",
}
