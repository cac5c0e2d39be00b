import { afterEach, describe, expect, it } from 'vitest';
import { internalCallHeaders, isInternalCall } from './internal-call';

describe('internal-call key (HUB_INTERNAL_KEY)', () => {
  afterEach(() => {
    delete process.env.HUB_INTERNAL_KEY;
  });

  it('lets every call through when no key is configured (development)', () => {
    expect(internalCallHeaders()).toEqual({});
    expect(isInternalCall(undefined)).toBe(true);
  });

  it('with a key: only the exact key passes, and the calls the hub makes carry it', () => {
    process.env.HUB_INTERNAL_KEY = 'k3y-of-the-hub';
    expect(internalCallHeaders()).toEqual({ 'x-hub-internal-key': 'k3y-of-the-hub' });
    expect(isInternalCall('k3y-of-the-hub')).toBe(true);
    expect(isInternalCall(undefined)).toBe(false);
    expect(isInternalCall('k3y-of-the-hu')).toBe(false);
    expect(isInternalCall(['k3y-of-the-hub', 'x'])).toBe(false);
  });
});
