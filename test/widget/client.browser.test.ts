import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { ValueprintClient, ValueprintError } from '../../widget/api/client.ts';
import { renderError } from '../../widget/core/states.ts';
import { API, fakeToken, mockApi } from './mock-api.ts';

describe('ValueprintClient', () => {
  let api: ReturnType<typeof mockApi>;
  afterEach(() => api.restore());

  it('sends the embed token and the query, and returns the body', async () => {
    api = mockApi({ '/v1/value/summary': { body: { account: 'acme-corp' } } });
    const token = fakeToken();
    const client = new ValueprintClient({ api: `${API}/`, token });
    const body = await client.get<{ account: string }>('/v1/value/summary', {
      from: '2026-01-01',
      filter: undefined,
    });
    expect(body.account).to.equal('acme-corp');
    expect(api.calls[0]?.authorization).to.equal(`Bearer ${token}`);
    expect(api.calls[0]?.query.toString()).to.equal('from=2026-01-01');
  });

  it('asks fetchToken again after a 401 and retries once', async () => {
    const fresh = fakeToken(900);
    api = mockApi({
      '/v1/value/summary': (call) =>
        call.authorization === `Bearer ${fresh}`
          ? { body: { ok: true } }
          : { status: 401, body: { error: { code: 'invalid_token', message: 'expired' } } },
    });
    let asked = 0;
    const client = new ValueprintClient({
      api: API,
      token: fakeToken(900, 'stale'),
      fetchToken: async () => {
        asked += 1;
        return fresh;
      },
    });
    expect(await client.get('/v1/value/summary')).to.deep.equal({ ok: true });
    expect(asked).to.equal(1);
    expect(api.calls).to.have.length(2);
  });

  it('refreshes a token that is about to expire before sending', async () => {
    api = mockApi({ '/v1/value/story': { body: {} } });
    const fresh = fakeToken(900);
    const client = new ValueprintClient({
      api: API,
      token: fakeToken(30),
      fetchToken: async () => fresh,
    });
    await client.get('/v1/value/story');
    expect(api.calls[0]?.authorization).to.equal(`Bearer ${fresh}`);
  });

  it('shares one refresh between concurrent requests', async () => {
    api = mockApi({ '/v1/value/a': { body: 1 }, '/v1/value/b': { body: 2 } });
    let asked = 0;
    const client = new ValueprintClient({
      api: API,
      fetchToken: async () => {
        asked += 1;
        return fakeToken();
      },
    });
    await Promise.all([client.get('/v1/value/a'), client.get('/v1/value/b')]);
    expect(asked).to.equal(1);
  });

  it('shares one request between identical GETs in flight, and asks again afterwards', async () => {
    api = mockApi({ '/v1/value/summary': { body: { n: 1 } } });
    const client = new ValueprintClient({ api: API, token: fakeToken() });
    const [a, b, c] = await Promise.all([
      client.get('/v1/value/summary', { from: '2026-01-01' }),
      client.get('/v1/value/summary', { from: '2026-01-01' }),
      client.get('/v1/value/summary', { from: '2026-02-01' }),
    ]);
    expect(a).to.deep.equal(b);
    expect(c).to.deep.equal({ n: 1 });
    expect(api.calls).to.have.length(2);
    await client.get('/v1/value/summary', { from: '2026-01-01' });
    expect(api.calls).to.have.length(3);
  });

  it('turns an error body into a ValueprintError with the server code', async () => {
    api = mockApi({
      '/v1/value/series': {
        status: 400,
        body: { error: { code: 'invalid_period', message: 'bad' } },
      },
    });
    const client = new ValueprintClient({ api: API, token: fakeToken() });
    const error = await client.get('/v1/value/series').catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ValueprintError);
    expect((error as ValueprintError).code).to.equal('invalid_period');
    expect((error as ValueprintError).status).to.equal(400);
  });

  it('reads the role and account from the token for the interface', async () => {
    api = mockApi();
    const client = new ValueprintClient({ api: API, token: fakeToken(900, 'acme-corp', 'editor') });
    const session = await client.session();
    expect(session.accountId).to.equal('acme-corp');
    expect(session.role).to.equal('editor');
  });

  it('says no_token when it has neither token nor fetchToken', async () => {
    api = mockApi();
    const client = new ValueprintClient({ api: API });
    const error = await client.get('/v1/value/summary').catch((caught: unknown) => caught);
    expect((error as ValueprintError).code).to.equal('no_token');
    expect(api.calls).to.have.length(0);
  });

  const failure = (client: ValueprintClient): Promise<ValueprintError> =>
    client.get('/v1/value/summary').then(
      () => {
        throw new Error('expected a failure');
      },
      (caught: unknown) => caught as ValueprintError,
    );

  it('says session_failed when fetchToken throws or gives no token', async () => {
    api = mockApi({ '/v1/value/summary': { body: {} } });
    const throwing = new ValueprintClient({
      api: API,
      fetchToken: async () => {
        throw new Error('session route answered 500');
      },
    });
    const thrown = await failure(throwing);
    expect(thrown.code).to.equal('session_failed');
    expect(thrown.message).to.contain('session route answered 500');
    const empty = new ValueprintClient({ api: API, fetchToken: async () => '' });
    expect((await failure(empty)).code).to.equal('session_failed');
    expect(api.calls).to.have.length(0);
  });

  it('says token_expired when a fixed token has run out and the server refuses it', async () => {
    api = mockApi({
      '/v1/value/summary': {
        status: 401,
        body: { error: { code: 'unauthorized', message: 'token expired' } },
      },
    });
    const expired = await failure(new ValueprintClient({ api: API, token: fakeToken(-60) }));
    expect(expired.code).to.equal('token_expired');
    expect(expired.status).to.equal(401);
    // A 401 for another reason keeps the server's code.
    const refused = await failure(new ValueprintClient({ api: API, token: fakeToken(900) }));
    expect(refused.code).to.equal('unauthorized');
  });

  it('tells a refused origin (service up, CORS fails) from being offline', async () => {
    const corsFails = () => {
      throw new TypeError('Failed to fetch');
    };
    // The service answers the no-cors probe (/healthz has no answer here: a 404 still answers).
    api = mockApi({ '/v1/value/summary': corsFails });
    const refused = await failure(new ValueprintClient({ api: API, token: fakeToken() }));
    expect(refused.code).to.equal('origin_not_allowed');
    expect(refused.message).to.contain('VALUEPRINT_ALLOWED_ORIGINS');
    expect(refused.message).to.contain(location.origin);
    api.restore();
    // Nothing answers at all: a network failure, not a configuration error.
    api = mockApi({ '/v1/value/summary': corsFails, '/healthz': corsFails });
    const down = await failure(new ValueprintClient({ api: API, token: fakeToken() }));
    expect(down.code).to.equal('network');
  });

  it('words each failure for the customer in the page language, retry only where it can help', () => {
    const shown = (error: unknown, locale: string) => {
      const box = document.createElement('div');
      render(
        renderError(error, locale, () => {}),
        box,
      );
      return { text: box.textContent ?? '', retry: box.querySelector('button') !== null };
    };
    const session = new ValueprintError('session_failed', 'fetchToken failed (500)');
    expect(shown(session, 'en').text).to.contain('We could not start your session');
    expect(shown(session, 'de').text).to.contain('Wir konnten Ihre Sitzung nicht starten');
    expect(shown(session, 'es').text).to.contain('No pudimos iniciar tu sesión');
    expect(shown(session, 'en').retry).to.equal(true);
    expect(shown(session, 'en').text).to.not.contain('expired');
    const expired = new ValueprintError('token_expired', 'the embed token has expired', 401);
    expect(shown(expired, 'en').text).to.contain('Reload the page');
    expect(shown(expired, 'en').retry).to.equal(false);
    expect(shown(new ValueprintError('origin_not_allowed', 'x'), 'en').retry).to.equal(false);
    const internal = shown(new ValueprintError('internal', 'boom', 500), 'de');
    expect(internal.text).to.contain('Bei uns ist etwas schiefgelaufen.');
    expect(internal.text).to.not.contain('internal');
    expect(internal.retry).to.equal(true);
  });

  it('fetches the next token on a timer at ~80% of the lifetime, without a request', async () => {
    api = mockApi({ '/v1/value/summary': { body: {} } });
    const now = Math.floor(Date.now() / 1000);
    let asked = 0;
    // Issued 10 s ago, 2 s left: 80% of the lifetime has passed, so the timer fires at its floor (1 s).
    const client = new ValueprintClient({
      api: API,
      fetchToken: async () => {
        asked += 1;
        return fakeToken(asked === 1 ? 2 : 900, 'acme-corp', 'viewer', { iat: now - 10 });
      },
    });
    await client.get('/v1/value/summary');
    expect(asked).to.equal(1);
    await new Promise((done) => setTimeout(done, 1_500));
    expect(asked).to.equal(2);
    expect(api.calls).to.have.length(1);
    client.dispose();
  });
});
