export { ConfigError, parseEnvironment } from './parse-environment';
export * from './variables';
