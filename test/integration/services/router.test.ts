import { describe, expect, it } from 'vitest';
import { testContext } from '../../support/context';

describe('RPC router', () => {
  it('rejects a wrong payload with a validation error naming the field', async () => {
    const { router } = testContext();
    const result = await router.call('ports.create', { fields: { name: '' }, numbers: [42] });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (result.ok) throw new Error('expected an error');
    expect(result.error.message).toContain('fields.name: is required');
    expect(result.error.message).toContain('numbers.0');
    expect(result.error.details).toEqual({ fields: ['fields.name', 'numbers.0'] });
  });

  it('rejects unknown methods and prototype keys', async () => {
    const { router } = testContext();
    expect(await router.call('ports.drop', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Unknown method "ports.drop"' } });
    expect(await router.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await router.call(undefined, {})).toMatchObject({ ok: false });
  });

  it('returns service errors as values with their code', async () => {
    const { router } = testContext();
    expect(await router.call('ports.get', { id: 'nope' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No port request with id nope', details: { id: 'nope' } } });
  });

  it('strips unknown fields instead of writing them', async () => {
    const { router, ports } = testContext();
    const result = await router.call('ports.create', { fields: { name: 'Acme', isAdmin: true }, numbers: ['2025550143'] });
    expect(result.ok).toBe(true);
    expect(ports.list()[0]).not.toHaveProperty('isAdmin');
  });
});
