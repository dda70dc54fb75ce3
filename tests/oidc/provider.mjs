// A real OpenID Connect provider on loopback for Tillid's single sign-on tests (never deployed).
//
// node tests/oidc/provider.mjs --port 4711 --users users.json --redirect-uri http://127.0.0.1:8000/konto/kommunelogin/svar/
//
// It is the `oidc-provider` package (certified OpenID provider) with one confidential client,
// `tillid-test` (secret `tillid-test-secret`, client_secret_post, RS256 ID tokens), and a
// login interaction of its own: e-mail and password, then, for users whose "second_factor" is
// true, a one-time code page. The ID token's `amr` says what happened: ["pwd"] after a password
// only, ["pwd", "otp", "mfa"] after the code; `acr` is the user's "acr" when set.
//
// Users live in a JSON file read again at every login and every claims request, so a test
// changes a user's groups between two logins by rewriting the file:
//
//   {"users": {"anna@kk.example": {"password": "…", "name": "Anna", "groups": ["g1"],
//              "second_factor": true, "code": "123456", "acr": "…"}}}
//
// The claims `email`, `email_verified`, `name` and `groups` go into the ID token and userinfo.
// When it listens it prints one line: `READY <issuer>`.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    users: { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
  },
});
if (!args.port || !args.users) {
  console.error('usage: provider.mjs --port N --users FILE [--redirect-uri URI ...]');
  process.exit(2);
}

const issuer = `http://127.0.0.1:${args.port}`;
export const CLIENT_ID = 'tillid-test';
export const CLIENT_SECRET = 'tillid-test-secret';

function loadUsers() {
  return JSON.parse(readFileSync(args.users, 'utf8')).users || {};
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test-key' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: args['redirect-uri'].length ? args['redirect-uri'] : ['http://127.0.0.1/unused'],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub', 'acr', 'amr'],
    email: ['email', 'email_verified'],
    profile: ['name', 'groups'],
  },
  // Like Entra ID, which puts groups into the ID token: the claims of the granted scopes go
  // into the ID token as well as the userinfo answer.
  conformIdTokenClaims: false,
  acrValues: ['urn:tillid:test:mfa', 'urn:tillid:test:pwd'],
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const user = loadUsers()[id];
    if (!user) return undefined;
    return {
      accountId: id,
      async claims() {
        const current = loadUsers()[id] || user;
        return {
          sub: id,
          email: id,
          email_verified: true,
          name: current.name,
          groups: current.groups || [],
        };
      },
    };
  },
});

function page(title, body) {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`
    + `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function loginForm(uid, error = '') {
  return page('Kommunens login (test)', `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username">
<label for="password">Adgangskode</label><input id="password" name="password" type="password">
<button type="submit">Videre</button></form>`);
}

function codeForm(uid, error = '') {
  return page('Bekræft med din kode (test)', `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/code">
<label for="code">Engangskode</label><input id="code" name="code" inputmode="numeric">
<button type="submit">Bekræft</button></form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

// Who passed the password step of which interaction, waiting for the code.
const pendingCode = new Map();

async function finish(req, res, accountId, amr, acr) {
  const grant = new provider.Grant({ accountId, clientId: CLIENT_ID });
  grant.addOIDCScope('openid email profile');
  const grantId = await grant.save();
  const login = { accountId, amr };
  if (acr) login.acr = acr;
  await provider.interactionFinished(req, res, { login, consent: { grantId } }, {
    mergeWithLastSubmission: false,
  });
}

async function interaction(req, res, uid, step) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('Forkert login', ''));
  if (req.method === 'GET') return send(res, 200, loginForm(uid));
  const form = await readForm(req);
  if (step === 'login') {
    const email = (form.get('email') || '').trim().toLowerCase();
    const user = loadUsers()[email];
    if (!user || user.password !== form.get('password')) {
      return send(res, 200, loginForm(uid, 'Forkert e-mail eller adgangskode.'));
    }
    if (!user.second_factor) return finish(req, res, email, ['pwd'], user.acr);
    pendingCode.set(uid, email);
    return send(res, 200, codeForm(uid));
  }
  if (step === 'code') {
    const email = pendingCode.get(uid);
    const user = email && loadUsers()[email];
    if (!user) return send(res, 200, loginForm(uid));
    if (form.get('code') !== (user.code || '123456')) {
      return send(res, 200, codeForm(uid, 'Forkert kode.'));
    }
    pendingCode.delete(uid);
    return finish(req, res, email, ['pwd', 'otp', 'mfa'], user.acr);
  }
  return send(res, 404, page('Ikke fundet', ''));
}

const handleProvider = provider.callback();
const server = createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|code))?$/.exec(req.url.split('?')[0]);
  if (!match) return handleProvider(req, res);
  return interaction(req, res, match[1], match[2] || '').catch((error) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, page('Fejl', escapeHtml(error.message)));
  });
});
server.listen(Number(args.port), '127.0.0.1', () => {
  console.log(`READY ${issuer}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
