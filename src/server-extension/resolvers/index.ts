// Subsquid's graphql-server loads custom resolvers from lib/server-extension/resolvers: this is
// that entry point. The resolvers themselves live with the rest of the API in src/api/.
export * from '../../api/resolvers'
