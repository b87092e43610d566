// Custom type-graphql resolvers served next to the generated entity API by
// @subsquid/graphql-server (it loads lib/server-extension/resolvers). One line per module.
export {ApiInfoResolver} from './api-info'
export {TreasuryAnalyticsResolver} from './treasury'
export {GovernanceAnalyticsResolver} from './governance'
export {AttributionResolver} from './attribution'
export {ProofResolver} from './proofs'
export {LiveResolver} from './live'
export {ParticipationAnalyticsResolver} from './participation'
