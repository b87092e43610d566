/** The README cookbook's entity queries the API benchmarks send (bench/api.ts, bench/api-abuse.ts), in one place. */
export const ASSET_HISTORY_QUERY = `query AssetHistory($asset: String!) {
  assetById(id: $asset) {
    kind status owner { id } version uri grossRevenue upstreamRevenue invocationCount
    versions(orderBy: version_ASC, limit: 20) { version uri block }
    parents(limit: 8) { parent { id kind } relation upstreamBps }
    transfers(orderBy: block_DESC, limit: 10) { from to block }
  }
  revenueDistributions(where: {asset: {id_eq: $asset}}, orderBy: block_DESC, limit: 20, offset: 0) {
    payment { id source amount } depth amount toOwner toContributors toUpstream
  }
}`

export const CONTRIBUTOR_RECEIPTS_QUERY = `query ContributorReceipts($account: String!) {
  accountById(id: $account) {
    receiptCount receiptClaimed ownerEarned ownerClaimable
    receipts(limit: 50) { id asset { id } weight revoked claimed }
  }
}`
