import { expect } from '@open-wc/testing';
import { ValueprintClient, ValueprintError } from '../../widget/api/client.ts';
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
});
