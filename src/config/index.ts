/** The single home of configuration: the environment schema and its typed loaders. */
export * from './schema'
export * from './database'
export * from './env'
export * from './api'
export * from './local'
export * from './manifest'
