import { describe, expect, it } from 'vitest';
import { type Channel, SECRET_MASK } from '../../src/lib/channels';
import {
  bodyFromChannel,
  type ChannelForm,
  channelBody,
  channelTarget,
  formFromChannel,
  keepsStoredSecret,
  looksLikeEmail,
  looksLikeHttpUrl,
  newChannelForm,
  parseRecipients,
  problemField,
  withType,
} from '../../src/lib/channel-form';
import { CHANNEL_TYPES } from '../../src/lib/channel-types';

function channel(changes: Partial<Channel> = {}): Channel {
  return {
    id: 7,
    name: 'Hook',
    type: 'webhook',
    config: { url: 'https://example.home/hook', secret: SECRET_MASK },
    owner_type: 'admin',
    enabled: true,
    min_severity: 'warning',
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    ...changes,
  };
}

const form = (type: Channel['type'], values: ChannelForm['values'], name = 'Mine'): ChannelForm => {
  const f = newChannelForm(type);
  return { ...f, name, values: { ...f.values, ...values } };
};
const bodyOf = (f: ChannelForm) => {
  const result = channelBody(f);
  if (!('body' in result)) throw new Error(`problems: ${JSON.stringify(result.problems)}`);
  return result.body;
};
const problemsOf = (f: ChannelForm) => {
  const result = channelBody(f);
  if (!('problems' in result)) throw new Error(`expected problems, got ${JSON.stringify(result.body)}`);
  return result.problems;
};

describe('a new channel’s body', () => {
  it('a webhook with a secret: the fields as typed, trimmed, enabled, for every severity', () => {
    expect(bodyOf(form('webhook', { url: ' https://example.home/hook ', secret: 's3cret' }))).toEqual({
      name: 'Mine',
      type: 'webhook',
      config: { url: 'https://example.home/hook', secret: 's3cret' },
      enabled: true,
      min_severity: 'info',
    });
  });

  it('leaves an optional field out when blank, rather than sending an empty one', () => {
    expect(bodyOf(form('webhook', { url: 'http://10.0.0.5:9000/' })).config).toEqual({ url: 'http://10.0.0.5:9000/' });
    expect(bodyOf(form('ntfy', { url: 'https://ntfy.sh/t', priority: '', token: '' })).config).toEqual({ url: 'https://ntfy.sh/t' });
  });

  it('email: the port as a number, the recipients as one comma list, the TLS choice and the certificate switch only when on', () => {
    const config = bodyOf(
      form('email', {
        smtp_host: 'smtp.example.com',
        smtp_port: '465',
        from_addr: 'lumen@example.com',
        to_addr: 'me@example.com,ops@example.com ,  x@y.z',
        tls: 'implicit',
        skip_tls_verify: false,
        password: 'pw',
      }),
    ).config;
    expect(config).toEqual({
      smtp_host: 'smtp.example.com',
      smtp_port: 465,
      tls: 'implicit',
      password: 'pw',
      from_addr: 'lumen@example.com',
      to_addr: 'me@example.com, ops@example.com, x@y.z',
    });
    const relay = bodyOf(form('email', { smtp_host: 'relay', smtp_port: '25', from_addr: 'a@b', to_addr: 'c@d', tls: 'none', skip_tls_verify: true }));
    expect(relay.config).toMatchObject({ tls: 'none', skip_tls_verify: true });
  });

  it('numbers where the hub reads numbers: Gotify’s and Pushover’s priorities; ntfy’s is a word', () => {
    expect(bodyOf(form('gotify', { url: 'https://g.home', token: 't', priority: '8' })).config.priority).toBe(8);
    expect(bodyOf(form('pushover', { app_token: 'a'.repeat(30), user_key: 'u'.repeat(30), priority: '-2' })).config.priority).toBe(-2);
    expect(bodyOf(form('ntfy', { url: 'https://ntfy.sh/t', priority: 'urgent' })).config.priority).toBe('urgent');
  });

  it('web push has no fields', () => {
    expect(bodyOf(form('web_push', {})).config).toEqual({});
  });
});

describe('the checks before a request', () => {
  it('names a missing required field, and the name', () => {
    expect(problemsOf(form('telegram', { bot_token: '', chat_id: '' }, ' '))).toEqual({
      name: 'Give the channel a name.',
      bot_token: 'Required.',
      chat_id: 'Required.',
    });
  });

  it('an address must be http(s)', () => {
    expect(problemsOf(form('webhook', { url: 'ftp://example.home' })).url).toBe('Must start with http:// or https://.');
    expect(problemsOf(form('ntfy', { url: 'ntfy.sh/topic' })).url).toBeDefined();
    expect(problemsOf(form('telegram', { bot_token: 't', chat_id: '1', api_url: 'localhost:8081' })).api_url).toBeDefined();
  });

  it('a port from 1 to 65535, a whole number', () => {
    const email = (port: string) => form('email', { smtp_host: 'h', smtp_port: port, from_addr: 'a@b', to_addr: 'c@d' });
    expect(problemsOf(email('0')).smtp_port).toBe('From 1 to 65535.');
    expect(problemsOf(email('65536')).smtp_port).toBe('From 1 to 65535.');
    expect(problemsOf(email('25.5')).smtp_port).toBe('A whole number.');
    expect(bodyOf(email('65535')).config.smtp_port).toBe(65535);
  });

  it('the shapes the hub insists on: Pushover’s 30-character keys, a Telegram token without spaces or slashes', () => {
    const key = 'a'.repeat(30);
    expect(problemsOf(form('pushover', { app_token: 'short', user_key: key })).app_token).toBe('The 30 letters and digits Pushover shows.');
    expect(bodyOf(form('pushover', { app_token: key, user_key: key.toUpperCase() })).config).toEqual({ app_token: key, user_key: key.toUpperCase() });
    expect(problemsOf(form('telegram', { bot_token: 'bot123/abc', chat_id: '1' })).bot_token).toContain('No spaces or slashes');
  });

  it('Gotify’s priority from 0 to 10', () => {
    expect(problemsOf(form('gotify', { url: 'https://g', token: 't', priority: '11' })).priority).toBe('From 0 to 10.');
  });

  it('the recipients: no empty piece, at most 20, each an address', () => {
    expect(parseRecipients('a@b.c, d@e.f')).toEqual({ addresses: ['a@b.c', 'd@e.f'] });
    expect(parseRecipients('a@b.c,')).toEqual({ error: 'An address is empty: a comma too many?' });
    expect(parseRecipients(Array.from({ length: 21 }, (_, i) => `u${i}@x.y`).join(','))).toEqual({ error: 'At most 20 addresses.' });
    expect(parseRecipients(Array.from({ length: 20 }, (_, i) => `u${i}@x.y`).join(','))).toHaveProperty('addresses');
    expect(parseRecipients('a@b.c, nobody')).toEqual({ error: '“nobody” is not an email address.' });
  });

  it('addresses as loosely as the hub: something, the last @, a domain, no whitespace', () => {
    expect(looksLikeEmail('me@example.com')).toBe(true);
    expect(looksLikeEmail('"odd@local"@example.com')).toBe(true);
    expect(looksLikeEmail('me @example.com')).toBe(false);
    expect(looksLikeEmail('@example.com')).toBe(false);
    expect(looksLikeEmail('me@')).toBe(false);
    expect(looksLikeHttpUrl('HTTPS://Example.com')).toBe(true);
    expect(looksLikeHttpUrl('https://')).toBe(false);
  });
});

describe('a stored channel in the form', () => {
  it('fills the fields, shows a secret as the mask and sends the mask back, so the hub keeps the secret', () => {
    const f = formFromChannel(channel());
    expect(f.values).toEqual({ url: 'https://example.home/hook', secret: SECRET_MASK });
    expect(keepsStoredSecret(f, 'secret')).toBe(true);
    expect(bodyOf(f)).toEqual({
      name: 'Hook',
      type: 'webhook',
      config: { url: 'https://example.home/hook', secret: SECRET_MASK },
      enabled: true,
      min_severity: 'warning',
    });
  });

  it('an edited secret goes as typed; an optional secret cleared goes away', () => {
    const f = formFromChannel(channel());
    expect(bodyOf({ ...f, values: { ...f.values, secret: 'new one' } }).config.secret).toBe('new one');
    expect(bodyOf({ ...f, values: { ...f.values, secret: '' } }).config).not.toHaveProperty('secret');
  });

  it('a required secret kept as the mask passes the checks; its address is not checked, since the hub hides it', () => {
    const discord = formFromChannel(channel({ type: 'discord', config: { url: SECRET_MASK } }));
    expect(bodyOf(discord).config).toEqual({ url: SECRET_MASK });
    const cleared = { ...discord, values: { url: '' } };
    expect(problemsOf(cleared).url).toBe('Required.');
  });

  it('keeps the fields the form has no input for (the Go hub’s digest_window)', () => {
    const f = formFromChannel(channel({ config: { url: 'https://a.b/c', digest_window: '5m' } }));
    expect(f.extra).toEqual({ digest_window: '5m' });
    expect(bodyOf(f).config).toEqual({ digest_window: '5m', url: 'https://a.b/c' });
  });

  it('reads what the hub stored in other forms: a number as text, a switch as written, ntfy’s numbered priority by its name', () => {
    const email = formFromChannel(
      channel({ type: 'email', config: { smtp_host: 'h', smtp_port: 587, from_addr: 'a@b', to_addr: 'c@d', skip_tls_verify: 'true', password: SECRET_MASK } }),
    );
    expect(email.values).toMatchObject({ smtp_port: '587', skip_tls_verify: true, password: SECRET_MASK, username: '' });
    expect(formFromChannel(channel({ type: 'ntfy', config: { url: 'https://ntfy.sh/t', priority: 5 } })).values.priority).toBe('urgent');
  });

  it('another type starts empty, since a mask means nothing to it; back to its own type the stored fields return', () => {
    const f = formFromChannel(channel({ type: 'discord', config: { url: SECRET_MASK } }));
    const slack = withType(f, 'slack');
    expect(slack.values).toEqual({ url: '' });
    expect(keepsStoredSecret({ ...slack, values: { url: SECRET_MASK } }, 'url')).toBe(false);
    expect(withType(slack, 'discord').values).toEqual({ url: SECRET_MASK });
  });

  it('the list’s switch saves the channel as it is: its config as the hub gave it, masks and all', () => {
    const c = channel();
    expect(bodyFromChannel(c, { enabled: false })).toEqual({ name: 'Hook', type: 'webhook', config: c.config, enabled: false, min_severity: 'warning' });
  });
});

describe('the hub’s refusal at its field', () => {
  it('reads the field from "config.<field>: …" and the name', () => {
    expect(problemField('config.url: must be an http:// or https:// address with a host')).toBe('url');
    expect(problemField('config.smtp_port: must be 1 to 65535')).toBe('smtp_port');
    expect(problemField('name is required')).toBe('name');
    expect(problemField('unknown channel type "sms"')).toBeNull();
  });
});

describe('the types', () => {
  it('has a form for every type the hub knows, each field once, secrets where the hub masks', () => {
    expect(CHANNEL_TYPES.map((t) => t.type).sort()).toEqual(['discord', 'email', 'gotify', 'ntfy', 'pushover', 'slack', 'telegram', 'web_push', 'webhook']);
    for (const t of CHANNEL_TYPES) expect(new Set(t.fields.map((f) => f.key)).size).toBe(t.fields.length);
    const secrets = CHANNEL_TYPES.flatMap((t) => t.fields.filter((f) => f.secret).map((f) => `${t.type}.${f.key}`)).sort();
    expect(secrets).toEqual([
      'discord.url',
      'email.password',
      'gotify.token',
      'ntfy.token',
      'pushover.app_token',
      'pushover.user_key',
      'slack.url',
      'telegram.bot_token',
      'webhook.secret',
    ]);
  });

  it('says where a channel goes without showing a secret', () => {
    expect(channelTarget(channel())).toBe('https://example.home/hook');
    expect(channelTarget(channel({ type: 'discord', config: { url: SECRET_MASK } }))).toBe('webhook (hidden)');
    expect(channelTarget(channel({ type: 'email', config: { to_addr: 'a@b, c@d' } }))).toBe('a@b, c@d');
    expect(channelTarget(channel({ type: 'telegram', config: { bot_token: SECRET_MASK, chat_id: '-100' } }))).toBe('chat -100');
  });
});
