// Subsquid's graphql-server loads its request check from lib/server-extension/check: this is that
// entry point. The check and its limits live with the rest of the API in src/api/.
export {requestCheck} from '../api/request-check'
