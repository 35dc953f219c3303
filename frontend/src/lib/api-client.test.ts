import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { api, setUnauthorizedHandler } from './api-client';
import { ApiError, fieldError } from './api-error';
import { fakeApi, problem } from '@/testing/fake-api';
import { aUser } from '@/testing/fixtures';

describe('problem+json middleware', () => {
  it('turns a validation problem into an ApiError showing the detail and each field message', async () => {
    fakeApi({
      'POST /api/users': () =>
        problem(422, 'Validation failed', [
          { field: 'email', code: 'email.invalid', message: 'must be a valid email' },
          { field: 'password', code: 'length', message: 'at least 10 characters', params: { min: 10, max: 200 } },
        ]),
    });
    const error = await api
      .POST('/api/users', { body: { email: 'x', name: 'X', role: 'STAFF', password: 'short' } })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.message).toBe('Validation failed — email: must be a valid email; password: at least 10 characters');
    expect(apiError.fieldErrors).toEqual({ email: 'must be a valid email', password: 'at least 10 characters' });
  });

  it('finds a custom field error whatever prefix the backend gives the field', () => {
    const error = new ApiError(422, { detail: 'Invalid', errors: [{ field: 'customFields.peppol_ready', code: 'type.boolean', message: 'must be yes or no', params: {} }] });
    expect(fieldError(error, 'peppol_ready')).toBe('must be yes or no');
    expect(fieldError(error, 'peppol_comments')).toBeUndefined();
  });

  it('reads a plain-text error body into the message', async () => {
    fakeApi({ 'GET /api/users': () => new HttpResponse('Service Unavailable', { status: 503, headers: { 'content-type': 'text/plain' } }) });
    const error = (await api.GET('/api/users').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(503);
    expect(error.message).toBe('Service Unavailable');
  });

  it('reports an expired session (401) so the app can return to sign-in, but not for a failed login', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fakeApi({
      'GET /api/users': () => problem(401, 'Not authenticated'),
      'POST /api/auth/login': () => problem(401, 'Bad email or password'),
    });
    await expect(api.GET('/api/users')).rejects.toThrow('Not authenticated');
    expect(handler).toHaveBeenCalledTimes(1);
    await expect(api.POST('/api/auth/login', { body: { email: 'a@b.c', password: 'nope' } })).rejects.toThrow('Bad email or password');
    expect(handler).toHaveBeenCalledTimes(1);
    setUnauthorizedHandler(undefined);
  });

  it('sends the session cookie with every call', async () => {
    const fake = fakeApi({ 'GET /api/auth/me': () => aUser() });
    await api.GET('/api/auth/me');
    expect(fake.calls[0].request.credentials).toBe('include');
  });
});
