import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError, stringifyError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/** The unit of a deprecated numeric duration key (`requestTimeoutMs`, `cacheFreshSeconds`). */
export type DeprecatedDurationUnit = 'milliseconds' | 'seconds' | 'days';

const MS_PER: Record<DeprecatedDurationUnit, number> = {
  milliseconds: 1,
  seconds: 1000,
  days: 24 * 60 * 60 * 1000,
};

/** The innermost cause: Backstage's messages nest theirs ("..., Error: Needs one of ..."). */
const reason = (error: unknown) =>
  stringifyError(error)
    .split(/(?:^|,? )\w*Error: /)
    .pop();

export interface ReadDurationOptions {
  /**
   * The deprecated key holding a plain number in its unit, by its full path, read when
   * the duration key is not set: `{ key: 'argocd.cacheFreshSeconds', unit: 'seconds' }`.
   */
  deprecated?: { key: string; unit: DeprecatedDurationUnit };
  /** The duration when neither key is set. */
  defaultValue: HumanDuration;
  /**
   * Zero is a valid value (a cache period of 0: always read again). Otherwise a duration
   * must be positive. Negative durations are always refused.
   */
  allowZero?: boolean;
}

/**
 * Reads a duration from config, in milliseconds, as Backstage reads durations
 * (`readDurationFromConfig`): a HumanDuration object (`{ seconds: 10 }`), an `ms`-style
 * string (`10s`, `2 minutes`) or an ISO 8601 duration (`PT10S`). When `key` is not set,
 * the deprecated numeric key (`requestTimeoutMs: 10000`) is read in its unit, then the
 * default applies. When both are set, `key` wins. A value that is not a duration, or is
 * not positive (see allowZero), fails with an InputError naming the key.
 *
 * @param config - The root config.
 * @param key - The full path of the duration key: `argocd.cacheFresh`.
 */
export function readDurationMs(
  config: Config,
  key: string,
  options: ReadDurationOptions,
): number {
  const check = (ms: number, at: string, shown: string): number => {
    if (!Number.isFinite(ms) || ms < 0 || (ms === 0 && !options.allowZero)) {
      throw new InputError(
        `${at} must be a ${
          options.allowZero ? 'non-negative' : 'positive'
        } duration, got ${shown}`,
      );
    }
    return ms;
  };

  const value = config.getOptional(key);
  if (value !== undefined) {
    if (typeof value === 'number') {
      throw new InputError(
        `${key} must be a duration with a unit, such as '10s', 'PT10S' or { seconds: 10 }; got the plain number ${value}`,
      );
    }
    let duration: HumanDuration;
    try {
      duration = readDurationFromConfig(config, { key });
    } catch (error) {
      throw new InputError(
        `${key} must be a duration such as '10s', 'PT10S' or { seconds: 10 }, got ${JSON.stringify(
          value,
        )}: ${reason(error)}`,
      );
    }
    return check(durationToMilliseconds(duration), key, JSON.stringify(value));
  }

  const deprecated = options.deprecated;
  if (deprecated && config.has(deprecated.key)) {
    let old: number | undefined;
    try {
      // A number, or a string of one (as a substituted environment variable gives).
      old = config.getOptionalNumber(deprecated.key);
    } catch (error) {
      throw new InputError(
        `${deprecated.key} must be a number of ${
          deprecated.unit
        } (or use ${key}, a duration such as '10s'): ${reason(error)}`,
      );
    }
    if (old !== undefined) {
      return check(old * MS_PER[deprecated.unit], deprecated.key, String(old));
    }
  }

  return durationToMilliseconds(options.defaultValue);
}
