import { ConfigError, configProblems } from './config-error';
import { configModel, type Config } from './model';

export { ConfigError } from './config-error';
export type { Config } from './model';
export type { ModelPrice } from './concerns/usage';
export type NodeEnv = Config['env'];
export type ClaudeConfig = Config['claude'];
export type WoodpeckerConfig = Config['woodpecker'];
export type ResilienceConfig = Config['resilience'];
export type AuthConfig = Config['auth'];

/** The only reader of process.env. Pure: the same input gives the same config, so tests pass their own env. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configModel.safeParse(source);
  if (!parsed.success) throw new ConfigError(configProblems(parsed.error));
  return parsed.data;
}
